#!/usr/bin/env python3
"""Writes bash and zsh completion files for jisr from its own --help output,
so the completions list exactly the subcommands and options the tool has.
    completions.py JISR_BINARY OUT_DIR   -> OUT_DIR/jisr.bash, OUT_DIR/_jisr
"""
import pathlib
import re
import subprocess
import sys


def help_text(binary, *args):
    return subprocess.run([binary, *args, "--help"], capture_output=True, text=True, check=True).stdout


def subcommands(text):
    out, inside = [], False
    for line in text.splitlines():
        if line.strip() == "Subcommands:":
            inside = True
            continue
        if inside:
            m = re.match(r"^\s{2}(\S+)\s", line)
            if not m:
                break
            out.append(m.group(1))
    return out


def options(text):
    opts = []
    for line in text.splitlines():
        m = re.match(r"^\s{2}(-[^\s]+)", line)
        if m:
            for name in m.group(1).split(","):
                name = name.split(":")[0].split("=")[0]
                if name.startswith("-"):
                    opts.append(name)
    return opts


def main():
    binary, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    commands = subcommands(help_text(binary))
    per = {c: options(help_text(binary, c)) for c in commands}
    cases = "\n".join(f'    {c}) opts="{" ".join(per[c])}" ;;' for c in commands)
    (out / "jisr.bash").write_text(f"""# bash completion for jisr (generated from jisr --help)
_jisr() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} cmd=${{COMP_WORDS[1]}} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "{' '.join(commands)} help --help --version" -- "$cur"))
    return
  fi
  case $cmd in
{cases}
    help) COMPREPLY=($(compgen -W "{' '.join(commands)}" -- "$cur")); return ;;
    *) opts="" ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -o filenames -F _jisr jisr
""")
    zcases = "\n".join(f"    {c}) _arguments '*:file:_files' {' '.join(repr(o) for o in per[c])} ;;" for c in commands)
    (out / "_jisr").write_text(f"""#compdef jisr
# zsh completion for jisr (generated from jisr --help)
if (( CURRENT == 2 )); then
  _values 'jisr command' {' '.join(commands)} help
  return
fi
case $words[2] in
{zcases}
  *) _files ;;
esac
""")


if __name__ == "__main__":
    main()

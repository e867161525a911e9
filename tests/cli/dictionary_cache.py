#!/usr/bin/env python3
"""The cached table of the system dictionary, seen from the command line.

Usage: dictionary_cache.py JISR EXAMPLES_DIR WORK_DIR

A small dictionary in the dictd format FreeDict installs is put in a folder
given as $JISR_DICTD_DIR, and the cache folder is $XDG_CACHE_HOME/jisr. Checks:
the first `jisr align` builds the table; the second reads it (the file is
left as it is); a corrupt and a truncated table are each rebuilt; four runs
started together on an empty cache all succeed; without a writable cache
folder the run still succeeds. Every run writes the same beads.
"""
import os
import shutil
import subprocess
import sys

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(n):
    out = ""
    while True:
        out = DIGITS[n % 64] + out
        n //= 64
        if n == 0:
            return out


def write_dictd(folder, name, entries):
    """FILE.index and FILE.dict as dictd writes them: headword, base64 offset and length."""
    body, index = b"", []
    for head, glosses in entries:
        entry = (head + "\n" + "".join(f"{k + 1}. {g}\n" for k, g in enumerate(glosses))).encode()
        index.append(f"{head}\t{b64(len(body))}\t{b64(len(entry))}\n")
        body += entry
    with open(os.path.join(folder, name + ".dict"), "wb") as f:
        f.write(body)
    with open(os.path.join(folder, name + ".index"), "w", encoding="utf-8") as f:
        f.writelines(index)


def main():
    jisr, examples, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    dictd, cache_home = os.path.join(work, "dictd"), os.path.join(work, "cache")
    os.makedirs(dictd)
    # Words of the press example, so that the dictionary takes part in the alignment.
    write_dictd(dictd, "freedict-ara-eng", [("مياه", ["water"]), ("الشرب", ["drinking"]), ("قرى", ["villages"]),
                                            ("مجلس", ["council"]), ("الإصلاح", ["repair", "reform"])])
    write_dictd(dictd, "freedict-eng-ara", [("water", ["مياه"]), ("council", ["مجلس"]), ("work", ["أعمال"])])
    table = os.path.join(cache_home, "jisr", "freedict-ara-eng.table")
    failures = []

    def run(out, home=cache_home):
        env = dict(os.environ, JISR_DICTD_DIR=dictd, XDG_CACHE_HOME=home)
        return subprocess.Popen([jisr, "align", os.path.join(examples, "press.ar.txt"),
                                 os.path.join(examples, "press.en.txt"), "--model", "ar-en", "-f", "beads",
                                 "-o", os.path.join(work, out), "--quiet"], env=env, stderr=subprocess.PIPE)

    def finish(proc, what):
        _, err = proc.communicate()
        if proc.returncode != 0:
            failures.append(f"{what}: exit {proc.returncode}: {err.decode(errors='replace')}")

    def beads(out):
        with open(os.path.join(work, out), "rb") as f:
            return f.read()

    def table_bytes():
        with open(table, "rb") as f:
            return f.read()

    finish(run("first.beads"), "first run")
    if not os.path.isfile(table):
        failures.append("the first run wrote no table in the cache folder")
        print("\n".join(failures))
        return 1
    built, stamp = table_bytes(), os.stat(table).st_mtime_ns
    first = beads("first.beads")
    if not first:
        failures.append("the first run wrote no beads")

    finish(run("second.beads"), "second run")
    if os.stat(table).st_mtime_ns != stamp:
        failures.append("the second run rewrote the table instead of reading it")

    # A byte changed in the middle, then the file cut short: each is refused and rebuilt.
    damaged = bytearray(built)
    damaged[len(damaged) // 2] ^= 0x40
    for what, data in (("corrupt", bytes(damaged)), ("truncated", built[:len(built) // 2])):
        with open(table, "wb") as f:
            f.write(data)
        finish(run(what + ".beads"), f"{what} table")
        if table_bytes() != built:
            failures.append(f"a {what} table was not rebuilt to the same bytes")

    # Processes racing to build the same table.
    os.remove(table)
    procs = [run(f"race{k}.beads") for k in range(4)]
    for k, p in enumerate(procs):
        finish(p, f"racing run {k}")
    if table_bytes() != built:
        failures.append("the table left by racing runs differs from the one built alone")
    if any(name.endswith(".tmp") for name in os.listdir(os.path.dirname(table))):
        failures.append("racing runs left a temporary file in the cache folder")

    # A cache folder that cannot be made (its parent is a file).
    blocker = os.path.join(work, "not-a-folder")
    with open(blocker, "w") as f:
        f.write("")
    finish(run("uncached.beads", home=blocker), "unwritable cache folder")

    for out in ["second", "corrupt", "truncated", "race0", "race1", "race2", "race3", "uncached"]:
        if os.path.exists(os.path.join(work, out + ".beads")) and beads(out + ".beads") != first:
            failures.append(f"{out} run: beads differ from the first run's")
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("dictionary cache: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

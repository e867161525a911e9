#!/usr/bin/env python3
"""Checks that `jisr eval --set` agrees with tests/eval/score.py to 4 decimals.

Usage: crosscheck.py JISR SHARED_DIR SET [--docs dev|test] [--pairs] [--vecalign]

Runs `jisr eval --set SHARED_DIR/data/SET --json --save-test TMP`, scores the
saved test beads again with score.py and compares every count exactly and
every score to 4 decimals. Exit 0 when they agree, 1 when they differ, 77
(ctest's skip code) when the shared data is absent, unless CI=true, when its
absence is a failure.
"""
import json
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from shared_data import absent  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    jisr, shared, name = args[:3]
    rest = args[3:]
    split = rest[rest.index("--docs") + 1] if "--docs" in rest else None
    pairs = "--pairs" in rest
    vecalign = "--vecalign" in rest
    folder = os.path.join(shared, "data", name)
    if not os.path.isdir(folder):
        return absent(f"shared data not found at {folder}")
    docs = os.path.join(shared, "data", "splits", f"{name}.{split}.txt") if split else None
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [jisr, "eval", "--set", folder, "--json", "--save-test", tmp]
        if docs:
            cmd += ["--docs", docs]
        if pairs:
            cmd.append("--pairs")
        if vecalign:
            cmd += ["--protocol", "vecalign"]
        if name.startswith("bleualign"):
            cmd += ["--aligner-args", "--model generic"]
        ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        ref_cmd = [sys.executable, os.path.join(HERE, "score.py"), "--set", folder, "--test-dir", tmp]
        if docs:
            ref_cmd += ["--docs", docs]
        if pairs:
            ref_cmd.append("--pairs")
        if vecalign:
            ref_cmd.append("--original-gold")
        ref = json.loads(subprocess.run(ref_cmd, check=True, capture_output=True, text=True).stdout)

    problems = []
    checked = 0

    def same(path, a, b):
        nonlocal checked
        checked += 1
        if isinstance(b, float) or isinstance(a, float):
            if round(a, 4) != round(b, 4):
                problems.append(f"{path}: jisr {a:.6f}, score.py {b:.6f}")
        elif a != b:
            problems.append(f"{path}: jisr {a}, score.py {b}")

    def walk(path, a, b):
        for key, value in b.items():
            if isinstance(value, dict):
                walk(f"{path}.{key}", a[key], value)
            else:
                same(f"{path}.{key}", a[key], value)

    for key in ("documents", "src_sentences", "tgt_sentences"):
        same(key, ours[key], ref[key])
    walk("text", ours["text"], ref["text"])
    if not pairs:
        for key in ("beads", "beads_with_null", "vecalign"):
            walk(key, ours[key], ref[key])
        our_types = {row["type"]: row for row in ours["types"]}
        if set(our_types) != set(ref["types"]):
            problems.append(f"bead types differ: {sorted(our_types)} vs {sorted(ref['types'])}")
        else:
            for t, row in ref["types"].items():
                walk(f"types[{t}]", our_types[t], row)
    if problems:
        print(f"{name}: jisr eval and score.py disagree:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    headline = ours["text"]["f1"] if pairs else ours["beads"]["strict"]["f1"]
    label = "text-pair F1" if pairs else "strict F1"
    print(f"{name}: {checked} figures agree ({label} {headline:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

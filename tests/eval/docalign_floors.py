#!/usr/bin/env python3
"""The floors of `jisr docalign` on the shared sets (ctest label eval).

  docalign_floors.py JISR SHARED_DIR

1. Every test document of ntrex-ar-en and tico19-ar-en as one pile, names
   hidden, order shuffled: pair F1 >= 0.99.
2. The same with 30 % of the English documents left out: pair precision
   >= 0.99, and at least 99 % of the Arabic documents without a partner
   reported unmatched.
3. ../shared/seeds as one mixed pile: 000 <-> 001 paired, 002, 003 and 004
   reported unmatched.
Exit 0 when every floor holds, 1 when one fails, 77 (ctest's skip) when the
shared data is absent, unless CI=true, when that is a failure.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import docalign_piles  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from shared_data import absent  # noqa: E402

SETS = ["ntrex-ar-en", "tico19-ar-en"]


def run(jisr, args):
    return subprocess.run([jisr, "docalign", "-q", *args], capture_output=True, text=True)


def pile_floor(jisr, sets, tmp, drop, seed):
    pile = os.path.join(tmp, f"pile-{seed}")
    docalign_piles.hide(sets, pile, drop, seed)
    out = os.path.join(pile, "pairs.tsv")
    p = run(jisr, ["--ar", os.path.join(pile, "ar"), "--en", os.path.join(pile, "en"), "-o", out])
    if p.returncode != 0:
        raise RuntimeError(f"jisr docalign exited {p.returncode}: {p.stderr}")
    return docalign_piles.score(os.path.join(pile, "gold.tsv"), out)


def main():
    jisr, shared = sys.argv[1], sys.argv[2]
    data = os.path.join(shared, "data")
    seeds = os.path.join(shared, "seeds")
    needed = [os.path.join(data, s) for s in SETS] + [seeds]
    missing = [p for p in needed if not os.path.isdir(p)]
    if missing:
        return absent(f"no {missing[0]}")
    sets = [(os.path.join(data, s), os.path.join(data, "splits", s + ".test.txt")) for s in SETS]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        whole = pile_floor(jisr, sets, tmp, 0.0, 11)
        print("whole pile:", json.dumps(whole))
        if whole["f1"] < 0.99:
            failures.append(f"whole pile: F1 {whole['f1']} < 0.99")
        cut = pile_floor(jisr, sets, tmp, 0.3, 12)
        print("30 % of English left out:", json.dumps(cut))
        if cut["precision"] < 0.99:
            failures.append(f"30 % left out: precision {cut['precision']} < 0.99")
        if cut["reported_unmatched"] < 0.99 * cut["ar_without_en"]:
            failures.append(f"30 % left out: {cut['reported_unmatched']} of {cut['ar_without_en']} "
                            "Arabic documents without a partner reported unmatched")
    p = run(jisr, ["--pile", seeds])
    if p.returncode != 0:
        failures.append(f"seeds: exited {p.returncode}: {p.stderr}")
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    name = lambda path: os.path.basename(path)[:3] if path else ""  # noqa: E731
    got = sorted((name(a), name(e)) for a, e, _ in rows)
    print("seeds:", got)
    want = sorted([("000", "001"), ("002", ""), ("003", ""), ("004", "")])
    if got != want:
        failures.append(f"seeds: {got}, expected {want}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

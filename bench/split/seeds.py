#!/usr/bin/env python3
"""Boundary F1 of `jisr split` on the seed documents (../shared/seeds) against
the gold segmentations in tests/data/split/*.lengths, beside plain ICU.

A .lengths file gives each gold sentence as its count of code points other than
white space; the gold text is rebuilt from the seed. Scoring is `jisr eval
--split` on the rebuilt gold and the splitter's output.

Usage: bench/split/seeds.py [--jisr PATH] [--seeds DIR] [--check FLOOR ...]
  --check NAME=F1  exit 1 when seed NAME (its number, e.g. 003) scores below F1
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

SPACE = re.compile(r"[\s\u200b\ufeff]")
LANGS = {"000": "ar", "001": "en", "002": "ar", "003": "ar", "004": "ar"}


def gold_text(raw, lengths):
    out, i = [], 0
    for n in lengths:
        taken, start = 0, i
        while i < len(raw) and taken < n:
            if not SPACE.match(raw[i]):
                taken += 1
            i += 1
        out.append(" ".join(raw[start:i].split()))
    return "\n".join(out) + "\n"


def score(jisr, gold_path, test_text):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(test_text)
        test_path = f.name
    try:
        run = subprocess.run([jisr, "eval", "--split", "--json", "--gold", gold_path, "--test",
                              test_path], capture_output=True, check=True)
        return json.loads(run.stdout)["all"]["f1"]
    finally:
        os.unlink(test_path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jisr", default=os.path.join(root, "build", "release", "bin", "jisr"))
    ap.add_argument("--seeds", default=os.path.join(root, "..", "shared", "seeds"))
    ap.add_argument("--check", nargs="*", default=[], metavar="NAME=F1")
    args = ap.parse_args()
    if not os.path.isdir(args.seeds):
        if os.environ.get("CI") == "true":
            print(f"seeds.py: {args.seeds} is missing and CI=true", file=sys.stderr)
            return 1
        print(f"seeds.py: skipped, {args.seeds} is absent")
        return 77
    floors = dict(c.split("=") for c in args.check)
    failed = []
    print("| seed | lang | sentences (gold) | jisr F1 | plain ICU F1 |")
    print("|---|---|---:|---:|---:|")
    data = os.path.join(root, "tests", "data", "split")
    for name in sorted(os.listdir(data)):
        if not name.endswith(".lengths"):
            continue
        stem = name[:-len(".lengths")]
        number = stem[:3]
        with open(os.path.join(data, name), encoding="utf-8") as f:
            lengths = [int(l) for l in f if l.strip() and not l.startswith("#")]
        with open(os.path.join(args.seeds, stem + ".txt"), encoding="utf-8") as f:
            raw = f.read()
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".gold",
                                         delete=False) as g:
            g.write(gold_text(raw, lengths))
            gold_path = g.name
        try:
            f1 = {}
            for label, extra in (("jisr", []), ("icu", ["--plain-icu", "--line-breaks", "always"])):
                run = subprocess.run([args.jisr, "split", "--lang", LANGS[number], *extra,
                                      os.path.join(args.seeds, stem + ".txt")],
                                     capture_output=True, check=True)
                f1[label] = score(args.jisr, gold_path, run.stdout.decode("utf-8"))
        finally:
            os.unlink(gold_path)
        print(f"| {number} | {LANGS[number]} | {len(lengths)} | {f1['jisr']:.4f} | {f1['icu']:.4f} |")
        if number in floors and f1["jisr"] < float(floors[number]):
            failed.append(f"{number}: {f1['jisr']:.4f} < {floors[number]}")
    for f in failed:
        print(f"below the floor: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

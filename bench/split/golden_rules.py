#!/usr/bin/env python3
"""Scores `jisr split` on the Golden Rules and pySBD tests (../shared/data/golden-rules).

Each case's text goes through `jisr split --lang LANG` (default options); the case
passes when the sentences, white space collapsed, equal the expected list. Rules
that contradict this project's convention (see COUNTED_OUT) are run and shown but
left out of the score. Boundary counts (pooled over the cases, as in
`jisr eval --split`) are printed beside the pass counts.

Usage: bench/split/golden_rules.py [--jisr PATH] [--data DIR] [--verbose]
                                   [--check] [--json]
  --check   exit 1 when a floor (FLOORS) is missed; exit 77 when the data is
            absent, unless CI=true (then exit 1).
"""
import argparse
import json
import os
import re
import subprocess
import sys

# Rules whose expected output contradicts the convention (split at sentence-final
# punctuation and at line breaks, never at a colon or a comma), by (lang, group, name).
COUNTED_OUT = {
    ("ar", "golden", "01 Regular punctuation"): "splits after a colon",
    ("ar", "golden", "04 Time"): "splits after a colon",
    ("ar", "golden", "05 Comma"): "splits after the Arabic comma",
}

# Minimum number of passing cases per (lang, group). Arabic: every rule that
# agrees with the convention.
FLOORS = {("en", "golden"): 50, ("en", "extra"): 115, ("ar", "golden"): 2}

SPACE = re.compile(r"[\s\u200b\ufeff]+")


def squeeze(s):
    return SPACE.sub(" ", s).strip()


def boundaries(sentences):
    """Offsets between sentences in the white-space-free concatenation."""
    out, pos = [], 0
    for s in sentences[:-1]:
        pos += len(SPACE.sub("", s))
        out.append(pos)
    return set(out)


def split(jisr, lang, text):
    run = subprocess.run([jisr, "split", "--lang", lang, "--format", "jsonl", "-"],
                         input=text.encode("utf-8"), capture_output=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"jisr split failed ({run.returncode}): {run.stderr.decode()}")
    return [json.loads(line)["text"] for line in run.stdout.decode("utf-8").splitlines()]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jisr", default=os.path.join(root, "build", "release", "bin", "jisr"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "golden-rules"))
    ap.add_argument("--verbose", action="store_true", help="print every failing case")
    ap.add_argument("--check", action="store_true", help="exit 1 below the floors")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = ap.parse_args()

    cases_path = os.path.join(args.data, "cases.jsonl")
    if not os.path.exists(cases_path):
        if os.environ.get("CI") == "true":
            print(f"golden_rules: {cases_path} is missing and CI=true", file=sys.stderr)
            return 1
        print(f"golden_rules: skipped, {cases_path} is absent")
        return 77

    rows = {}
    failures = []
    with open(cases_path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            case = json.loads(line)
            group = case["group"]
            if group == "extra-cleaning":
                continue
            key = (case["lang"], group)
            row = rows.setdefault(key, {"cases": 0, "passed": 0, "counted_out": [],
                                        "gold": 0, "test": 0, "correct": 0})
            got = [squeeze(s) for s in split(args.jisr, case["lang"], case["text"])]
            want = [squeeze(s) for s in case["expected"]]
            out_reason = COUNTED_OUT.get((case["lang"], group, case["name"]))
            if out_reason:
                row["counted_out"].append(f"{case['name']} ({out_reason})"
                                          f"{': passes anyway' if got == want else ''}")
                continue
            row["cases"] += 1
            gb, tb = boundaries(want), boundaries(got)
            row["gold"] += len(gb)
            row["test"] += len(tb)
            row["correct"] += len(gb & tb)
            if got == want:
                row["passed"] += 1
            else:
                failures.append((case["lang"], group, case["name"], want, got))

    missed = []
    for key, floor in FLOORS.items():
        if key in rows and rows[key]["passed"] < floor:
            missed.append(f"{key[0]} {key[1]}: {rows[key]['passed']} < {floor}")

    if args.json:
        print(json.dumps({f"{k[0]} {k[1]}": v for k, v in rows.items()}, ensure_ascii=False))
    else:
        print("| lang | group | passed | cases | boundary P | R | F1 | floor |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for key in sorted(rows):
            r = rows[key]
            p = r["correct"] / r["test"] if r["test"] else 1.0
            rc = r["correct"] / r["gold"] if r["gold"] else 1.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            floor = FLOORS.get(key, "")
            print(f"| {key[0]} | {key[1]} | {r['passed']} | {r['cases']} | {p:.4f} | {rc:.4f} "
                  f"| {f1:.4f} | {floor} |")
        for key in sorted(rows):
            for name in rows[key]["counted_out"]:
                print(f"counted out: {key[0]} {key[1]} {name}")
    if args.verbose:
        for lang, group, name, want, got in failures:
            print(f"\nFAIL {lang} {group} {name}")
            print("  want: " + json.dumps(want, ensure_ascii=False))
            print("  got:  " + json.dumps(got, ensure_ascii=False))
    for m in missed:
        print(f"below the floor: {m}", file=sys.stderr)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())

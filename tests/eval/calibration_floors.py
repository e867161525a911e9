#!/usr/bin/env python3
"""Fails when jisr's score calibration falls below its floors on the test documents.

Usage: calibration_floors.py JISR SHARED_DIR [--report]

For every set of calibration_floors.json (beside this script) runs
`jisr eval --set SHARED_DIR/data/SET --docs SHARED_DIR/data/splits/SET.test.txt
--aligner-args ARGS --min-score 0.9 --mismatched --json` and checks the
expected calibration error of bead scores, precision and recall (of right
beads) at the threshold, and the AUC of document scores, true pairs against
mismatched ones, pooled over the sets. --report prints the figures and exits
0 whatever they are. Exit 77 (ctest's skip code) when the shared data is
absent, unless CI=true, when its absence is a failure.
"""
import json
import os
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from shared_data import absent  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def auc(positive, negative):
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    jisr, shared = sys.argv[1:3]
    report = "--report" in sys.argv[3:]
    with open(os.path.join(HERE, "calibration_floors.json"), encoding="utf-8") as f:
        floors = json.load(f)
    data = os.path.join(shared, "data")
    if not os.path.isdir(os.path.join(data, "splits")):
        return absent(f"shared data not found at {data}")
    failed = False
    true_pairs, mismatched = [], []

    def check(label, value, floor, higher_is_better=True):
        nonlocal failed
        bad = value < floor if higher_is_better else value > floor
        failed |= bad
        print(f"{label}: {value:.4f}, {'floor' if higher_is_better else 'ceiling'} {floor:.2f}"
              + ("  FAILS" if bad else ""))

    for name, want in floors["sets"].items():
        cmd = [jisr, "eval", "--set", os.path.join(data, name),
               "--docs", os.path.join(data, "splits", f"{name}.test.txt"),
               "--aligner-args", want["aligner_args"], "--min-score", str(floors["min_score"]),
               "--mismatched", "--json"]
        result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        cal = result["calibration"]
        at = cal["at_min_score"]
        if "ece" in want:
            check(f"{name} test ECE", cal["ece"], want["ece"], higher_is_better=False)
        check(f"{name} test precision at {floors['min_score']}", at["precision"], want["precision"])
        if "recall" in want:
            check(f"{name} test recall at {floors['min_score']}", at["recall"], want["recall"])
        scores = result.get("documents_score", {})
        true_pairs += scores.get("true_pairs", [])
        mismatched += scores.get("mismatched", [])
    if not true_pairs or not mismatched or min(true_pairs) < 0:
        print("no document scores: the model has no calibration (run scripts/calibrate)")
        failed = True
    else:
        check(f"document AUC ({len(true_pairs)} true, {len(mismatched)} mismatched pairs)",
              auc(true_pairs, mismatched), floors["document_auc"])
    return 0 if report or not failed else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""scripts/join-sentences and `jisr calibrate --bead-set` on the project's own text.

Usage: calibrate.py JISR REPO_DIR

join-sentences must join runs of a one-to-one set into lines whose gold says
which sentences they hold, skip documents with other beads, and give the same
output on every run; calibrate must fit its bead model on a --bead-set but
take no document pairs from it, and name it in the provenance.
"""
import json
import os
import subprocess
import sys
import tempfile

AR = ["وصل الوفد إلى المدينة صباح الاثنين.", "استقبله رئيس البلدية في مبنى المجلس.",
      "ناقش الطرفان إصلاح شبكة المياه.", "وعد الوفد بتمويل المشروع خلال عام.",
      "شكر الأهالي الوفد على زيارته.", "غادر الوفد المدينة مساء اليوم نفسه."]
EN = ["The delegation arrived in the city on Monday morning.", "The mayor received it at the council building.",
      "The two sides discussed repairing the water network.", "The delegation promised to fund the project within a year.",
      "Residents thanked the delegation for its visit.", "The delegation left the city the same evening."]

failures = []


def check(what, ok):
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def indices(side):
    return [int(x) for x in side.strip("[]").split(",") if x.strip()]


def main():
    jisr, repo = sys.argv[1:3]
    join = os.path.join(repo, "scripts", "join-sentences")
    eval_set = os.path.join(repo, "tests", "data", "eval", "set")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "source")
        os.makedirs(source)
        write(os.path.join(source, "visit.ar"), AR)
        write(os.path.join(source, "visit.en"), EN)
        write(os.path.join(source, "visit.gold"), [f"[{k}]:[{k}]" for k in range(len(AR))])
        for suffix in ("ar", "en", "gold"):  # a gold with other beads than 1-1: skipped
            with open(os.path.join(eval_set, f"harbour.{suffix}"), encoding="utf-8") as f:
                write(os.path.join(source, f"harbour.{suffix}"), f.read().splitlines())
        write(os.path.join(source, "list.txt"), ["visit", "harbour"])
        outputs = []
        for run in ("a", "b"):
            out = os.path.join(tmp, f"joined-{run}")
            subprocess.run([sys.executable, join, source, os.path.join(source, "list.txt"), out, "--share", "0.6",
                            "--runs", "2,3", "--copies", "2"], check=True)
            outputs.append(out)
        joined = outputs[0]
        check("the list holds the two copies of the one-to-one document only",
              read(os.path.join(joined, "docs.txt")) == ["visit.0", "visit.1"])
        many = 0
        for name in ("visit.0", "visit.1"):
            ar, en = read(os.path.join(joined, f"{name}.ar")), read(os.path.join(joined, f"{name}.en"))
            beads = [line.split(":") for line in read(os.path.join(joined, f"{name}.gold"))]
            src = [indices(a) for a, _ in beads]
            tgt = [indices(b) for _, b in beads]
            check(f"{name}: the gold covers every line once, in order",
                  sum(src, []) == list(range(len(ar))) and sum(tgt, []) == list(range(len(en))))
            # Each bead holds a run of the original sentences, joined on one side.
            at = 0
            for s, t in zip(src, tgt):
                n = max(len(s), len(t))
                many += n > 1
                check(f"{name}: a bead has one line on at least one side", min(len(s), len(t)) == 1)
                check(f"{name}: the bead's text is its run of sentences",
                      " ".join(ar[k] for k in s) == " ".join(AR[at:at + n]) and
                      " ".join(en[k] for k in t) == " ".join(EN[at:at + n]))
                at += n
            check(f"{name}: every sentence is there", at == len(AR))
            for suffix in ("ar", "en", "gold"):
                check(f"{name}.{suffix}: the same on every run",
                      read(os.path.join(joined, f"{name}.{suffix}")) ==
                      read(os.path.join(outputs[1], f"{name}.{suffix}")))
        check("some runs were joined", many > 0)

        # The fit: the eval set's documents, and the joined ones for the beads only.
        # The fit needs right and wrong beads: a third document whose gold
        # holds two plain one-to-one pairs as one 2-2 bead, which the aligner
        # does not give, so its beads are wrong whatever else improves.
        eval_set_own = os.path.join(tmp, "set")
        os.makedirs(eval_set_own)
        for name in ("harbour", "market"):
            for suffix in ("ar", "en", "gold"):
                with open(os.path.join(eval_set, f"{name}.{suffix}"), encoding="utf-8") as f:
                    write(os.path.join(eval_set_own, f"{name}.{suffix}"), f.read().splitlines())
        write(os.path.join(eval_set_own, "merged.ar"), AR[:2])
        write(os.path.join(eval_set_own, "merged.en"), EN[:2])
        write(os.path.join(eval_set_own, "merged.gold"), ["[0,1]:[0,1]"])
        eval_set = eval_set_own
        docs = os.path.join(tmp, "set.txt")
        write(docs, ["harbour", "market", "merged"])
        calibration = os.path.join(tmp, "fitted.json")
        result = subprocess.run([jisr, "calibrate", "--model", "ar-en", "--set", eval_set, "--docs", docs,
                                 "--bead-set", joined, "--bead-docs", os.path.join(joined, "docs.txt"),
                                 "-o", calibration, "--threads", "1"], capture_output=True, text=True)
        check(f"calibrate exits 0 (got {result.returncode}: {result.stderr.strip()})", result.returncode == 0)
        check("the joined set fits the bead model only", "(bead model only)" in result.stderr)
        check("document pairs come from --set alone", "3 true and 3 mismatched document pairs" in result.stderr)
        if result.returncode == 0:
            with open(calibration, encoding="utf-8") as f:
                fitted = json.load(f)
            check("the provenance names the bead set", "--bead-set joined-a --bead-docs docs.txt" in fitted["provenance"])
        result = subprocess.run([jisr, "calibrate", "--model", "ar-en", "--set", eval_set, "--docs", docs,
                                 "--bead-set", joined, "-o", calibration], capture_output=True, text=True)
        check("a --bead-set without its --bead-docs is a usage error", result.returncode == 2)
    if failures:
        return 1
    print("calibrate: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Fails when jisr's F1 on a set's dev documents falls below its floor.

Usage: check_floors.py JISR SHARED_DIR SET [--report]

Floors and aligner settings come from floors.json beside this script. Runs
`jisr eval --set SHARED_DIR/data/SET --docs SHARED_DIR/data/splits/SET.dev.txt`
(an entry may name its folder with "set" and keep only the documents whose
name contains "docs_containing", as alignar-ar-en's law and literature)
twice: on the gold sentence files (strict and lax bead F1, beads with both
sides non-empty) and on the running text (--pairs: text-pair F1, so splitting
errors count; left out for an entry without "text_f1", a set without running
text). --report prints the figures and exits 0 whatever they are.
Exit 77 (ctest's skip code) when the shared data is absent, unless CI=true,
when its absence is a failure.
"""
import json
import os
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from shared_data import absent  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def run(jisr, folder, docs, aligner_args, pairs):
    cmd = [jisr, "eval", "--set", folder, "--docs", docs, "--aligner-args", aligner_args, "--json"]
    if pairs:
        cmd.append("--pairs")
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    jisr, shared, name = sys.argv[1:4]
    report = "--report" in sys.argv[4:]
    with open(os.path.join(HERE, "floors.json"), encoding="utf-8") as f:
        floors = json.load(f)["sets"][name]
    set_name = floors.get("set", name)
    folder = os.path.join(shared, "data", set_name)
    docs = os.path.join(shared, "data", "splits", f"{set_name}.dev.txt")
    if not os.path.isfile(docs):
        return absent(f"shared data not found at {docs}")
    if "docs_containing" in floors:
        with open(docs, encoding="utf-8") as f:
            kept = [line for line in f if floors["docs_containing"] in line]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            f.writelines(kept)
            docs = f.name
    try:
        beads = run(jisr, folder, docs, floors["aligner_args"], False)
        figures = {"strict_f1": beads["beads"]["strict"]["f1"], "lax_f1": beads["beads"]["lax"]["f1"]}
        if "text_f1" in floors:
            figures["text_f1"] = run(jisr, folder, docs, floors["aligner_args"], True)["text"]["f1"]
    finally:
        if "docs_containing" in floors:
            os.unlink(docs)
    failed = False
    for key, value in figures.items():
        below = value < floors[key]
        failed |= below
        print(f"{name} dev ({beads['documents']} documents) {key}: {value:.4f}, floor {floors[key]:.2f}"
              + ("  BELOW FLOOR" if below else ""))
    return 0 if report or not failed else 1


if __name__ == "__main__":
    sys.exit(main())

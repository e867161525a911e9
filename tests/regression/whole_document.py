#!/usr/bin/env python3
"""Fails when jisr aligns a set's dev documents, joined into one long
document, below a strict F1 floor.

Usage: whole_document.py JISR SHARED_DIR SET FLOOR

A user aligning a whole book (the Qur'an's 6,236 verses, say) hands jisr one
document pair, not one per chapter. The dev documents of SET
(SHARED_DIR/data/splits/SET.dev.txt) are joined in list order into one
sentence file a side, their gold beads shifted to match; the pair is aligned
with `jisr align --presplit --format beads` and scored with `jisr eval`
(strict F1, beads with both sides non-empty).
Exit 77 (ctest's skip code) when the shared data is absent, unless CI=true,
when its absence is a failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from shared_data import absent  # noqa: E402


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def shifted(side, by):
    return "[" + ",".join(str(int(x) + by) for x in side.strip("[]").split(",") if x.strip()) + "]"


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    jisr, shared, name, floor = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    folder = os.path.join(shared, "data", name)
    listing = os.path.join(shared, "data", "splits", f"{name}.dev.txt")
    if not os.path.isfile(listing):
        return absent(f"shared data not found at {listing}")
    with tempfile.TemporaryDirectory() as tmp:
        src_path, tgt_path, gold_path, test_path = (os.path.join(tmp, x) for x in ("doc.ar", "doc.en", "gold", "test"))
        n_src = n_tgt = 0
        with open(src_path, "w", encoding="utf-8") as src, open(tgt_path, "w", encoding="utf-8") as tgt, \
                open(gold_path, "w", encoding="utf-8") as gold:
            for doc in lines(listing):
                s, t = lines(os.path.join(folder, doc + ".ar")), lines(os.path.join(folder, doc + ".en"))
                src.write("".join(x + "\n" for x in s))
                tgt.write("".join(x + "\n" for x in t))
                for bead in lines(os.path.join(folder, doc + ".gold")):
                    left, right = re.match(r"\s*(\[[^\]]*\])\s*:\s*(\[[^\]]*\])", bead).groups()
                    gold.write(f"{shifted(left, n_src)}:{shifted(right, n_tgt)}\n")
                n_src += len(s)
                n_tgt += len(t)
        subprocess.run([jisr, "align", "--presplit", "--format", "beads", "-q", src_path, tgt_path, "-o", test_path],
                       check=True)
        result = json.loads(subprocess.run([jisr, "eval", "--gold", gold_path, "--test", test_path, "--json"],
                                           check=True, capture_output=True, text=True).stdout)
    f1 = result["beads"]["strict"]["f1"]
    print(f"{name} dev as one document ({n_src} x {n_tgt} sentences): strict F1 {f1:.4f}, floor {floor}")
    return 0 if f1 >= floor else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Piles of documents for jisr docalign, built outside the repository.

  hide   the documents of gold sets (DOC.ar.txt / DOC.en.txt) copied under
         random names into OUT/ar and OUT/en, so neither the names nor the
         order tell which is which; OUT/gold.tsv says it. --drop-en F leaves
         out a share F of the English documents (chosen by --seed).
  synth  N new documents a side, each made of runs of consecutive sentence
         pairs drawn from the 1-1 gold sets (DOC.ar / DOC.en line files),
         for benchmarks at sizes the shared sets do not reach.
  score  pair precision, recall and F1 of `jisr docalign` output (TSV)
         against OUT/gold.tsv, and how many documents without a partner
         were reported unmatched; prints one JSON object.

Standard library only; the same --seed gives the same piles.
"""
import argparse
import json
import os
import random
import sys


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def hide(sets, out, drop_en, seed):
    rng = random.Random(seed)
    docs = []
    for set_dir, doc_list in sets:
        docs += [os.path.join(set_dir, d) for d in read_list(doc_list)]
    rng.shuffle(docs)
    dropped = set(rng.sample(range(len(docs)), round(drop_en * len(docs))))
    for side in ("ar", "en"):
        os.makedirs(os.path.join(out, side), exist_ok=True)
    names = set()

    def fresh():
        while True:
            name = "%016x.txt" % rng.getrandbits(64)
            if name not in names:
                names.add(name)
                return name

    gold = []
    for k, doc in enumerate(docs):
        ar = os.path.join(out, "ar", fresh())
        copy(doc + ".ar.txt", ar)
        en = ""
        if k not in dropped:
            en = os.path.join(out, "en", fresh())
            copy(doc + ".en.txt", en)
        gold.append((ar, en))
    with open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as f:
        for ar, en in sorted(gold):
            f.write(f"{ar}\t{en}\n")


def copy(src, dst):
    with open(src, "rb") as f:
        data = f.read()
    with open(dst, "wb") as f:
        f.write(data)


def synth(sets, out, n, seed, runs, run_length):
    rng = random.Random(seed)
    pairs = []
    for set_dir, doc_list in sets:
        for d in read_list(doc_list):
            ar = read_list(os.path.join(set_dir, d + ".ar"))
            en = read_list(os.path.join(set_dir, d + ".en"))
            if len(ar) == len(en):
                pairs.append(list(zip(ar, en)))
    for side in ("ar", "en"):
        os.makedirs(os.path.join(out, side), exist_ok=True)
    gold = []
    for k in range(n):
        ar_lines, en_lines = [], []
        for _ in range(runs):
            doc = rng.choice(pairs)
            start = rng.randrange(max(1, len(doc) - run_length + 1))
            for a, e in doc[start:start + run_length]:
                ar_lines.append(a)
                en_lines.append(e)
        ar = os.path.join(out, "ar", "%07d.txt" % k)
        en = os.path.join(out, "en", "%07d.txt" % rng.randrange(1 << 40))
        while os.path.exists(en):
            en = os.path.join(out, "en", "%07d.txt" % rng.randrange(1 << 40))
        for path, lines in ((ar, ar_lines), (en, en_lines)):
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n\n".join(lines) + "\n")
        gold.append((ar, en))
    with open(os.path.join(out, "gold.tsv"), "w", encoding="utf-8") as f:
        for ar, en in gold:
            f.write(f"{ar}\t{en}\n")


def score(gold_path, pairs_path):
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            ar, en = line.rstrip("\n").split("\t")
            gold[ar] = en
    found, unmatched_ar = {}, set()
    with open(pairs_path, encoding="utf-8") as f:
        for line in f:
            ar, en, _ = line.rstrip("\n").split("\t")
            if ar and en:
                found[ar] = en
            elif ar:
                unmatched_ar.add(ar)
    true_pairs = {(a, e) for a, e in gold.items() if e}
    right = sum(1 for a, e in found.items() if gold.get(a) == e)
    p = right / len(found) if found else 0.0
    r = right / len(true_pairs) if true_pairs else 0.0
    alone = {a for a, e in gold.items() if not e}
    return {
        "pairs_found": len(found), "pairs_gold": len(true_pairs), "correct": right,
        "precision": round(p, 4), "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "ar_without_en": len(alone), "reported_unmatched": len(alone & unmatched_ar),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["hide", "synth", "score"])
    ap.add_argument("--set", action="append", default=[], help="a gold set folder")
    ap.add_argument("--docs", action="append", default=[], help="its document list")
    ap.add_argument("--out", help="folder to create (outside the repository)")
    ap.add_argument("--drop-en", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--run-length", type=int, default=4)
    ap.add_argument("--gold")
    ap.add_argument("--pairs")
    a = ap.parse_args()
    if a.action == "score":
        print(json.dumps(score(a.gold, a.pairs)))
        return 0
    if len(a.set) != len(a.docs) or not a.set or not a.out:
        ap.error("give --out and one --docs for every --set")
    sets = list(zip(a.set, a.docs))
    if a.action == "hide":
        hide(sets, a.out, a.drop_en, a.seed)
    else:
        synth(sets, a.out, a.n, a.seed, a.runs, a.run_length)
    return 0


if __name__ == "__main__":
    sys.exit(main())

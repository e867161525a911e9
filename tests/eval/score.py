#!/usr/bin/env python3
"""Independent re-implementation of jisr's alignment metrics (stdlib only).

Input: a set folder in the ../shared/data layout, a list of documents, and a
folder of test output written by `jisr eval --set ... --save-test DIR`
(DIR/DOC.beads; for raw-text runs also DIR/DOC.<lang>, the split sentences).
Output: JSON with the same pooled counts and scores as `jisr eval --json`.

Written from the metric definitions (eval.hpp and vecalign's published
protocol), not from jisr's C++ code, so that the two can check each other.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

BEAD_RE = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]")
# The white space that jisr collapses: ASCII, U+001C..U+001F and the Unicode
# space separators and line/paragraph separators.
SPACE_RE = re.compile("[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def read_beads(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            m = BEAD_RE.match(line)
            if not m:
                raise SystemExit(f"{path}:{n}: not a bead: {line.strip()!r}")
            side = lambda s: tuple(int(x) for x in s.replace(" ", "").split(",") if x)
            beads.append((side(m.group(1)), side(m.group(2))))
    return beads


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def links(beads):
    out = defaultdict(set)
    for src, tgt in beads:
        for s in src:
            out[s].update(tgt)
    return out


def judge(bead, exact, link):
    """'strict', 'lax' or None for one bead against another alignment."""
    if bead in exact:
        return "strict"
    src, tgt = bead
    reach = set()
    for s in src:
        reach |= link.get(s, set())
    return "lax" if reach & set(tgt) else None


def tally(beads, other):
    exact = set(other)
    link = links(other)
    n = strict = lax = 0
    for b in beads:
        n += 1
        r = judge(b, exact, link)
        strict += r == "strict"
        lax += r is not None
    return n, strict, lax


def pair(b):
    return len(b[0]) > 0 and len(b[1]) > 0


def counts(gold, test, with_null):
    keep = (lambda b: len(b[0]) + len(b[1]) > 0) if with_null else pair
    g = [b for b in gold if keep(b)]
    t = [b for b in test if keep(b)]
    pt, ps, pl = tally(t, g)
    rg, rs, rl = tally(g, t)
    return [pt, ps, pl, rg, rs, rl]


def vecalign_counts(gold, test):
    g_all = set(b for b in gold if b[0] or b[1])
    t_all = set(b for b in test if b[0] or b[1])
    pt, ps, pl = tally(sorted(t_all), sorted(g_all))
    g_pairs = set(b for b in g_all if pair(b))
    t_pairs = set(b for b in t_all if pair(b))
    rg, rs, rl = tally(sorted(g_pairs), sorted(t_pairs))
    return [pt, ps, pl, rg, rs, rl]


def prf(tp_test, test, tp_gold, gold):
    p = tp_test / test if test else 0.0
    r = tp_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def summarise(c):
    test, s_t, l_t, gold, s_g, l_g = c
    return {"gold": gold, "test": test,
            "strict": prf(s_t, test, s_g, gold), "lax": prf(l_t, test, l_g, gold)}


def norm(text):
    return SPACE_RE.sub(" ", text).strip()


def text_pairs(src, tgt, beads):
    return [(norm(" ".join(src[i] for i in s)), norm(" ".join(tgt[j] for j in t)))
            for s, t in beads if s and t]


def languages(folder, doc):
    exts = sorted(name[len(doc) + 1:] for name in os.listdir(folder)
                  if name.startswith(doc + ".") and re.fullmatch(r"[a-z]{2,3}", name[len(doc) + 1:])
                  and name[len(doc) + 1:] != "txt")
    if len(exts) != 2:
        raise SystemExit(f"{folder}: cannot tell the languages of {doc}")
    return (exts[1], exts[0]) if exts[1] == "ar" else (exts[0], exts[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--docs", help="file listing the documents; default: every DOC.gold")
    ap.add_argument("--test-dir", required=True)
    ap.add_argument("--pairs", action="store_true", help="raw-text run: text-pair metrics only")
    ap.add_argument("--original-gold", action="store_true",
                    help="vecalign protocol against DOC.gold.orig where present")
    a = ap.parse_args()
    if a.docs:
        docs = read_lines(a.docs)
    else:
        docs = sorted(n[:-5] for n in os.listdir(a.set) if n.endswith(".gold"))
    sl, tl = languages(a.set, docs[0])
    total = {"pairs": [0] * 6, "all": [0] * 6, "vecalign": [0] * 6}
    text = [0, 0, 0]  # gold, test, correct
    types = defaultdict(lambda: [0, 0, 0, 0, 0])  # gold, gold strict, gold lax, test, test strict
    n_src = n_tgt = 0
    for doc in docs:
        base = os.path.join(a.set, doc)
        gold_src, gold_tgt = read_lines(base + "." + sl), read_lines(base + "." + tl)
        gold = read_beads(base + ".gold")
        test = read_beads(os.path.join(a.test_dir, doc + ".beads"))
        if a.pairs:
            src = read_lines(os.path.join(a.test_dir, doc + "." + sl))
            tgt = read_lines(os.path.join(a.test_dir, doc + "." + tl))
        else:
            src, tgt = gold_src, gold_tgt
        n_src += len(src)
        n_tgt += len(tgt)
        g_pairs = Counter(text_pairs(gold_src, gold_tgt, gold))
        t_pairs = Counter(text_pairs(src, tgt, test))
        text[0] += sum(g_pairs.values())
        text[1] += sum(t_pairs.values())
        text[2] += sum((g_pairs & t_pairs).values())
        if a.pairs:
            continue
        for key, c in (("pairs", counts(gold, test, False)), ("all", counts(gold, test, True))):
            total[key] = [x + y for x, y in zip(total[key], c)]
        orig = base + ".gold.orig"
        vgold = read_beads(orig) if a.original_gold and os.path.exists(orig) else gold
        total["vecalign"] = [x + y for x, y in zip(total["vecalign"], vecalign_counts(vgold, test))]
        g_exact, g_link = set(gold), links(gold)
        t_exact, t_link = set(test), links(test)
        for b in gold:
            row = types[f"{len(b[0])}-{len(b[1])}"]
            r = judge(b, t_exact, t_link) if pair(b) else ("strict" if b in t_exact else None)
            row[0] += 1
            row[1] += r == "strict"
            row[2] += r is not None
        for b in test:
            row = types[f"{len(b[0])}-{len(b[1])}"]
            row[3] += 1
            row[4] += b in g_exact
    out = {"documents": len(docs), "src_sentences": n_src, "tgt_sentences": n_tgt,
           "text": dict(prf(text[2], text[1], text[2], text[0]), gold=text[0], test=text[1],
                        correct=text[2])}
    if not a.pairs:
        out["beads"] = summarise(total["pairs"])
        out["beads_with_null"] = summarise(total["all"])
        out["vecalign"] = summarise(total["vecalign"])
        out["types"] = {k: {"gold": v[0], "recall_strict": v[1] / v[0] if v[0] else 0.0,
                            "recall_lax": v[2] / v[0] if v[0] else 0.0, "test": v[3],
                            "precision_strict": v[4] / v[3] if v[3] else 0.0}
                        for k, v in types.items()}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()

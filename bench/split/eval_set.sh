#!/bin/sh
# Boundary precision / recall / F1 of `jisr split` on one gold set, pooled over
# the documents of one split (counts summed, then P/R/F1 computed).
# Usage: bench/split/eval_set.sh SET PART LANG [JISR] [SPLIT OPTIONS...]
#   SET   a folder of ../shared/data such as ntrex-ar-en or tico19-ar-en
#   PART  dev or test (documents listed in ../shared/data/splits/SET.PART.txt)
#   LANG  ar or en
# Prints one line: set, part, language, then for all boundaries and for those
# inside paragraphs: gold, test, correct, precision, recall, F1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
set_name=$1 part=$2 lang=$3
shift 3
jisr=${1:-$root/build/release/bin/jisr}
[ $# -gt 0 ] && shift
data=${JISR_DATA:-$root/../shared/data}
list=$data/splits/$set_name.$part.txt
[ -f "$list" ] || { echo "eval_set.sh: no document list $list" >&2; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
while read -r doc; do
  [ -n "$doc" ] || continue
  "$jisr" split --lang "$lang" "$@" "$data/$set_name/$doc.$lang.txt" -o "$tmp"
  "$jisr" eval --split --json --gold "$data/$set_name/$doc.$lang" --test "$tmp" \
    --paragraphs "$data/$set_name/$doc.$lang.txt"
done < "$list" | awk -v s="$set_name" -v p="$part" -v l="$lang" '
  function num(obj, key,   m) { match(obj, "\"" key "\":[0-9]+"); return substr(obj, RSTART + length(key) + 3, RLENGTH - length(key) - 3) + 0 }
  {
    all = $0; sub(/"within_paragraphs".*/, "", all)
    within = $0; sub(/.*"within_paragraphs"/, "", within)
    ag += num(all, "gold"); at += num(all, "test"); ac += num(all, "correct")
    wg += num(within, "gold"); wt += num(within, "test"); wc += num(within, "correct")
  }
  function prf(g, t, c,   pr, rc, f) {
    pr = t ? c / t : 1; rc = g ? c / g : 1; f = pr + rc ? 2 * pr * rc / (pr + rc) : 0
    return sprintf("gold %d test %d correct %d P %.4f R %.4f F1 %.4f", g, t, c, pr, rc, f)
  }
  END { printf "%s %s %s | all: %s | within paragraphs: %s\n", s, p, l, prf(ag, at, ac), prf(wg, wt, wc) }'

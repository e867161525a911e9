#!/bin/sh
# jisr batch as a filter under GNU parallel: `parallel --pipe -N 50` over a
# b64tsv stream gives the same pairs, in the same order (-k), as one process.
#   batch_parallel.sh JISR SOURCE_DIR
set -u
jisr=$1 src=$2
if ! command -v parallel >/dev/null; then
  if [ "${CI:-}" = true ]; then echo "FAIL: GNU parallel is not installed (scripts/bootstrap)"; exit 1; fi
  echo "SKIP: GNU parallel is not installed (scripts/bootstrap installs it)"; exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/batch_stream.sh"
make_stream 180
parallel --will-cite --pipe -N 50 -k -j 2 "$jisr" batch -q --input b64tsv --threads 1 \
  <"$work/stream.b64tsv" >"$work/sharded.tsv" || { echo "FAIL: parallel run"; exit 1; }
if ! cmp -s "$work/one.tsv" "$work/sharded.tsv"; then
  echo "FAIL: sharded output differs: $(diff "$work/one.tsv" "$work/sharded.tsv" | head -n 5)"; exit 1
fi
echo "parallel --pipe: $(wc -l <"$work/one.tsv") pairs, the same as one process"

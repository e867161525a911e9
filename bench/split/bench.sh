#!/bin/sh
# Speed of `jisr split` per language, single-threaded, in MB/s of input
# (1 MB = 10^6 bytes). The input is the running text of the ntrex-ar-en dev
# documents (../shared/data), repeated to about SIZE_MB megabytes; the time
# covers reading, splitting and writing the output to /dev/null, best of 3 runs.
# Usage: bench/split/bench.sh [JISR] [SIZE_MB]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jisr=${1:-$root/build/release/bin/jisr}
size_mb=${2:-50}
data=${JISR_DATA:-$root/../shared/data}
[ -x "$jisr" ] || { echo "bench.sh: no executable $jisr (build first)" >&2; exit 2; }
[ -d "$data/ntrex-ar-en" ] || { echo "bench.sh: no data folder $data/ntrex-ar-en" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en ar; do
  one=$tmp/one.$lang
  while read -r doc; do
    [ -n "$doc" ] && { cat "$data/ntrex-ar-en/$doc.$lang.txt"; printf '\n\n'; }
  done < "$data/splits/ntrex-ar-en.dev.txt" > "$one"
  input=$tmp/input.$lang
  : > "$input"
  while [ "$(wc -c < "$input")" -lt $((size_mb * 1000000)) ]; do cat "$one" >> "$input"; done
  bytes=$(wc -c < "$input")
  best=
  for run in 1 2 3; do
    start=$(date +%s.%N)
    "$jisr" split --lang "$lang" "$input" > /dev/null
    end=$(date +%s.%N)
    best=$(echo "$start $end $best" | awk '{ t = $2 - $1; if ($3 == "" || t < $3) t = t; else t = $3; printf "%.4f", t }')
  done
  sentences=$("$jisr" split --lang "$lang" "$input" | wc -l)
  echo "$lang $bytes $best $sentences" | awk '{ printf "%s: %.1f MB in %.3f s, %d sentences: %.1f MB/s\n", $1, $2 / 1e6, $3, $4, $2 / 1e6 / $3 }'
done

# Sourced by the sharding tests: writes $work/stream.b64tsv, the bundled
# document pairs repeated under new ids ($1 lines in all), and
# $work/one.tsv, one jisr batch process over it.
make_stream() {
  lines=$1
  : >"$work/stream.b64tsv"
  k=0
  while [ "$k" -lt "$lines" ]; do
    for d in "$src/examples/press" "$src/tests/data/eval/set/harbour" "$src/tests/data/eval/set/market"; do
      [ "$k" -lt "$lines" ] || break
      printf 'doc-%s\t%s\t%s\n' "$k" "$(base64 -w0 <"$d.ar.txt")" "$(base64 -w0 <"$d.en.txt")" >>"$work/stream.b64tsv"
      k=$((k + 1))
    done
  done
  "$jisr" batch -q --input b64tsv <"$work/stream.b64tsv" >"$work/one.tsv" || { echo "FAIL: one process"; exit 1; }
  [ -s "$work/one.tsv" ] || { echo "FAIL: one process wrote nothing"; exit 1; }
}

#!/bin/sh
# End-to-end checks of jisr batch on the bundled documents: the same pairs
# as jisr align on each document alone, the same output whatever --threads
# says, a bad document skipped and reported, gzip and zstd input and
# output, JSONL input, TMX and the report, --refine. SHARED_DIR (optional)
# holds the TMX DTD the refined TMX is checked against.
#   batch.sh JISR SOURCE_DIR [SHARED_DIR]
set -u
jisr=$1 src=$2 shared=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
same() {  # same A B WHAT
  if cmp -s "$1" "$2"; then :; else fail "$3: $(diff "$1" "$2" | head -n 5)"; fi
}

# Three document pairs of the repository, by id.
cp "$src/examples/press.ar.txt" "$work/press.ar"; cp "$src/examples/press.en.txt" "$work/press.en"
for d in harbour market; do
  cp "$src/tests/data/eval/set/$d.ar.txt" "$work/$d.ar"; cp "$src/tests/data/eval/set/$d.en.txt" "$work/$d.en"
done
printf 'bad \377 bytes\n' >"$work/broken.ar"
: >"$work/empty.en"
b64() { base64 -w0 <"$1"; }

# Expected: jisr align on each document alone, the id in front.
: >"$work/expected.tsv"
for d in press harbour market; do
  "$jisr" align -q "$work/$d.ar" "$work/$d.en" -f tsv >"$work/one.tsv" || fail "jisr align $d"
  sed "s/^/$d	/" "$work/one.tsv" >>"$work/expected.tsv"
done
[ -s "$work/expected.tsv" ] || fail "jisr align wrote nothing"

# A manifest with two bad documents in the middle: invalid UTF-8, an empty side.
printf 'press.ar\tpress.en\tpress\nbroken.ar\tpress.en\tbroken\nharbour.ar\tharbour.en\tharbour\nmarket.ar\tempty.en\tempty\nmarket.ar\tmarket.en\tmarket\n' >"$work/manifest.tsv"
"$jisr" batch --manifest "$work/manifest.tsv" -o "$work/manifest.out.tsv" --report "$work/report.jsonl" 2>"$work/err"
rc=$?
[ "$rc" -eq 1 ] || fail "a failed document gives exit 1, got $rc"
same "$work/expected.tsv" "$work/manifest.out.tsv" "batch (manifest) differs from align on each document"
grep -q '"error":"[^"]*broken.ar: byte 4' "$work/report.jsonl" || fail "report names the invalid byte: $(cat "$work/report.jsonl")"
grep -q '"id":"broken"' "$work/report.jsonl" || fail "report names the failed document's id"
grep -q '"id":"empty".*side is empty' "$work/report.jsonl" || fail "report says the side is empty"
[ "$(wc -l <"$work/report.jsonl")" -eq 5 ] || fail "one report line per document"
grep -q '"id":"harbour".*"mean_score"' "$work/report.jsonl" || fail "report has scores"
grep -q 'skipped broken' "$work/err" || fail "stderr names the skipped document: $(cat "$work/err")"
grep -q '2 of 5 documents failed' "$work/err" || fail "summary counts failures: $(cat "$work/err")"

# A b64tsv stream: every document 8 times under new ids, a bad line inside.
: >"$work/stream.b64tsv"; : >"$work/expected.stream.tsv"
for k in 1 2 3 4 5 6 7 8; do
  for d in press harbour market; do
    printf '%s\t%s\t%s\n' "$d-$k" "$(b64 "$work/$d.ar")" "$(b64 "$work/$d.en")" >>"$work/stream.b64tsv"
    "$jisr" align -q "$work/$d.ar" "$work/$d.en" -f tsv | sed "s/^/$d-$k	/" >>"$work/expected.stream.tsv"
  done
  [ "$k" -eq 4 ] && printf 'junk-4\tnot base64!\tAAAA\n' >>"$work/stream.b64tsv"
done
for t in 1 2; do
  "$jisr" batch -q --input b64tsv --threads $t --in-flight 3 <"$work/stream.b64tsv" >"$work/t$t.tsv"
  [ $? -eq 1 ] || fail "stream with a bad line: exit 1 expected (threads $t)"
done
same "$work/expected.stream.tsv" "$work/t1.tsv" "batch --threads 1 differs from align"
same "$work/t1.tsv" "$work/t2.tsv" "batch --threads 2 differs from --threads 1"

# Compressed input (magic bytes, not names) and output (by extension).
grep -v junk "$work/stream.b64tsv" >"$work/good.b64tsv"
"$jisr" batch -q --input b64tsv <"$work/good.b64tsv" >"$work/plain.tsv" || fail "plain stream"
gzip -c "$work/good.b64tsv" >"$work/in.gz"
zstd -q -c "$work/good.b64tsv" >"$work/in.zst"
"$jisr" batch -q --input b64tsv <"$work/in.gz" >"$work/gz.tsv" || fail "gzip stream"
"$jisr" batch -q --input b64tsv <"$work/in.zst" >"$work/zst.tsv" || fail "zstd stream"
same "$work/plain.tsv" "$work/gz.tsv" "gzip input"
same "$work/plain.tsv" "$work/zst.tsv" "zstd input"
cat "$work/in.gz" "$work/in.gz" >"$work/twice.gz"
"$jisr" batch -q --input b64tsv <"$work/twice.gz" >"$work/twice.tsv" || fail "two gzip members"
[ "$(wc -l <"$work/twice.tsv")" -eq $(($(wc -l <"$work/plain.tsv") * 2)) ] || fail "concatenated gzip members are both read"
head -c 300 "$work/in.gz" | "$jisr" batch -q --input b64tsv >/dev/null 2>"$work/err"
[ $? -eq 1 ] && grep -q 'ends early' "$work/err" || fail "truncated gzip is an error: $(cat "$work/err")"
"$jisr" batch -q --input b64tsv -o "$work/out.tsv.gz" <"$work/good.b64tsv" || fail "gzip output"
"$jisr" batch -q --input b64tsv -o "$work/out.tsv.zst" <"$work/good.b64tsv" || fail "zstd output"
gzip -dc "$work/out.tsv.gz" >"$work/out.gz.tsv"; zstd -q -dc "$work/out.tsv.zst" >"$work/out.zst.tsv"
same "$work/plain.tsv" "$work/out.gz.tsv" "gzip output"
same "$work/plain.tsv" "$work/out.zst.tsv" "zstd output"

# JSONL input gives the same pairs as b64tsv.
python3 - "$work/good.b64tsv" >"$work/good.jsonl" <<'PY'
import base64, json, sys
for line in open(sys.argv[1]):
    i, a, e = line.rstrip("\n").split("\t")
    print(json.dumps({"id": i, "ar": base64.b64decode(a).decode(), "en": base64.b64decode(e).decode()}, ensure_ascii=False))
PY
"$jisr" batch -q --input jsonl <"$work/good.jsonl" >"$work/jsonl.tsv" || fail "jsonl input"
same "$work/plain.tsv" "$work/jsonl.tsv" "jsonl input"

# --dedup keeps the first of each pair: the 8 copies become one.
"$jisr" batch -q --input b64tsv --dedup <"$work/good.b64tsv" >"$work/dedup.tsv" || fail "dedup"
grep -E '^(press|harbour|market)-1	' "$work/plain.tsv" | awk -F'\t' '!seen[$2"\t"$3]++' >"$work/expected.dedup.tsv"
same "$work/expected.dedup.tsv" "$work/dedup.tsv" "--dedup"

# One TMX for the whole batch: units numbered on, each naming its document.
"$jisr" batch -q --input b64tsv -o "$work/all.tmx" <"$work/good.b64tsv" || fail "tmx"
[ "$(grep -c '<tu tuid=' "$work/all.tmx")" -eq "$(wc -l <"$work/plain.tsv")" ] || fail "tmx: a unit per pair"
grep -q '<prop type="x-document">market-8</prop>' "$work/all.tmx" || fail "tmx names documents"
[ "$(grep -c '<header' "$work/all.tmx")" -eq 1 ] || fail "tmx: one header"
if command -v xmllint >/dev/null; then xmllint --noout "$work/all.tmx" || fail "tmx is not well-formed"; fi

# --refine: the same pairs as jisr align --refine on each document; press
# has a one-to-two bead, written as two pairs whose offsets slice its text.
: >"$work/expected.refined.tsv"
for d in press harbour market; do
  "$jisr" align -q --refine "$work/$d.ar" "$work/$d.en" -f tsv | sed "s/^/$d	/" >>"$work/expected.refined.tsv"
done
grep -v -e broken -e empty "$work/manifest.tsv" >"$work/good.manifest.tsv"
"$jisr" batch --refine --manifest "$work/good.manifest.tsv" -o "$work/refined.tsv" --report "$work/refined.report" \
  2>"$work/err" || fail "batch --refine: $(cat "$work/err")"
same "$work/expected.refined.tsv" "$work/refined.tsv" "batch --refine differs from align --refine on each document"
cmp -s "$work/refined.tsv" "$work/manifest.out.tsv" && fail "--refine changed nothing in the tsv"
grep -q 'refined: 1 one-to-many beads written as 2 sentence-sized pairs' "$work/err" ||
  fail "summary counts the refined beads: $(cat "$work/err")"
grep -q '1-2 2' "$work/err" || fail "summary keeps the bead types of the alignments: $(cat "$work/err")"
grep -q '"id":"press".*"beads":{[^}]*"1-2":1}.*"refined":{"beads":1,"pairs":2}' "$work/refined.report" ||
  fail "report counts press's refined beads: $(cat "$work/refined.report")"
[ "$(grep -c '"refined"' "$work/refined.report")" -eq 1 ] || fail "report: only press has refined beads"
grep -q '"refined"' "$work/report.jsonl" && fail "report without --refine names refined beads"
"$jisr" batch -q --refine --manifest "$work/good.manifest.tsv" -f jsonl -o "$work/refined.jsonl" || fail "refine jsonl"
[ "$(grep -c '"refined":"src"' "$work/refined.jsonl")" -eq 2 ] || fail "refine jsonl: not two refined pairs"
if python3 - "$work/press.ar" "$work/refined.jsonl" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
units = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
parts = [u for u in units if u.get("refined") == "src"]
assert len(parts) == 2 and all(u["doc"] == "press" for u in parts)
assert parts[0]["src"] == parts[1]["src"] and parts[0]["tgt"] != parts[1]["tgt"]
for u in parts:
    (begin, end), = u["src_offsets"]
    assert 0 <= begin < end and raw[begin:end].decode("utf-8") == u["src_text"], (raw[begin:end], u["src_text"])
PY
then :; else fail "refine jsonl: refined pairs do not slice the input"; fi
"$jisr" batch -q --manifest "$work/good.manifest.tsv" -f jsonl -o "$work/plain.jsonl" || fail "jsonl"
grep -q '"refined"' "$work/plain.jsonl" && fail "jsonl without --refine has refined pairs"
"$jisr" batch -q --refine --manifest "$work/good.manifest.tsv" -o "$work/refined.tmx" || fail "refine tmx"
[ "$(grep -c '<prop type="x-refined">ar</prop>' "$work/refined.tmx")" -eq 2 ] || fail "refine: tmx lacks two x-refined units"
if command -v xmllint >/dev/null && [ -n "$shared" ] && [ -f "$shared/tmx/tmx14.dtd" ]; then
  xmllint --noout --nonet --dtdvalid "$shared/tmx/tmx14.dtd" "$work/refined.tmx" 2>"$work/xml" ||
    fail "refined tmx is not valid TMX 1.4: $(cat "$work/xml")"
fi
# --dedup compares the text written: the refined pairs of the 8 copies become one each.
"$jisr" batch -q --input b64tsv --refine <"$work/good.b64tsv" >"$work/refined.stream.tsv" || fail "refine stream"
"$jisr" batch -q --input b64tsv --refine --dedup <"$work/good.b64tsv" >"$work/refined.dedup.tsv" || fail "refine dedup"
grep -E '^(press|harbour|market)-1	' "$work/refined.stream.tsv" | awk -F'\t' '!seen[$2"\t"$3]++' >"$work/expected.refined.dedup.tsv"
same "$work/expected.refined.dedup.tsv" "$work/refined.dedup.tsv" "--refine --dedup"
# Formats that hold whole sentences refuse it before any work: exit 2, no file.
"$jisr" batch -q --refine --manifest "$work/good.manifest.tsv" -f beads -o "$work/refined.beads" 2>"$work/err"
[ $? -eq 2 ] || fail "-f beads --refine: exit 2 expected"
grep -q beads "$work/err" || fail "-f beads --refine names the format: $(cat "$work/err")"
[ -e "$work/refined.beads" ] && fail "-f beads --refine wrote a file"

# Beads as large as jisr align makes them: one sentence against five.
cp "$src/tests/data/batch/long-sentence.ar.txt" "$work/long.ar"; cp "$src/tests/data/batch/long-sentence.en.txt" "$work/long.en"
"$jisr" align -q "$work/long.ar" "$work/long.en" -f tsv | sed "s/^/long	/" >"$work/expected.long.tsv"
printf 'long.ar\tlong.en\tlong\n' >"$work/long.manifest.tsv"
"$jisr" batch -q --manifest "$work/long.manifest.tsv" -o "$work/long.tsv" --report "$work/long.report.jsonl" ||
  fail "batch of a one-to-five bead"
same "$work/expected.long.tsv" "$work/long.tsv" "batch differs from align on a one-to-five bead"
grep -q '"1-5":1' "$work/long.report.jsonl" || fail "batch makes the 1-5 bead: $(cat "$work/long.report.jsonl")"

# Usage errors: exit 2.
"$jisr" batch -q </dev/null >/dev/null 2>&1; [ $? -eq 2 ] || fail "no input given: exit 2"
"$jisr" batch -q --input b64tsv -f moses </dev/null >/dev/null 2>&1; [ $? -eq 2 ] || fail "moses without -o: exit 2"

if [ "$failures" -gt 0 ]; then echo "$failures failures"; exit 1; fi
echo "batch: all checks passed"

#!/bin/sh
# jisr docalign on the command line: pairs as TSV and JSON lines, --align
# through the batch engine, a mixed pile, bad files named and skipped, an
# empty pile refused, usage errors.
#   docalign.sh JISR SOURCE_DIR
set -u
jisr=$1 src=$2
status=0
fail() { echo "FAIL: $*"; status=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/ar" "$tmp/en" "$tmp/empty" "$tmp/mixed"
cp "$src/examples/press.ar.txt" "$tmp/ar/a1.txt"
cp "$src/examples/press.en.txt" "$tmp/en/e1.txt"
printf 'قال وزير الزراعة إن محصول القمح بلغ 4,250,000 طن في عام 1997.\n' > "$tmp/ar/a2.txt"
printf 'The football club signed 3 players on 9 March 2021 in Lisbon.\n' > "$tmp/en/e2.txt"
cp "$tmp/ar/a1.txt" "$tmp/ar/a2.txt" "$tmp/en/e1.txt" "$tmp/mixed/"

out=$("$jisr" docalign --ar "$tmp/ar" --en "$tmp/en" -q) || fail "two piles exited $?"
printf '%s\n' "$out" | awk -F '\t' -v a="$tmp/ar/a1.txt" -v e="$tmp/en/e1.txt" \
  '$1 == a && $2 == e && $3 >= 0.5 { found = 1 } END { exit !found }' || fail "no pair a1-e1: $out"
printf '%s\n' "$out" | grep -qx "$tmp/ar/a2.txt		" || fail "a2 not unmatched: $out"
printf '%s\n' "$out" | grep -qx "	$tmp/en/e2.txt	" || fail "e2 not unmatched: $out"

j=$("$jisr" docalign --ar "$tmp/ar" --en "$tmp/en" -f jsonl -q) || fail "jsonl exited $?"
printf '%s\n' "$j" | head -n 1 | grep -q '"shared_keys":\["' || fail "jsonl without shared keys: $j"
printf '%s\n' "$j" | grep -q '"en":null' || fail "jsonl without an unmatched Arabic document: $j"

"$jisr" docalign --ar "$tmp/ar" --en "$tmp/en" --align -o "$tmp/out.tmx" -q > "$tmp/pairs.tsv" ||
  fail "--align exited $?"
[ "$(grep -c '<tu ' "$tmp/out.tmx")" -gt 3 ] || fail "--align wrote no translation units"
grep -q 'x-document">a1.txt' "$tmp/out.tmx" || fail "--align: units do not name their document"
[ "$(grep -c . "$tmp/pairs.tsv")" -eq 3 ] || fail "--align: pairs not on standard output"

m=$("$jisr" docalign --pile "$tmp/mixed" -q) || fail "--pile exited $?"
printf '%s\n' "$m" | grep -q "^$tmp/mixed/a1.txt	$tmp/mixed/e1.txt	" || fail "--pile: no pair: $m"

printf '\377\376bad' > "$tmp/ar/bad.txt"
"$jisr" docalign --ar "$tmp/ar" --en "$tmp/en" -o "$tmp/p.tsv" -q 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "a bad file exited $rc, expected 1"
grep -q "skipped $tmp/ar/bad.txt" "$tmp/err" || fail "the bad file is not named: $(cat "$tmp/err")"
grep -q "^$tmp/ar/a1.txt	$tmp/en/e1.txt	" "$tmp/p.tsv" || fail "the good files were not paired"

"$jisr" docalign --ar "$tmp/empty" --en "$tmp/en" > "$tmp/o" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "an empty pile exited $rc, expected 1"
grep -q "pile is empty" "$tmp/err" || fail "no message for the empty pile: $(cat "$tmp/err")"
"$jisr" docalign --ar "$tmp/ar" > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--ar without --en exited $rc, expected 2"
"$jisr" docalign --ar "$tmp/ar" --en "$tmp/en" --align > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--align without -o exited $rc, expected 2"
[ $status -eq 0 ] && echo "docalign: all checks passed"
exit $status

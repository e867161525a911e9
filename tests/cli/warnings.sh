#!/bin/sh
# The safety warnings of jisr align: swapped sides, Arabic against Arabic,
# English against English, a binary-looking side, a missing dictionary and
# documents that are not translations of each other each produce their
# warning on standard error and in --summary=json; --strict makes each of
# them exit 1 without writing the output; a sound pair raises none.
#   warnings.sh JISR SOURCE_DIR
set -u
jisr=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

ar=$src/examples/press.ar.txt
en=$src/examples/press.en.txt

# expect_warning CODE DESCRIPTION -- ARGS...: the warning in the JSON summary
# and as text, and --strict fails with no output file left.
expect_warning() {
  code=$1 what=$2
  shift 3
  "$jisr" align "$@" -f beads --summary=json >"$work/out" 2>"$work/err" || fail "$what: exit $?: $(cat "$work/err")"
  grep -q "\"code\":\"$code\"" "$work/err" || fail "$what: no $code in the JSON summary: $(cat "$work/err")"
  "$jisr" align "$@" -f beads >"$work/out" 2>"$work/err" || fail "$what: exit $? without --strict"
  grep -q "^jisr: warning: " "$work/err" || fail "$what: no warning on standard error: $(cat "$work/err")"
  rm -f "$work/strict.beads"
  "$jisr" align "$@" -o "$work/strict.beads" --strict 2>"$work/err"
  status=$?
  [ "$status" -eq 1 ] || fail "$what: --strict exits $status, not 1"
  grep -q -- "--strict" "$work/err" || fail "$what: --strict does not say why: $(cat "$work/err")"
  [ ! -e "$work/strict.beads" ] || fail "$what: --strict left an output file"
}

# A sound pair: no warning, --strict passes, a document score in the summary.
"$jisr" align "$ar" "$en" -o "$work/ok.beads" --strict --summary=json 2>"$work/err" || fail "sound pair: exit $?: $(cat "$work/err")"
grep -q '"warnings":\[\]' "$work/err" || fail "sound pair raises warnings: $(cat "$work/err")"
grep -q '"document_score":0\.[5-9]' "$work/err" || fail "sound pair: document score missing or low: $(cat "$work/err")"
grep -q '"evidence":"length, anchors' "$work/err" || fail "sound pair: no evidence line: $(cat "$work/err")"

expect_warning swapped_sides "swapped sides" -- "$en" "$ar"
expect_warning same_script "Arabic against Arabic" -- "$ar" "$ar"
expect_warning same_script "English against English" -- "$en" "$en"

# A side that is an ASCII stand-in for a zip archive's header and body.
for k in 1 2 3 4 5 6 7 8; do printf 'PK\003\004\024\000\010\000\010\000 ~!@#$%%^&*()_+{}|:<>?[]\\;,./ 0x5C3F\n'; done |
  tr -d '\000' >"$work/zip.txt"
expect_warning binary_side "binary-looking side" -- "$ar" "$work/zip.txt"
for k in 1 2 3 4 5 6 7 8; do printf '.... .. !!.. ##@@ %%%% ^^&& 00 11 22 ** (( )) -- PK .. ++ == :: ;; ,,\n'; done >"$work/junk.txt"
expect_warning binary_side "symbols-only side" -- "$ar" "$work/junk.txt"

# No FreeDict where jisr looks for it.
mkdir "$work/no-dict"
export JISR_DICTD_DIR="$work/no-dict"
expect_warning dictionary_missing "missing dictionary" -- "$ar" "$en"
"$jisr" align "$ar" "$en" -f beads 2>"$work/err" >/dev/null
unset JISR_DICTD_DIR
grep -q "FreeDict not found in $work/no-dict: install dict-freedict-ara-eng" "$work/err" ||
  fail "missing dictionary: message does not name the folder and package: $(cat "$work/err")"

# Two documents that are not translations of each other.
sed -n '1,60p' "$src/README.md" | grep -v '^[#`|]' >"$work/other.en.txt"
expect_warning not_translations "unrelated documents" -- "$ar" "$work/other.en.txt"

[ "$failures" -eq 0 ] || exit 1
echo "warnings: all passed"

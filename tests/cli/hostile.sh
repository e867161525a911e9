#!/usr/bin/env bash
# End-to-end checks of jisr on hostile and broken input, one case a run:
#   hostile.sh JISR CASE
# Each case checks the exit status, that the error is one line naming the
# file and byte offset, and that no output file (or temporary file) is left.
set -uo pipefail
jisr=$1
case_name=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }

# run EXPECTED_STATUS ARGS...: runs jisr, keeps stdout/stderr in out/err.
run() {
  local want=$1; shift
  "$jisr" "$@" >out 2>err
  local got=$?
  [ "$got" -eq "$want" ] || { cat err >&2; fail "jisr $* exited $got, expected $want"; }
}
# expect_error FILE PATTERN: one line on stderr that names FILE, a byte offset, PATTERN.
expect_error() {
  [ "$(wc -l <err)" -eq 1 ] || { cat err >&2; fail "expected a one-line error"; }
  grep -q "^jisr: $1: byte [0-9][0-9]*: .*$2" err || { cat err >&2; fail "error does not name $1, a byte offset and '$2'"; }
}
no_output_left() {
  [ ! -e out.tmx ] || fail "out.tmx was left behind"
  if ls -A | grep -q '\.tmp$'; then fail "a temporary file was left behind: $(ls -A)"; fi
}

printf 'Dr. Smith opened the bridge in 1998.\nIt is long.\n' >en.txt
printf '\xd8\xa7\xd9\x81\xd8\xaa\xd8\xaa\xd8\xad \xd8\xa7\xd9\x84\xd8\xac\xd8\xb3\xd8\xb1 \xd8\xb9\xd8\xa7\xd9\x85 1998.\n\xd9\x88\xd9\x87\xd9\x88 \xd8\xb7\xd9\x88\xd9\x8a\xd9\x84.\n' >ar.txt

bad_input() {  # bad_input BYTES PATTERN OFFSET
  printf "$1" >bad.txt
  run 1 align bad.txt en.txt -o out.tmx
  expect_error bad.txt "$2"
  grep -q "byte $3:" err || { cat err >&2; fail "expected byte $3"; }
  no_output_left
  run 1 align ar.txt bad.txt -o out.tmx
  expect_error bad.txt "$2"
  no_output_left
}

case $case_name in
  invalid_utf8) bad_input 'ok line.\nbad \xff byte.\n' 'invalid UTF-8' 13 ;;
  overlong) bad_input 'slash \xc0\xaf here.\n' 'overlong encoding' 6 ;;
  surrogate) bad_input 'lone \xed\xa0\x80.\n' 'surrogate' 5 ;;
  nul) bad_input 'text\0more text.\n' 'NUL byte' 4 ;;
  utf16_bom) bad_input '\xff\xfeh\0i\0.\0' 'UTF-16' 0 ;;
  utf16_no_bom) bad_input 'H\0e\0l\0l\0o\0.\0\n\0' 'UTF-16' 1 ;;
  binary_junk)
    head -c 4096 "$jisr" >bad.txt
    run 1 align bad.txt en.txt -o out.tmx
    grep -q '^jisr: bad.txt: byte [0-9]*: ' err || fail "no offset for binary input"
    no_output_left ;;
  replace_counts)
    printf 'one \xff two \xc0\xaf.\n' >bad.txt
    run 0 align bad.txt en.txt --on-invalid replace -f beads
    grep -q 'warning: bad.txt: replaced 3 invalid byte sequences with U+FFFD' err || { cat err >&2; fail "no count"; } ;;
  empty_file)
    : >empty.txt
    run 1 align empty.txt en.txt -o out.tmx
    expect_error empty.txt 'no text to align'
    no_output_left
    run 1 align ar.txt empty.txt -o out.tmx
    expect_error empty.txt 'no text to align'
    no_output_left ;;
  blank_side)
    printf ' \n\t\n\n' >blank.txt
    run 1 align ar.txt blank.txt -f tsv
    expect_error blank.txt 'no text to align' ;;
  missing_file)
    run 1 align nothere.txt en.txt -o out.tmx
    grep -q '^jisr: nothere.txt: no such file$' err || fail "missing file"
    no_output_left ;;
  tmx_hostile_text)
    # Characters XML forbids, bidi controls, tabs, markup characters and a
    # backslash: the TMX stays well-formed and converts back to the same TSV.
    printf 'A\x01B <b>&amp;</b> \xe2\x80\xaeRLO\xe2\x80\xac\tTAB \\ back.\nSecond \xef\xbf\xbe line.\n' >h.txt
    printf 'One.\nTwo.\n' >e.txt
    run 0 align --presplit h.txt e.txt -o out.tmx
    grep -q 'dropped 2 characters that XML 1.0 forbids' err || { cat err >&2; fail "drops not counted"; }
    if command -v xmllint >/dev/null; then
      xmllint --noout out.tmx 2>xerr || fail "xmllint: $(cat xerr)"
      [ ! -s xerr ] || fail "xmllint: $(cat xerr)"
    fi
    run 0 convert out.tmx -o back.tsv
    run 0 align --presplit h.txt e.txt -f tsv
    # The TSV from the TMX equals the direct TSV, less the dropped characters.
    tr -d '\001' <out | sed 's/\xef\xbf\xbe//g' | cut -f1,2 >direct.tsv
    cut -f1,2 back.tsv >converted.tsv
    cmp direct.tsv converted.tsv || fail "TMX -> TSV changed the text: $(diff direct.tsv converted.tsv)"
    [ "$(wc -l <back.tsv)" -eq 2 ] || fail "TSV is not one bead a line"
    grep -qF 'TAB \\ back.' back.tsv || fail "tab or backslash not escaped"
    run 0 convert back.tsv -o again.tmx
    run 0 convert again.tmx -o again.tsv
    cmp <(cut -f1,2 back.tsv) <(cut -f1,2 again.tsv) || fail "TSV -> TMX -> TSV changed the text" ;;
  full_disk)
    # A file size limit stands in for a full disk: the write fails, jisr
    # exits non-zero and leaves neither the output nor its temporary file.
    for k in $(seq 1 3000); do echo "Sentence number $k is here."; done >big.txt
    (ulimit -f 64; "$jisr" align --presplit big.txt big.txt -o out.tmx >out 2>err)
    status=$?
    [ "$status" -ne 0 ] || fail "exit status 0 on a full disk"
    grep -q 'write failed' err || { cat err >&2; fail "no write error"; }
    no_output_left ;;
  stdout_full)
    [ -w /dev/full ] || { echo "no /dev/full; checked nothing"; exit 0; }
    "$jisr" align ar.txt en.txt -f tsv >/dev/full 2>err && fail "exit 0 writing to /dev/full"
    grep -q 'write failed' err || fail "no write error" ;;
  device_output)
    run 0 align ar.txt en.txt -o /dev/null -f tmx
    [ -c /dev/null ] || fail "/dev/null is no longer a device" ;;
  hostile_model)
    printf '{"format": 3}' >m1.json
    printf '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' >m2.json
    printf '{"format":"jisr-model","version":1,"length":{"c":1e999,"s2":1},"priors":{"1-1":1}}' >m3.json
    printf '{"format":"jisr-model","version":1,"length":{"c":1,"s2":1},"priors":{"1-1":1,"99-1":0.5}}' >m4.json
    printf '\xff\xfe{' >m5.json
    for m in m1 m2 m3 m4 m5; do
      run 1 align ar.txt en.txt -m "./$m.json" -o out.tmx
      grep -q "^jisr: ./$m.json: " err || { cat err >&2; fail "$m: message does not name the model"; }
      [ "$(wc -l <err)" -eq 1 ] || fail "$m: not one line"
      no_output_left
    done ;;
  hostile_tmx)
    # Entities other than the predefined five are never expanded: an unknown
    # one and a declared one stay as written (no expansion attack, no loss).
    printf '<tmx><body><tu><tuv xml:lang="en"><seg>&nbsp;</seg></tuv></tu></body></tmx>' >a.tmx
    run 0 convert a.tmx --src-tag en -o out.tsv
    grep -qF '&nbsp;' out.tsv || fail "unknown entity not kept as written"
    rm -f out.tsv
    printf '<!DOCTYPE tmx [<!ENTITY x "xxxxxxxx">]><tmx><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>' >b.tmx
    run 0 convert b.tmx --src-tag en -o out.tsv
    grep -qF '&x;' out.tsv || fail "declared entity expanded"
    rm -f out.tsv
    printf '<tmx><body><tu><tuv xml:lang="en"><seg>cut' >c.tmx
    printf '<tmx><body><tu><tuv xml:lang="en"><seg>&#1;</seg></tuv></tu></body></tmx>' >d.tmx
    for f in c d; do
      run 1 convert $f.tmx -o out.tsv
      expect_error $f.tmx ''
      [ ! -e out.tsv ] || fail "out.tsv left behind"
    done ;;
  convert_usage)
    printf 'a\tb\n' >x.txt
    run 2 convert x.txt
    grep -q 'give --from' err || fail "no hint" ;;
  same_language)
    run 0 align en.txt en.txt --src-lang en -f beads
    [ "$(wc -l <out)" -ge 1 ] || fail "no beads" ;;
  length_mismatch)
    # 10,000 sentences against 1: legal, so a result, with every sentence in a bead.
    for k in $(seq 1 10000); do echo "Line $k."; done >many.txt
    echo 'One line.' >one.txt
    run 0 align --presplit many.txt one.txt -f beads
    n=$(grep -o '[0-9][0-9]*' <(cut -d: -f1 out) | wc -l)
    [ "$n" -eq 10000 ] || fail "$n of 10000 source sentences in beads"
    run 0 align --presplit one.txt many.txt -f beads
    n=$(grep -o '[0-9][0-9]*' <(cut -d: -f2 out) | wc -l)
    [ "$n" -eq 10000 ] || fail "$n of 10000 target sentences in beads" ;;
  long_line)
    # One 8 MB line without punctuation on each side: one sentence each.
    head -c 6000000 /dev/zero | tr '\0' 'a' | fold -w 9 | tr '\n' ' ' >long.txt
    echo >>long.txt
    run 0 align long.txt long.txt --src-lang en -f beads
    [ "$(cat out | cut -d: -f1,2)" = "[0]:[0]" ] || fail "expected one bead, got $(head -c 200 out)" ;;
  max_cells)
    for k in $(seq 1 500); do echo "Line $k."; done >five.txt
    run 1 align --presplit five.txt five.txt --max-cells 1000 -o out.tmx
    grep -q 'more than the limit of 1000' err || { cat err >&2; fail "no limit message"; }
    no_output_left ;;
  max_bytes)
    run 1 align ar.txt en.txt --max-bytes 10 -o out.tmx
    expect_error ar.txt 'larger than the limit of 10 bytes'
    no_output_left ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"

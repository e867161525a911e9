#!/usr/bin/env bash
# End-to-end checks of jisr on hostile and broken input, one case a run:
#   hostile.sh JISR CASE [TEST_DATA_DIR] [MODELS_DIR]
# Each case checks the exit status, that the error is one line naming the
# file and byte offset, and that no output file (or temporary file) is left.
set -uo pipefail
jisr=$1
case_name=$2
data=${3:-}
models=${4:-}
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
  no_path_model)
    # A model without 1-0 / 0-1 priors could only drop sentences: refused.
    printf '{"format":"jisr-model","version":1,"length":{"c":1,"s2":6.8},"priors":{"1-1":1.0}}' >m.json
    printf 'One.\nTwo.\n' >s.txt
    printf 'One.\nTwo.\nThree.\n' >t.txt
    run 1 align --presplit --src-lang en --tgt-lang en s.txt t.txt -m ./m.json -f jsonl
    grep -q '^jisr: ./m.json: priors must give "1-0"' err || { cat err >&2; fail "model not refused"; }
    [ ! -s out ] || fail "beads written" ;;
  no_path_training)
    # --alpha 0 would give unseen bead types probability 0: refused up front.
    run 2 train --set "$data/eval/set" --alpha 0 -o m.json
    [ ! -e m.json ] || fail "model written"
    for a in -1 nan 1e308; do
      run 2 train --set "$data/eval/set" --alpha "$a" -o m.json
      grep -q 'alpha' err || { cat err >&2; fail "--alpha $a: no message"; }
    done ;;
  temp_symlink)
    # A link planted at every temporary name jisr may pick is neither
    # followed nor renamed into place.
    printf 'secret\n' >secret
    sh -c 'for k in "" .0 .1 .2; do ln -s secret .out.tsv.$$$k.tmp; done; exec "$0" align ar.txt en.txt -o out.tsv -q' "$jisr" ||
      fail "jisr failed beside planted links"
    [ "$(cat secret)" = secret ] || fail "the link's target was overwritten"
    [ -f out.tsv ] && [ ! -L out.tsv ] || fail "out.tsv is not a regular file"
    grep -q '1998' out.tsv || fail "out.tsv lacks the text" ;;
  temp_fifo)
    # A FIFO at the temporary name must not make jisr wait for a reader.
    timeout 20 sh -c 'mkfifo .out.tsv.$$.tmp .out.tsv.$$.0.tmp; exec "$0" align ar.txt en.txt -o out.tsv -q' "$jisr" ||
      fail "jisr hung or failed beside a FIFO"
    [ -f out.tsv ] || fail "no output" ;;
  keep_mode)
    printf 'old\n' >out.tsv
    chmod 640 out.tsv
    run 0 align ar.txt en.txt -o out.tsv -q
    [ "$(stat -c %a out.tsv)" = 640 ] || fail "mode became $(stat -c %a out.tsv)"
    grep -q '1998' out.tsv || fail "not replaced" ;;
  moses_atomic)
    # One side cannot be written: neither file appears.
    [ -w /dev/full ] || { echo "no /dev/full; checked nothing"; exit 0; }
    ln -s /dev/full m.en
    run 1 align ar.txt en.txt -f moses -o m
    [ ! -e m.ar ] || fail "m.ar was left behind"
    grep -q '^jisr: m.en: write failed: No space left on device' err || { cat err >&2; fail "message does not name m.en"; } ;;
  dev_regular_file)
    # A regular file is written through a temporary name wherever it is,
    # /dev/shm included: a failed write leaves the old file whole.
    dir=/dev/shm
    [ -d "$dir" ] && [ -w "$dir" ] || dir=.
    d=$(mktemp -d "$dir/jisr.XXXXXX")
    printf 'old\n' >"$d/o.tsv"
    for k in $(seq 1 3000); do echo "Sentence number $k is here."; done >big.txt
    (ulimit -f 16; "$jisr" align --presplit big.txt big.txt -o "$d/o.tsv" >out 2>err)
    status=$?
    content=$(cat "$d/o.tsv")
    leftover=$(ls -A "$d" | grep -c tmp)
    rm -rf "$d"
    [ "$status" -eq 1 ] || fail "exit $status"
    [ "$content" = old ] || fail "the old file was overwritten in place"
    [ "$leftover" -eq 0 ] || fail "a temporary file was left behind" ;;
  nohup)
    # An ignored SIGHUP (nohup) stays ignored: jisr finishes its work.
    printf 'One.\nTwo.\n' >t.txt
    mkfifo in.fifo
    (trap '' HUP; exec "$jisr" align --presplit - t.txt -f beads -q <in.fifo >out 2>err) &
    pid=$!
    (trap '' PIPE; exec 3>in.fifo; sleep 0.5; kill -HUP $pid; sleep 0.2; printf 'One.\n' >&3)
    wait $pid
    status=$?
    [ "$status" -eq 0 ] || fail "jisr exited $status after an ignored SIGHUP"
    [ -s out ] || fail "no beads" ;;
  crlf_offsets)
    # JSONL offsets index the bytes of the file, byte order mark and CRLF included.
    printf '\xef\xbb\xbfFirst one.\r\nSecond one.\r\n' >c.txt
    run 0 align --presplit --src-lang en --tgt-lang en c.txt c.txt -f jsonl -q
    grep -q '"src_offsets":\[\[3,13\]\]' out || { cat out >&2; fail "first offsets"; }
    grep -q '"src_offsets":\[\[15,26\]\]' out || { cat out >&2; fail "second offsets"; }
    [ "$(head -c 26 c.txt | tail -c 11)" = 'Second one.' ] || fail "the test's own file is wrong" ;;
  utf16_replace)
    printf 'H\0e\0l\0l\0o\0.\0\n\0' >u.txt
    run 1 align u.txt en.txt --on-invalid replace -o out.tmx
    expect_error u.txt 'UTF-16LE without a byte order mark'
    no_output_left ;;
  utf16_be)
    printf '\0H\0e\0l\0l\0o\0.\0\n' >u.txt
    run 1 align u.txt en.txt -o out.tmx
    expect_error u.txt 'iconv -f UTF-16BE'
    no_output_left ;;
  utf16_arabic)
    # Arabic in UTF-16LE has few NULs (spaces, line ends) but is still UTF-16.
    printf '\x27\x06\x44\x06 \0\x28\x06\x4a\x06\x2a\x06.\0\n\0' >u.txt
    run 1 align u.txt en.txt -o out.tmx
    expect_error u.txt 'UTF-16LE without a byte order mark'
    no_output_left ;;
  bad_options)
    run 2 align ar.txt en.txt --min-score nan -f beads
    grep -q 'min-score' err || fail "--min-score nan accepted"
    run 2 align ar.txt en.txt --threads 100000 -f beads
    grep -q 'more than the limit of 256' err || { cat err >&2; fail "--threads not capped"; }
    run 2 eval --set "$data/eval/set" --threads 100000
    grep -q 'more than the limit' err || fail "eval --threads not capped" ;;
  long_name)
    name=$(printf 'x%.0s' $(seq 1 246)).tsv
    run 0 align ar.txt en.txt -o "$name" -q
    [ -s "$name" ] || fail "no output under a 250-byte name"
    if ls -A | grep -q '\.tmp$'; then fail "a temporary file was left behind"; fi ;;
  write_error_names_file)
    [ -w /dev/full ] || { echo "no /dev/full; checked nothing"; exit 0; }
    ln -s /dev/full full.tsv
    run 1 align ar.txt en.txt -o full.tsv
    grep -q '^jisr: full.tsv: write failed: No space left on device$' err || { cat err >&2; fail "file not named"; }
    "$jisr" align ar.txt en.txt -f tsv >/dev/full 2>err && fail "exit 0"
    grep -q '^jisr: standard output: write failed' err || { cat err >&2; fail "standard output not named"; } ;;
  eval_strict)
    printf '[0]:[0]\n[1]:[1]\n' >g.beads
    printf '[0]:[0]\n[0,1]:[1]\n' >t.beads
    run 1 eval --gold g.beads --test t.beads
    grep -q 't.beads:2: source sentence 0 is already in the bead on line 1' err || { cat err >&2; fail "overlap accepted"; }
    printf '[0]:[0]:0.5 junk\n[1]:[1]\n' >t.beads
    run 1 eval --gold g.beads --test t.beads
    grep -q 't.beads:1: unexpected text after the score' err || { cat err >&2; fail "junk accepted"; }
    printf '[0]:[0]:0.5\n[1]:[1]:\n' >t.beads
    run 1 eval --gold g.beads --test t.beads
    grep -q 't.beads:2: the score after the sides is not a number' err || { cat err >&2; fail "empty score accepted"; }
    printf '[0]:[0]:0.5\n[1]:[1]  \n' >t.beads
    run 0 eval --gold g.beads --test t.beads ;;
  tmx_score_range)
    # Another tool's x-score (a percentage) is read as no score, so the TSV
    # converts back.
    printf '<tmx version="1.4"><header srclang="ar"/><body><tu><prop type="x-score">87</prop><tuv xml:lang="ar"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>' >s.tmx
    run 0 convert s.tmx -o s.tsv -q
    [ "$(cat s.tsv)" = "$(printf 'a\tb\t')" ] || fail "score kept: $(cat s.tsv)"
    run 0 convert s.tsv -o back.tmx -q ;;
  output_is_input)
    cp en.txt keep.txt
    run 2 align ar.txt keep.txt -o keep.txt
    cmp -s en.txt keep.txt || fail "the input was replaced"
    ln -s keep.txt alias.txt
    run 2 align ar.txt keep.txt -o alias.txt
    run 2 split --lang en keep.txt -o keep.txt
    printf 'a\tb\t\n' >c.tsv
    run 2 convert c.tsv -o c.tsv --to tmx
    cmp -s en.txt keep.txt || fail "the input was replaced" ;;
  repeated_lines)
    # Identical lines tie every path: the band stops widening at its bound
    # and the summary says the result is not proven optimal.
    yes 'Sentence is here, ok.' | head -2000 >r1.txt
    yes 'Sentence is here, ok.' | head -2500 >r2.txt
    run 0 align --presplit --src-lang en --tgt-lang en r1.txt r2.txt -f beads
    grep -q 'stopped widening its band at the time bound' err || { cat err >&2; fail "no warning"; }
    n=$(cut -d: -f2 out | grep -o '[0-9][0-9]*' | wc -l)
    [ "$n" -eq 2500 ] || fail "$n of 2500 target sentences in beads" ;;
  endless_files)
    # /dev/zero as a dictionary, a lexicon or a model: refused at a limit.
    run 1 align ar.txt en.txt --dictionary /dev/zero -o out.tmx
    grep -q '^jisr: /dev/zero: dictionary larger than the limit' err || { cat err >&2; fail "dictionary"; }
    no_output_left
    sed 's|"anchors": {|"anchors": {"lexicon": "/dev/zero",|' "$models/generic.json" >z.json
    grep -q '/dev/zero' z.json || fail "the test could not make its model"
    run 1 align ar.txt en.txt -m ./z.json -o out.tmx
    grep -q '^jisr: /dev/zero: byte [0-9]*: input is larger than the limit' err || { cat err >&2; fail "lexicon"; }
    no_output_left
    run 1 align ar.txt en.txt -m /dev/zero -o out.tmx
    grep -q '^jisr: /dev/zero: ' err || { cat err >&2; fail "model"; } ;;
  long_lexicon_phrase)
    words=$(seq 1 200 | sed 's/^/w/' | tr '\n' ' ')
    printf '%s\t%s\n' "$words" "$words" >lex.tsv
    sed 's|"anchors": {|"anchors": {"lexicon": "lex.tsv",|' "$models/generic.json" >l.json
    run 1 align ar.txt en.txt -m ./l.json -o out.tmx
    grep -q '^jisr: ./lex.tsv:1: a phrase of more than 12 words' err || { cat err >&2; fail "no error"; }
    no_output_left ;;
  long_headword)
    printf '%s\tbook\n' "$(printf 'x%.0s' $(seq 1 300))" >d.tsv
    run 1 align ar.txt en.txt --dictionary d.tsv -o out.tmx
    grep -q '^jisr: .*/d.tsv:1: a headword longer than 256 bytes' err || { cat err >&2; fail "no error"; } ;;
  srx_backtracking)
    cat >evil.srx <<'SRX'
<?xml version="1.0"?>
<srx version="2.0"><header cascade="no"/><body>
<languagerules><languagerule languagerulename="x"><rule break="yes"><beforebreak>(a+)+$</beforebreak><afterbreak></afterbreak></rule></languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="x"/></maprules></body></srx>
SRX
    printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n' >a.txt
    run 1 split --lang en --srx evil.srx a.txt
    grep -q '^jisr: evil.srx: languagerule "x" rule 1: the regular expression ran past its time limit' err ||
      { cat err >&2; fail "no error"; } ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"

#!/bin/sh
# End-to-end checks of the jisr command line: the bundled example, every
# output format, the TMX DTD, and the bad-input contract (exit status,
# message naming the file and position, no output file left behind).
#   end_to_end.sh JISR SOURCE_DIR SHARED_DIR
set -u
jisr=$1 src=$2 shared=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { passed=$((passed + 1)); }

# expect_status WANT DESCRIPTION -- COMMAND...: runs COMMAND, keeps stderr in $work/err.
expect_status() {
  want=$1 what=$2
  shift 3
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  if [ "$got" -ne "$want" ]; then fail "$what: exit $got, expected $want ($(head -c 300 "$work/err"))"; else ok; fi
}
expect_err() {  # expect_err PATTERN DESCRIPTION
  if grep -q -- "$1" "$work/err"; then ok; else fail "$2: stderr lacks '$1': $(head -c 300 "$work/err")"; fi
}

ar=$src/examples/press.ar.txt
en=$src/examples/press.en.txt

# The example aligns to its hand-made gold beads.
expect_status 0 "example beads" -- "$jisr" align -q "$ar" "$en" -f beads
sed 's/:[0-9.]*$//' "$work/out" >"$work/example.beads"
if diff -u "$src/examples/press.gold" "$work/example.beads" >"$work/diff"; then ok; else fail "example beads differ from examples/press.gold: $(cat "$work/diff")"; fi

# jisr anchors: the English dateline's date gives keys; the page's time stamp
# above it (line 1 of the example) gives none, as the aligner leaves it out.
expect_status 0 "anchors of the example" -- "$jisr" anchors -l en "$en"
if grep -q "^1		Monday, 3 March 2025 10:15$" "$work/out"; then ok; else fail "time stamp has keys: $(sed -n 2p "$work/out")"; fi
if grep "^2	" "$work/out" | grep -q "num:2025"; then ok; else fail "dated sentence lost its year: $(sed -n 3p "$work/out")"; fi

# TMX: chosen by the extension, a unit per bead with both sides.
expect_status 0 "example tmx" -- "$jisr" align --summary "$ar" "$en" -o "$work/x.tmx"
expect_err "wrote $work/x.tmx" "summary names the output"
expect_err "left out: 3 unaligned" "summary counts left-out beads"
units=$(grep -c '<tu tuid=' "$work/x.tmx")
[ "$units" -eq 6 ] && ok || fail "example tmx has $units units, expected 6"
if command -v xmllint >/dev/null && [ -f "$shared/tmx/tmx14.dtd" ]; then
  if xmllint --noout --nonet --dtdvalid "$shared/tmx/tmx14.dtd" "$work/x.tmx" 2>"$work/xml"; then ok; else fail "example tmx is not valid TMX 1.4: $(cat "$work/xml")"; fi
fi

# TSV: three columns a line; with --keep-unaligned the 1-0 / 0-1 beads too.
expect_status 0 "tsv" -- "$jisr" align -q "$ar" "$en" -o "$work/x.tsv"
[ "$(wc -l <"$work/x.tsv")" -eq 6 ] && ok || fail "tsv has $(wc -l <"$work/x.tsv") lines, expected 6"
awk -F'\t' 'NF != 3 { exit 1 }' "$work/x.tsv" && ok || fail "tsv line without exactly three fields"
expect_status 0 "tsv keep" -- "$jisr" align -q "$ar" "$en" -f tsv --keep-unaligned
[ "$(wc -l <"$work/out")" -eq 9 ] && ok || fail "tsv --keep-unaligned has $(wc -l <"$work/out") lines, expected 9"

# The model follows the languages: ar-en by default and for ar/en tags,
# generic for a pair without a model of its own, and --model wins.
printf 'Der Hund schl\303\244ft im Garten.\nEr ist m\303\274de.\n' >"$work/de.txt"
printf 'Le chien dort dans le jardin.\nIl est fatigu\303\251.\n' >"$work/fr.txt"
model_of() {  # model_of DESCRIPTION ARGS...: the model named by the JSON summary
  what=$1
  shift
  expect_status 0 "$what" -- "$jisr" align --summary=json -o "$work/lang.tsv" "$@"
  sed -n 's/.*"model":"\([^"]*\)".*/\1/p' "$work/err"
}
[ "$(model_of "no languages" "$ar" "$en")" = ar-en ] && ok || fail "default model is not ar-en: $(cat "$work/err")"
[ "$(model_of "ar-SY en" --src-lang ar-SY --tgt-lang en "$ar" "$en")" = ar-en ] && ok ||
  fail "ar-SY/en did not take ar-en: $(cat "$work/err")"
[ "$(model_of "de fr" --src-lang de --tgt-lang fr "$work/de.txt" "$work/fr.txt")" = generic ] && ok ||
  fail "de/fr did not take the generic model: $(cat "$work/err")"
[ "$(model_of "de fr, --model ar-en" --model ar-en --src-lang de --tgt-lang fr "$work/de.txt" "$work/fr.txt")" = ar-en ] &&
  ok || fail "--model did not win over the languages: $(cat "$work/err")"

# jisr eval --set takes the model of the set's languages the same way.
bl=$shared/data/bleualign-de-fr
if [ -d "$bl" ]; then
  expect_status 0 "eval of a de-fr set" -- "$jisr" eval --set "$bl" --docs "$shared/data/splits/bleualign-de-fr.dev.txt" --json
  grep -q '"model":"generic"' "$work/out" && ok || fail "eval of a de-fr set did not take the generic model: $(head -c 300 "$work/out")"
fi

# moses: two line-aligned files.
expect_status 0 "moses" -- "$jisr" align -q "$ar" "$en" -f moses -o "$work/m"
[ "$(wc -l <"$work/m.ar")" -eq 6 ] && [ "$(wc -l <"$work/m.en")" -eq 6 ] && ok || fail "moses files are not 6 lines each"

# jsonl: one object per bead, null beads included.
expect_status 0 "jsonl" -- "$jisr" align -q "$ar" "$en" -f jsonl
[ "$(grep -c '"score"' "$work/out")" -eq 9 ] && ok || fail "jsonl does not have 9 beads"

# --refine: the example's one-to-two bead becomes two pairs, each a clause
# run of the Arabic sentence, whose offsets slice the input to its text.
expect_status 0 "refine jsonl" -- "$jisr" align -q "$ar" "$en" -f jsonl --refine
[ "$(grep -c '"refined":"src"' "$work/out")" -eq 2 ] && ok || fail "refine: not two refined pairs: $(grep refined "$work/out")"
if python3 - "$ar" "$work/out" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
units = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
parts = [u for u in units if u.get("refined") == "src"]
assert len(parts) == 2 and parts[0]["src"] == parts[1]["src"] and parts[0]["tgt"] != parts[1]["tgt"]
for u in parts:
    (begin, end), = u["src_offsets"]
    assert raw[begin:end].decode("utf-8") == u["src_text"], (raw[begin:end], u["src_text"])
PY
then ok; else fail "refine: refined pairs do not slice the input"; fi
expect_status 0 "refine tmx" -- "$jisr" align -q "$ar" "$en" --refine -o "$work/refined.tmx"
[ "$(grep -c '<prop type="x-refined">ar</prop>' "$work/refined.tmx")" -eq 2 ] && ok || fail "refine: tmx lacks two x-refined units"
if command -v xmllint >/dev/null && [ -f "$shared/tmx/tmx14.dtd" ]; then
  if xmllint --noout --nonet --dtdvalid "$shared/tmx/tmx14.dtd" "$work/refined.tmx" 2>"$work/xml"; then ok; else fail "refined tmx is not valid TMX 1.4: $(cat "$work/xml")"; fi
fi
expect_status 0 "refine summary" -- "$jisr" align "$ar" "$en" -f tsv --refine --summary
expect_err "refined: 1 one-to-many beads written as 2 sentence-sized pairs" "refine summary counts the refined beads"
expect_err "1-2 1" "refine summary keeps the bead types of the alignment"
expect_status 2 "refine beads" -- "$jisr" align -q "$ar" "$en" -f beads --refine
expect_err "--refine" "refine refuses the beads format"

# --presplit reads one sentence a line.
"$jisr" split --lang ar "$ar" >"$work/ar.lines" && "$jisr" split --lang en "$en" >"$work/en.lines"
expect_status 0 "presplit" -- "$jisr" align -q --presplit "$work/ar.lines" "$work/en.lines" -f beads
sed 's/:[0-9.]*$//' "$work/out" | diff -q - "$src/examples/press.gold" >/dev/null && ok || fail "presplit beads differ from the raw-text run"

# A byte order mark and CRLF line ends are accepted and change nothing.
printf '\357\273\277' >"$work/bom.ar" && sed 's/$/\r/' "$ar" >>"$work/bom.ar"
expect_status 0 "bom crlf" -- "$jisr" align -q "$work/bom.ar" "$en" -f beads
sed 's/:[0-9.]*$//' "$work/out" | diff -q - "$src/examples/press.gold" >/dev/null && ok || fail "BOM/CRLF input aligns differently"

# Bad input: exit 1, the file named, no output file.
expect_status 1 "missing file" -- "$jisr" align "$work/nope.txt" "$en" -o "$work/bad.tmx"
expect_err "nope.txt: no such file" "missing file is named"
expect_status 1 "directory" -- "$jisr" align "$work" "$en" -o "$work/bad.tmx"
expect_err "is a directory" "directory is reported"
printf 'abc\n\377def\n' >"$work/invalid.txt"
expect_status 1 "invalid utf-8" -- "$jisr" align "$work/invalid.txt" "$en" -o "$work/bad.tmx"
expect_err "invalid.txt: byte 4: invalid UTF-8" "invalid UTF-8 names the byte offset"
: >"$work/empty.txt"
expect_status 1 "empty file" -- "$jisr" align "$work/empty.txt" "$en" -o "$work/bad.tmx"
expect_err "empty.txt" "empty file is named"
[ -e "$work/bad.tmx" ] && fail "an output file was left behind after bad input" || ok
ls -a "$work" | grep -q '\.tmp$' && fail "a temporary file was left behind" || ok

# Bad usage: exit 2.
expect_status 2 "unknown format" -- "$jisr" align "$ar" "$en" -f xml
expect_status 2 "unknown extension" -- "$jisr" align "$ar" "$en" -o "$work/x.xml"
expect_status 2 "bad language tag" -- "$jisr" split --lang en_US "$en"
expect_status 2 "no subcommand" -- "$jisr"

# The seed press release pair aligns from raw text into a valid TMX.
if [ -d "$shared/seeds" ]; then
  expect_status 0 "seed pair tmx" -- "$jisr" align "$shared"/seeds/000_*.txt "$shared"/seeds/001_*.txt -o "$work/seed.tmx"
  if command -v xmllint >/dev/null; then
    if xmllint --noout --nonet --dtdvalid "$shared/tmx/tmx14.dtd" "$work/seed.tmx" 2>"$work/xml"; then ok; else fail "seed tmx is not valid TMX 1.4: $(cat "$work/xml")"; fi
  fi
elif [ "${CI:-}" = true ]; then
  fail "$shared/seeds is missing (required when CI=true)"
else
  echo "note: $shared/seeds is absent; seed checks skipped"
fi

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]

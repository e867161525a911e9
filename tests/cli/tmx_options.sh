#!/bin/sh
# TMX options of jisr align and jisr convert: tags from the environment,
# reproducible dates, per-unit creator, note and document names, relabelling
# a memory, inline codes counted, upper-case extensions, TSV header lines.
#   tmx_options.sh JISR SOURCE_DIR
set -u
jisr=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
has() { grep -q -- "$1" "$2" || fail "$3: $2 lacks '$1'"; }
lacks() { if grep -q -- "$1" "$2"; then fail "$3: $2 has '$1'"; fi; }

ar=$src/examples/press.ar.txt
en=$src/examples/press.en.txt
cd "$work" || exit 1

# The same input and SOURCE_DATE_EPOCH give the same bytes, a second apart.
SOURCE_DATE_EPOCH=1700000000 "$jisr" align "$ar" "$en" -o a.tmx -q || fail "align a.tmx"
sleep 1
SOURCE_DATE_EPOCH=1700000000 "$jisr" align "$ar" "$en" -o b.tmx -q || fail "align b.tmx"
cmp -s a.tmx b.tmx || fail "SOURCE_DATE_EPOCH does not make the TMX reproducible"
has 'creationdate="20231114T221320Z"' a.tmx "SOURCE_DATE_EPOCH"
has '<tu tuid="1" creationdate="20231114T221320Z">' a.tmx "unit creation date"
has '<prop type="x-document">press.ar.txt</prop>' a.tmx "x-document of the source"
has '<prop type="x-document">press.en.txt</prop>' a.tmx "x-document of the target"
lacks '<note>' a.tmx "no note unless asked"

# --creation-date wins over SOURCE_DATE_EPOCH; creator and note in every unit.
SOURCE_DATE_EPOCH=1700000000 "$jisr" align "$ar" "$en" -o c.TMX -q --creation-date 20250301T090000Z \
  --creation-id "r&d" --note "checked <twice>" || fail "align c.TMX"
has 'creationdate="20250301T090000Z" creationid="r&amp;d"' c.TMX "--creation-id on units"
units=$(grep -c '<tu ' c.TMX)
[ "$(grep -c '<note>checked &lt;twice&gt;</note>' c.TMX)" -eq "$units" ] || fail "--note in every unit"

# Tags from the environment; the command line wins.
JISR_SRC_TAG=ar-SY JISR_TGT_TAG=en-US "$jisr" align "$ar" "$en" -o d.tmx -q || fail "align d.tmx"
has 'srclang="ar-SY"' d.tmx "JISR_SRC_TAG"
has '<tuv xml:lang="en-US">' d.tmx "JISR_TGT_TAG"
JISR_SRC_TAG=ar-SY "$jisr" align "$ar" "$en" -o e.tmx -q --src-tag ar-EG || fail "align e.tmx"
has 'srclang="ar-EG"' e.tmx "--src-tag over JISR_SRC_TAG"
JISR_SRC_TAG='not a tag' "$jisr" align "$ar" "$en" -o f.tmx -q 2>err
[ $? -eq 2 ] || fail "a bad JISR_SRC_TAG is a usage error"
has 'JISR_SRC_TAG' err "the message names the variable"
[ ! -e f.tmx ] || fail "no output after a usage error"

# Relabelling a memory (and .TMX in upper case).
"$jisr" convert c.TMX -o g.tmx --src-tag ar-SY --tgt-tag en-GB -q || fail "convert relabel"
has 'srclang="ar-SY"' g.tmx "relabelled srclang"
[ "$(grep -c '<tuv xml:lang="en-GB">' g.tmx)" -eq "$units" ] || fail "every unit relabelled"
"$jisr" convert c.TMX -o h.tmx 2>err
[ $? -eq 2 ] || fail "TMX to TMX without tags is a usage error"

# Inline codes are dropped and counted.
sed '0,/<seg>/s//<seg><bpt i="1">\&lt;b\&gt;<\/bpt><ph x="2"\/>/' a.tmx > codes.tmx
"$jisr" convert codes.tmx -o codes.tsv 2>err || fail "convert codes.tmx"
has 'dropped 2 inline codes' err "inline codes counted"

# TSV with a header line.
printf 'arabic\tenglish\tscore\n\330\250\tb\t0.5\n' > head.tsv
"$jisr" convert head.tsv --header -o head.tmx -q || fail "convert --header"
[ "$(grep -c '<tu ' head.tmx)" -eq 1 ] || fail "--header skips the first line only"
"$jisr" convert head.tsv -o nohead.tmx 2>err
[ $? -eq 1 ] || fail "a header line without --header is bad input"
has 'head.tsv:1' err "the message names the line"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all TMX option checks passed"

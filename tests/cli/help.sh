#!/bin/sh
# The command line's promises, checked on every subcommand:
#   every --help ends with the exit statuses; `jisr help CMD` is `jisr CMD --help`;
#   the shared options are spelled the same wherever they appear
#   (-o/--output, -f/--format, -q/--quiet, -m/--model, -l/--lang, --threads);
#   a mistyped command or option gets a "did you mean" hint and exit 2;
#   -V/--version prints the version.
#   help.sh JISR
set -u
jisr=$1
status=0
fail() { echo "FAIL: $*"; status=1; }
commands=$("$jisr" --help | awk '/^Subcommands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}')
[ -n "$commands" ] || fail "jisr --help lists no commands"
"$jisr" --help | grep -q "^Exit status: 0 success" || fail "jisr --help: no exit statuses"
for c in $commands; do
  h=$("$jisr" "$c" --help) || fail "$c --help exited non-zero"
  printf '%s\n' "$h" | tail -n 1 | grep -q "^Exit status: 0 success" || fail "$c --help does not end with the exit statuses"
  [ "$("$jisr" help "$c")" = "$h" ] || fail "jisr help $c differs from jisr $c --help"
  for pair in "-o --output" "-f --format" "-q --quiet" "-m --model" "-l --lang"; do
    short=${pair% *} long=${pair#* }
    if printf '%s\n' "$h" | grep -qE "^  (-[a-zA-Z],)?$long[ =]"; then
      printf '%s\n' "$h" | grep -qE "^  $short,$long[ =]" || fail "$c: $long without $short"
    fi
  done
  printf '%s\n' "$h" | grep -qE "^  -[a-z],--threads" && fail "$c: --threads has a short form elsewhere unused"
done
out=$("$jisr" alignn 2>&1); rc=$?
[ $rc -eq 2 ] || fail "jisr alignn exited $rc, expected 2"
printf '%s\n' "$out" | grep -q "did you mean 'jisr align'" || fail "no hint for alignn: $out"
out=$("$jisr" align --min-scor 0.5 a b 2>&1); rc=$?
[ $rc -eq 2 ] || fail "--min-scor exited $rc, expected 2"
printf '%s\n' "$out" | grep -q "did you mean --min-score" || fail "no hint for --min-scor: $out"
"$jisr" -V | head -n 1 | grep -qE '^jisr [0-9]+\.[0-9]+\.[0-9]+$' || fail "-V does not print the version"
[ $status -eq 0 ] && echo "help: all checks passed"
exit $status

#!/usr/bin/env bash
# run.sh — runs every test suite and prints one closing line
# "N passed, N failed" for the whole run; exits non-zero on any failure.
# Called by `make test` once everything is built.
#
# The tests' clock: every suite reads "today" from BIGRE_TEST_NOW (C unit
# tests through tests/unit/testclock.h, servers through bigre demo/serve
# --now, see tests/lib/server.mjs).  The ordinary run takes today's
# instant, computed once here; then the time-sensitive suites run again at
# the fixed dates of FIXED_DATES.
set -u
cd "$(dirname "$0")/.."
B=build
export BIGRE_TEST_NOW="${BIGRE_TEST_NOW:-$(date -u +%FT%TZ)}"
# Fixed dates (UTC; Paris time and weekday in the comment):
FIXED_DATES=(
  2027-07-14T10:00:00Z # Wednesday 12:00 CEST, a day inside summer time
  2027-03-28T00:30:00Z # Sunday 01:30 CET, just before 02:00 -> 03:00 (spring change)
  2027-10-31T00:30:00Z # Sunday 02:30 CEST, just before 03:00 -> 02:00 (autumn change)
  2026-12-31T22:30:00Z # Thursday 23:30 CET, half an hour before 1 January in Paris
  2026-12-31T23:30:00Z # Friday 1 January 00:30 CET, while the UTC day is still 31 December
  2028-02-29T12:00:00Z # Tuesday 13:00 CET, 29 February of a leap year
  2027-05-03T08:00:00Z # Monday 10:00 CEST
  2027-09-05T18:00:00Z # Sunday 20:00 CEST
)
# The HTTP test files of the date-dependent domains, run at each fixed date.
# Measured on the 2-core machine: ~9 s of C unit tests and ~26 s of these
# files a date, ~4 min for the seven dates together (eight since the
# night of 1 January was split in two).
TIME_SENSITIVE_HTTP=(
  tests/http/hospitality.test.mjs tests/http/hospitality_gaps.test.mjs
  tests/http/hospitality_links.test.mjs tests/http/hospitality_more.test.mjs
  tests/http/place_edit.test.mjs tests/http/places_map.test.mjs
  tests/http/interviews.test.mjs tests/http/economy_documents.test.mjs
)
passed=0
failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count_cmocka() { # file → adds its PASSED/FAILED counts
  local p f
  p=$(awk '/\[  PASSED  \] [0-9]+/ {n += $4} END {print n + 0}' "$1")
  f=$(awk '/\[  FAILED  \] [0-9]+/ {n += $4} END {print n + 0}' "$1")
  passed=$((passed + p)); failed=$((failed + f))
}

suite() { echo; echo "=== $1"; }

unit_suite() { # runs the plain C unit tests at the clock BIGRE_TEST_NOW
  local t
  for t in $B/tests/test_*; do
    [ -x "$t" ] || continue
    if ! "$t" >"$out/u" 2>&1; then grep -q FAILED "$out/u" || failed=$((failed + 1)); fi
    cat "$out/u"; count_cmocka "$out/u"
  done
}

suite "C unit tests (cmocka), at $BIGRE_TEST_NOW"
unit_suite

suite "C unit tests under AddressSanitizer + UndefinedBehaviorSanitizer, at $BIGRE_TEST_NOW"
for t in $B/tests-asan/test_*; do
  [ -x "$t" ] || continue
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$t" >"$out/u" 2>&1; then
    grep -q FAILED "$out/u" || { failed=$((failed + 1)); echo "$t: crashed or leaked"; }
  fi
  grep -E 'PASSED|FAILED|ERROR|runtime error|LeakSanitizer' "$out/u"; count_cmocka "$out/u"
done

node_suite() { # dir
  local files
  files=$(find "$1" -name '*.test.mjs' | sort)
  [ -n "$files" ] || return 0
  node_files $files
}

node_files() { # file… → runs them in one node --test and counts
  node --test --test-concurrency=1 --test-reporter=tap "$@" >"$out/n" 2>&1
  grep -E '^(not ok|ok|# (pass|fail|tests))|^\s+(error|expected|actual):' "$out/n" | grep -v '^ok ' || true
  grep -E '^not ok' "$out/n" >/dev/null && sed -n '/^not ok/,/^  \.\.\./p' "$out/n" | head -80
  local p f
  p=$(grep -E '^# pass [0-9]+' "$out/n" | tail -1 | grep -Eo '[0-9]+')
  f=$(grep -E '^# fail [0-9]+' "$out/n" | tail -1 | grep -Eo '[0-9]+')
  if [ -z "$p" ]; then echo "node test runner did not finish:"; tail -30 "$out/n"; failed=$((failed + 1)); fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

suite "Translation catalogues (every visible string in French and English)"
pot=$(mktemp)
xgettext --from-code=UTF-8 --language=C --keyword=tr:2 --keyword=trn:2,3 --keyword=N_ \
  --no-location --sort-output -o "$pot" $(find src -name '*.c' | sort)
for l in fr en; do
  missing=$(msgcmp --use-untranslated po/$l.po "$pot" 2>&1 | grep -c 'this message is used but not defined' || true)
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null po/$l.po 2>&1)
  if [ "$missing" -eq 0 ] && ! grep -Eq 'untranslated|fuzzy' <<<"$stats"; then
    echo "ok catalogue $l: $stats"; passed=$((passed + 1))
  else
    echo "FAILED catalogue $l: $missing message(s) missing from po/$l.po; $stats (run make pot, then translate)"
    msgcmp --use-untranslated po/$l.po "$pot" 2>&1 | grep -A1 'not defined' | head -20
    failed=$((failed + 1))
  fi
done
rm -f "$pot"

suite "Static analysis (cppcheck)"
if cppcheck --quiet --enable=warning,portability --std=c11 --inline-suppr --error-exitcode=1 -Isrc src >"$out/c" 2>&1; then
  echo "ok cppcheck"; passed=$((passed + 1))
else
  cat "$out/c"; echo "FAILED cppcheck"; failed=$((failed + 1))
fi

suite "Structure: SQL in faces, SQLite-only SQL, long files (counts that may only go down)"
node_suite tests/structure

suite "HTTP tests (node --test), at $BIGRE_TEST_NOW"
node_suite tests/http

suite "Browser tests (playwright-core + chromium), at $BIGRE_TEST_NOW"
node_suite tests/browser

for at in "${FIXED_DATES[@]}"; do
  suite "C unit tests and date-dependent HTTP tests at $at"
  BIGRE_TEST_NOW=$at unit_suite
  BIGRE_TEST_NOW=$at node_files "${TIME_SENSITIVE_HTTP[@]}"
done

suite "Fuzz targets (libFuzzer, ${FUZZ_SECONDS:-10} s each)"
for f in $B/fuzz/fuzz_*; do
  [ -x "$f" ] || continue
  n=$(basename "$f")
  mkdir -p "$B/fuzz-corpus/$n"
  if "$f" -max_total_time="${FUZZ_SECONDS:-10}" -timeout=5 -rss_limit_mb=1024 \
       "$B/fuzz-corpus/$n" "tests/fuzz/corpus/$n" >"$out/f" 2>&1; then
    echo "ok $n ($(grep -Eo '#[0-9]+' "$out/f" | tail -1 | tr -d '#') runs)"; passed=$((passed + 1))
  else
    echo "FAILED $n"; tail -40 "$out/f"; failed=$((failed + 1))
  fi
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

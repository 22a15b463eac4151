#!/usr/bin/env bash
# run.sh — runs every test suite and prints one closing line
# "N passed, N failed" for the whole run; exits non-zero on any failure.
# Called by `make test` once everything is built.
set -u
cd "$(dirname "$0")/.."
B=build
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

suite "C unit tests (cmocka)"
for t in $B/tests/test_*; do
  [ -x "$t" ] || continue
  if ! "$t" >"$out/u" 2>&1; then grep -q FAILED "$out/u" || failed=$((failed + 1)); fi
  cat "$out/u"; count_cmocka "$out/u"
done

suite "C unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
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
  node --test --test-concurrency=1 --test-reporter=tap $files >"$out/n" 2>&1
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

suite "HTTP tests (node --test)"
node_suite tests/http

suite "Browser tests (playwright-core + chromium)"
node_suite tests/browser

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

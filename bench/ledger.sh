#!/usr/bin/env bash
# bench/ledger.sh — the ledger benchmark of issue 5 (not a timed test).
#
# Generates one synthetic journal (POSTINGS postings, default 1,000,000,
# over 2,000 activities and the year 2026: sales 411/706/44571, payments
# 512/411, expenses 6251/44566/425) twice — as bigre's bulk import format
# and as a ledger-cli journal — then times:
#   1. bigre ledger-import (every entry through ledger_post: validation,
#      numbering, hash chain, maintained balances);
#   2. the balance report by account: `ledger bal --depth 1` vs
#      `bigre ledger-balance` (maintained totals);
#   3. `bigre check` (recomputes the whole hash chain and every balance).
# Prints the times and the ratios.  Needs the Debian package `ledger`.
#   usage: bench/ledger.sh [POSTINGS]
set -euo pipefail
cd "$(dirname "$0")/.."
POSTINGS=${1:-1000000}
BIGRE=${BIGRE:-build/bigre}
command -v ledger >/dev/null || { echo "bench: install the Debian package ledger" >&2; exit 1; }
[ -x "$BIGRE" ] || make -s build/bigre
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "generating $POSTINGS postings over 2000 activities..."
awk -v target="$POSTINGS" -v tsv="$dir/journal.tsv" -v led="$dir/journal.ledger" 'BEGIN {
  srand(42); n = 0; e = 0
  while (n < target) {
    e++; act = sprintf("A%04d", int(rand() * 2000) + 1)
    day = int(rand() * 365); m = 1; split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
    while (day >= dim[m]) { day -= dim[m]; m++ }
    date = sprintf("2026-%02d-%02d", m, day + 1); ldate = sprintf("2026/%02d/%02d", m, day + 1)
    ht = int(rand() * 200000) + 100; vat = int(ht / 5); ttc = ht + vat
    kind = e % 3
    if (kind == 0) { j = "VT"; k = 3; a[1] = "411"; d[1] = ttc; c[1] = 0; a[2] = "706"; d[2] = 0; c[2] = ht; a[3] = "44571"; d[3] = 0; c[3] = vat }
    else if (kind == 1) { j = "BQ"; k = 2; a[1] = "512"; d[1] = ttc; c[1] = 0; a[2] = "411"; d[2] = 0; c[2] = ttc }
    else { j = "AC"; k = 3; a[1] = "6251"; d[1] = ht; c[1] = 0; a[2] = "44566"; d[2] = vat; c[2] = 0; a[3] = "425"; d[3] = 0; c[3] = ttc }
    printf "%s * E%d %s\n", ldate, e, j > led
    for (i = 1; i <= k; i++) {
      printf "E%d\t%s\t%s\tEntry %d\t%s\t%s\t%d\t%d\n", e, date, j, e, a[i], act, d[i], c[i] > tsv
      amt = d[i] - c[i]; sign = amt < 0 ? "-" : ""; if (amt < 0) amt = -amt
      printf "    %s:%s  %s%d.%02d\n", a[i], act, sign, int(amt / 100), amt % 100 > led
    }
    print "" > led
    n += k
  }
  printf "%d entries, %d postings\n", e, n
}'

"$BIGRE" migrate --db "$dir/bench.db" >/dev/null 2>&1
sqlite3 "$dir/bench.db" "INSERT INTO cooperatives(name, legal_form, created_at) VALUES ('Bench', 'CAE', 0)"

t0=$(now); "$BIGRE" ledger-import --db "$dir/bench.db" --cooperative-id 1 "$dir/journal.tsv"; t1=$(now)
import=$(elapsed "$t0" "$t1")

t0=$(now); ledger -f "$dir/journal.ledger" bal --depth 1 >"$dir/ledger.out"; t1=$(now)
ledger_bal=$(elapsed "$t0" "$t1")
t0=$(now); "$BIGRE" ledger-balance --db "$dir/bench.db" --cooperative-id 1 >"$dir/bigre.out"; t1=$(now)
bigre_bal=$(elapsed "$t0" "$t1")
t0=$(now); "$BIGRE" check --db "$dir/bench.db" >"$dir/check.out" || { cat "$dir/check.out"; exit 1; }; t1=$(now)
check=$(elapsed "$t0" "$t1")

echo "--- ledger-cli balance (depth 1)"; cat "$dir/ledger.out"
echo "--- bigre ledger-balance (cents)"; cat "$dir/bigre.out"
# the two reports must agree, account by account
awk 'FNR == NR { if ($1 ~ /^-?[0-9.]+$/ && $2 ~ /^[0-9]+$/) l[$2] = sprintf("%.0f", $1 * 100) + 0; next }
     $1 ~ /^[0-9]+$/ { if (l[$1] != $4) { print "MISMATCH on " $1 ": ledger " l[$1] ", bigre " $4; bad = 1 } }
     END { exit bad }' "$dir/ledger.out" "$dir/bigre.out" && echo "the two balances agree"
echo
printf 'bulk import          %8ss\n' "$import"
printf 'ledger-cli balance   %8ss\n' "$ledger_bal"
printf 'bigre balance        %8ss   (%s× faster than ledger-cli)\n' "$bigre_bal" "$(awk -v a="$ledger_bal" -v b="$bigre_bal" 'BEGIN { printf "%.0f", a / b }')"
printf 'bigre check          %8ss   (%.2f of ledger-cli balance time)\n' "$check" "$(awk -v a="$check" -v b="$ledger_bal" 'BEGIN { printf "%.2f", a / b }')"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average$(uptime | sed 's/.*load average//')"

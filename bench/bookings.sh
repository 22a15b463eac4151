#!/usr/bin/env bash
# bookings.sh — benchmark of hospitality (not a timed test).
#
# Builds a database with 200 places, 2,000 resources and a year of bookings
# (>= 500,000), serves it on 127.0.0.1, then measures
# (1) the availability of one place for a month with wrk (a C load
#     generator: node's fetch saturates near 2,000 requests/s on this
#     machine and would measure its own queue): one client, then 50
#     concurrent clients twice — first with the server's availability cache
#     empty, then warm — p50/p99 latency and throughput;
# (2) booking requests on free and contended slots by 50 concurrent node
#     clients (throughput, 201/409 counts),
# and checks that no double booking exists.
#   bench/bookings.sh [SECONDS_PER_PHASE]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PHASE=${1:-20}
make -s build/bigre
dir=$(mktemp -d /tmp/bigre-bench-XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
db=$dir/bench.db
./build/bigre demo --db "$db" 2>/dev/null
echo "== building 200 places, 2,000 resources, a year of bookings"
start=$(date +%s)
sqlite3 "$db" <<'SQL'
PRAGMA foreign_keys = ON;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO places(name, owner_type, owner_id, city, territory, created_at)
SELECT 'Bench place ' || i, 'cooperative', 1 + i % 3, 'Ville ' || (i % 40), 'Territoire ' || (i % 12), 0 FROM n;
INSERT INTO place_hours(place_id, weekday, opens, closes)
SELECT p.id, w.d, 7 * 60, 21 * 60 FROM places p,
 (WITH RECURSIVE w(d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM w WHERE d < 7) SELECT d FROM w) w
WHERE p.name LIKE 'Bench place %';
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < 10)
INSERT INTO resources(place_id, name, kind, capacity, max_duration_min)
SELECT p.id, 'Bench desk ' || k.j, 'desk', 1, 600 FROM places p, k WHERE p.name LIKE 'Bench place %';
-- one 2-hour booking a day per resource, from 100 days ago to 160 days ahead
WITH RECURSIVE d(x) AS (SELECT -100 UNION ALL SELECT x + 1 FROM d WHERE x < 160)
INSERT INTO bookings(resource_id, person_id, cooperative_id, starts_at, ends_at, status, created_at, updated_at)
SELECT r.id, 2, 1,
  ((CAST(strftime('%s', 'now') AS INTEGER) / 86400) + d.x) * 86400 + (6 + (r.id * 7 + d.x) % 11) * 3600,
  ((CAST(strftime('%s', 'now') AS INTEGER) / 86400) + d.x) * 86400 + (8 + (r.id * 7 + d.x) % 11) * 3600,
  'confirmed', 0, 0
FROM resources r, d WHERE r.name LIKE 'Bench desk %';
COMMIT;
ANALYZE;
SQL
echo "   $(sqlite3 "$db" 'SELECT count(*) FROM places') places, $(sqlite3 "$db" 'SELECT count(*) FROM resources') resources, $(sqlite3 "$db" 'SELECT count(*) FROM bookings') bookings ($(( $(date +%s) - start )) s)"
port=$((20000 + RANDOM % 20000))
./build/bigre serve --db "$db" --listen 127.0.0.1:$port --no-access-log --mail-dir "$dir/mail" >/dev/null 2>"$dir/server.log" &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
cookie=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"membre@bigre.coop","password":"bigre-demo"}' "$base/api/v1/session" |
  sed -n 's/^[Ss]et-[Cc]ookie: \(bigre_session=[^;]*\).*/\1/p')
export BENCH_FIRST_PLACE BENCH_LAST_PLACE
BENCH_FIRST_PLACE=$(sqlite3 "$db" "SELECT min(id) FROM places WHERE name LIKE 'Bench place %'")
BENCH_LAST_PLACE=$(sqlite3 "$db" "SELECT max(id) FROM places WHERE name LIKE 'Bench place %'")
# wrk prints its latency distribution; keep throughput, p50, p99 and errors
avail() {
  wrk -t"$2" -c"$3" -d"${SECONDS_PER_PHASE}s" --latency -s bench/availability.lua \
    -H "Cookie: $cookie" "$base" | awk -v name="$1" '
    /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2}
    /Non-2xx/ {bad = $NF} / requests in / {n = $1}
    END {printf "== %s: %s requests = %.0f/s; p50 %s, p99 %s; non-2xx answers: %d\n", name, n, rps, p50, p99, bad}'
}
avail "availability of one place for a month, 1 client (answer time)" 1 1
avail "availability of one place for a month, 50 clients (cache filling)" 2 50
avail "availability of one place for a month, 50 clients (cache warm)" 2 50
node bench/bookings-client.mjs "$base" "$SECONDS_PER_PHASE"
echo "== double bookings (overlapping active bookings on a capacity-1 resource)"
sqlite3 "$db" "SELECT count(*) FROM bookings a JOIN bookings b ON a.resource_id = b.resource_id AND a.id < b.id
  AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at JOIN resources r ON r.id = a.resource_id
  WHERE r.capacity = 1 AND a.status IN ('pending','confirmed') AND b.status IN ('pending','confirmed')
  AND a.resource_id IN (SELECT id FROM resources WHERE name LIKE 'Bench desk %')"

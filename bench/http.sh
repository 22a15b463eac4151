#!/usr/bin/env bash
# bench/http.sh — bigre's HTTP server against nginx on the same machine.
#
# Starts `bigre serve` on a demo database and nginx serving a static file of
# the same size as the /healthz answer, runs wrk on both with the same
# duration and connections, then on an authenticated GET /api/v1/me, and
# prints requests/s, p99 and the ratios, and bigre's resident memory after
# the run.  Then the cost of compression: the directory's JSON (100 people)
# and the style sheet, each without and with Accept-Encoding: gzip, and the
# sizes gzip makes of them and of the directory's CSV.  Not a test: it
# prints figures (see bench/README.md).
#   bench/http.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNS=${2:-64}
THREADS=2
bash scripts/deps.sh bench >/dev/null
make -s build/bigre
work=$(mktemp -d)
cleanup() {
  [ -n "${BIGRE_PID:-}" ] && kill "$BIGRE_PID" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3; rm -rf "$work"
}
trap cleanup EXIT

build/bigre demo --db "$work/demo.db" >/dev/null
build/bigre serve --db "$work/demo.db" --listen 127.0.0.1:18181 --no-access-log >"$work/bigre.out" 2>"$work/bigre.err" &
BIGRE_PID=$!
for _ in $(seq 50); do grep -q listening "$work/bigre.out" 2>/dev/null && break; sleep 0.1; done

# nginx: same body size as /healthz, keep-alive, no access log, 2 workers
body=$(curl -s http://127.0.0.1:18181/healthz)
mkdir -p "$work/www" "$work/tmp"; chmod 755 "$work" "$work/www"
printf '%s' "$body" > "$work/www/healthz"
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  keepalive_requests 1000000;
  default_type application/json;
  server { listen 127.0.0.1:18182; root $work/www; location / { } }
}
NGINX
nginx -c "$work/nginx.conf"
sleep 0.3

login=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email":"membre@bigre.coop","password":"bigre-demo"}' http://127.0.0.1:18181/api/v1/session)
cookie=$(printf '%s' "$login" | grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')

run() { # name url [header]
  local out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t$THREADS -c"$CONNS" -d"${DURATION}s" --latency -H "$3" "$2")
  else
    out=$(wrk -t$THREADS -c"$CONNS" -d"${DURATION}s" --latency "$2")
  fi
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+' <<<"$out" | grep -Eo '[0-9]+$' || echo 0)
  printf '%-28s %12s req/s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p99" "$errors" >&2
  echo "$rps"
}

echo "wrk: $THREADS threads, $CONNS connections, ${DURATION}s each, body ${#body} bytes; $(nproc) CPUs" >&2
nginx_rps=$(run "nginx static file" http://127.0.0.1:18182/healthz)
health_rps=$(run "bigre GET /healthz" http://127.0.0.1:18181/healthz)
me_rps=$(run "bigre GET /api/v1/me (auth)" http://127.0.0.1:18181/api/v1/me "Cookie: $cookie")
base=http://127.0.0.1:18181
css=$(curl -s "$base/" | grep -o '/static/bigre\.[0-9a-f]*\.css' | head -1)
people_rps=$(run "bigre GET /api/v1/people" "$base/api/v1/people?per_page=100")
people_gz_rps=$(run "  same, gzip" "$base/api/v1/people?per_page=100" "Accept-Encoding: gzip")
css_rps=$(run "bigre GET $css" "$base$css")
css_gz_rps=$(run "  same, gzip" "$base$css" "Accept-Encoding: gzip")
size() { curl -s -o /dev/null -w '%{size_download}' ${2:+-H "$2"} "$base$1"; }
for path in "/api/v1/people?per_page=100" "$css" "/directory.csv"; do
  plain=$(size "$path"); gz=$(size "$path" "Accept-Encoding: gzip")
  awk -v p="$path" -v a="$plain" -v b="$gz" 'BEGIN { printf "%-34s %7d B -> %6d B gzip   %.1fx   (target >= 3x)\n", p, a, b, a / b }'
done
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$BIGRE_PID/status)
awk -v n="$nginx_rps" -v h="$health_rps" -v m="$me_rps" -v r="$rss_kb" \
    -v p="$people_rps" -v pg="$people_gz_rps" -v c="$css_rps" -v cg="$css_gz_rps" 'BEGIN {
  printf "healthz / nginx: %.0f%%   (target >= 100%%)\n", 100 * h / n
  printf "me / nginx:      %.0f%%   (target >= 50%%)\n", 100 * m / n
  printf "people, gzip / identity: %.0f%%   css, gzip / identity: %.0f%%\n", 100 * pg / p, 100 * cg / c
  printf "bigre resident memory after the run: %.1f MB   (target < 64 MB)\n", r / 1024
}'

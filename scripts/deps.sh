#!/usr/bin/env bash
# Installs what bigre needs on a Debian 12 machine, and only what is missing.
#   scripts/deps.sh run    libraries and tools to build and serve
#   scripts/deps.sh test   the above, plus what the test suites need
#   scripts/deps.sh bench  the run set, plus the benchmarks' tools (wrk, nginx)
# Called by `make run` and `make test`; safe to run again (it does nothing
# when everything is already there).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PKGS="build-essential pkg-config gettext libmicrohttpd-dev libjansson-dev
libsqlite3-dev sqlite3 libsodium-dev libcurl4-openssl-dev libcsv-dev libical-dev tzdata
libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-dejavu-core zlib1g-dev"
TEST_PKGS="libcmocka-dev clang libclang-rt-14-dev chromium nodejs npm cppcheck
poppler-utils ledger"
BENCH_PKGS="wrk nginx-light procps ledger"

want=${1:-run}
pkgs=$RUN_PKGS
[ "$want" = test ] && pkgs="$RUN_PKGS $TEST_PKGS"
[ "$want" = bench ] && pkgs="$RUN_PKGS $BENCH_PKGS"

missing=()
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
# node and npm may come from outside Debian's packages: accept them if present.
if [ ${#missing[@]} -gt 0 ]; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in
      nodejs) command -v node >/dev/null || filtered+=("$p") ;;
      npm) command -v npm >/dev/null || filtered+=("$p") ;;
      *) filtered+=("$p") ;;
    esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing packages and not root; run: sudo $0 $want" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want" = test ]; then
  # The test packages are pinned to versions that run on Debian 12's own
  # nodejs (18): playwright-core 1.61 is the last that accepts Node 18.
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$node_major" -lt 18 ]; then
    echo "deps: the tests need Node.js 18 or later (found $(node --version))" >&2
    exit 1
  fi
  if [ ! -d tests/node_modules/playwright-core ] || [ tests/package.json -nt tests/node_modules/.stamp ]; then
    echo "deps: installing test packages with npm"
    (cd tests && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.stamp)
  fi
fi

#!/usr/bin/env bash
# bench/directory.sh — directory search at 10,000 people.
#
# Builds the demo (600 people), imports 9,400 more generated people (names,
# trades, skills with accents, territories, visibility choices) with
# `bigre import people`, serves it, and times GET /api/v1/people with
# several searches, as an anonymous visitor and as a member of a
# cooperative: median, p95 and max over N requests each (curl time_total,
# keep-alive off: a full request each time).  Goal: every search answers in
# under 50 ms.  Not a test: it prints figures (see bench/README.md).
#   bench/directory.sh [REQUESTS_PER_QUERY]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
make -s build/bigre
work=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true; sleep 0.2; rm -rf "$work"; }
trap cleanup EXIT

build/bigre demo --db "$work/d.db" >/dev/null
# 9,400 generated people, deterministic (awk's srand with a fixed seed)
for coop in 1 2 3; do
  awk -v coop="$coop" -v count=3134 'BEGIN {
    srand(42 + coop);
    split("Camille Léa Manon Chloé Inès Jade Louise Zoé Lina Emma Hugo Louis Gabriel Arthur Jules Raphaël Théo Étienne Jérôme Benoît Gaël Loïc Hervé Noémie Hélène", F, " ");
    split("Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefèvre Leroy Roux David Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Guérin Rivière Noël", L, " ");
    split("Graphiste|Menuisier·ère|Développeur·euse web|Formateur·rice|Traducteur·rice|Photographe|Céramiste|Paysagiste|Comédien·ne|Électricien·ne|Couturier·ère|Comptable|Architecte|Musicien·ne|Cuisinier·ère", T, "|");
    split("Identité visuelle|Ébénisterie|Éco-construction|Accessibilité numérique|Médiation|Rédaction|Photographie|Céramique|Permaculture|Théâtre|Électricité|Couture|Comptabilité|Rénovation énergétique|Cuisine végétarienne|Gestion de projet|Animation de groupe|Sérigraphie|Vidéo|Maraîchage", S, "|");
    split("Bordeaux;33000;urbain|Bègles;33130;urbain|Pessac;33600;urbain|Saint-Émilion;33330;rural|La Réole;33190;rural|Périgueux;24000;urbain|Paris;75020;urbain|Lyon;69001;urbain|Die;26150;rural|Lille;59000;urbain|Créon;33670;rural|Bayonne;64100;urbain", P, "|");
    split("membre|associé|porteur de projet|membre|associé|équipe", ST, "|");
    print "courriel;prénom;nom;statut;date d'\''entrée;métiers;compétences;commune;code postal;zone";
    for (i = 1; i <= count; i++) {
      f = F[int(rand() * 25) + 1]; l = L[int(rand() * 27) + 1];
      s1 = S[int(rand() * 20) + 1]; s2 = S[int(rand() * 20) + 1]; s3 = S[int(rand() * 20) + 1];
      split(P[int(rand() * 12) + 1], pl, ";");
      printf "bench.%d.%d@bench.bigre.coop;%s;%s;%s;%04d-%02d-%02d;%s;%s, %s, %s;%s;%s;%s\n", coop, i, f, l,
        ST[int(rand() * 6) + 1], 2012 + int(rand() * 14), 1 + int(rand() * 12), 1 + int(rand() * 28),
        T[int(rand() * 15) + 1], s1, s2, s3, pl[1], pl[2], pl[3];
    }
  }' > "$work/people-$coop.csv"
done
t0=$(date +%s.%N)
for coop in 1 2 3; do build/bigre import people --db "$work/d.db" --coop "$coop" "$work/people-$coop.csv" | tail -1; done
t1=$(date +%s.%N)
people=$(sqlite3 "$work/d.db" 'SELECT count(*) FROM people')
printf 'people in the directory: %s (import of the 9,402 generated: %.1f s)\n' "$people" "$(echo "$t1 - $t0" | bc)"

build/bigre serve --db "$work/d.db" --listen 127.0.0.1:18191 --no-access-log >"$work/out" 2>"$work/err" &
PID=$!
for _ in $(seq 50); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=http://127.0.0.1:18191
curl -s -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"email":"membre@bigre.coop","password":"bigre-demo"}' "$base/api/v1/session" >/dev/null

measure() { # label cookie-args path
  local label=$1 auth=$2 path=$3
  for _ in $(seq "$N"); do
    curl -s -o /dev/null $auth -w '%{time_total}\n' "$base$path"
  done | sort -n | awk -v label="$label" -v path="$path" '{ v[NR] = $1 * 1000 }
    END { printf "| %-9s | `%s` | %.1f | %.1f | %.1f |\n", label, path, v[int((NR + 1) / 2)], v[int(NR * 0.95)], v[NR] }'
}
echo
echo "| viewer | request | median ms | p95 ms | max ms |"
echo "|---|---|---|---|---|"
for who in anonymous member; do
  auth=""
  [ "$who" = member ] && auth="-b $work/cookies"
  for path in '/api/v1/people' '/api/v1/people?page=200' '/api/v1/people?q=ebeniste' \
              '/api/v1/people?q=marie%20dubois' '/api/v1/people?skill=EBENISTERIE' \
              '/api/v1/people?territory=saint%20emilion' '/api/v1/people?q=ceram&skill=ceramique&territory=33' \
              '/api/v1/people?q=m' '/directory?skill=serigraphie'; do
    measure "$who" "$auth" "$path"
  done
done

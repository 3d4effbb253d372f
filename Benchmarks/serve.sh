#!/usr/bin/env bash
# Needs ../shared/bench beside the project (or SHARED=path) and wrk (apt-get install wrk).
# `crisisplan serve` under load on loopback, beside a Hummingbird "hello" server as the ceiling,
# in the same run on the same machine:
#
#   Benchmarks/serve.sh                      # 64 connections, 30 s each
#   DURATION=10s CONNECTIONS=32 ROUNDS=3 Benchmarks/serve.sh
#
# The ceiling and the audited respond route are measured with the same, cheapest client (one
# request built once, Benchmarks/static.lua), in ROUNDS rounds (2) of the one right after the
# other, each round's share of the ceiling printed; an unaudited route beside them; then wrk posts
# the workload's observation documents in turn, each to its person's respond route
# (Benchmarks/serve.lua).
# Then the same load for 20 s with two reloads in the middle: of the unchanged library, and
# after a policy file changes (every plan checked again). Every request is signed in (a bearer
# token) and audited to SQLite, as in production; with POSTGRES_URL set (a database the
# script may write an `audit` table to), the same load again audited to PostgreSQL. Prints
# requests/s, p50, p99, errors (non-2xx and socket errors), the server's RSS, and the audit
# records written against the answers given.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/workload.sh
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-2}
LIB=Benchmarks/data/bench-5000
generate_workload 5000 1000 "$LIB"
export OBSERVATIONS="$PWD/$LIB/data/spec/observations.jsonl"
swift build -c release --product crisisplan >&2
swift build -c release --product hello-server >&2

PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

wait_ready() {
  for _ in $(seq 300); do
    curl -fs "http://127.0.0.1:$1$2" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "error: nothing answering on port $1" >&2
  exit 2
}

# wrk's text report → one JSON line: requests/s, p50, p99 (ms), errors.
report() {
  awk -v name="$1" -v rss="$2" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "{\"server\": \"%s\", \"requests_per_s\": %.0f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"errors\": %d, \"rss_mb\": %s}\n", name, rps, p50, p99, errors, rss }'
}

rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The ceiling: the same framework answering "hello", nothing behind it.
.build/release/hello-server 18181 >/dev/null 2>&1 &
PIDS+=($!)
wait_ready 18181 /hello
# The cheapest client: one request, built once by wrk (Benchmarks/static.lua), the same small
# body the audited route gets below — never a script that picks a body per request, which
# throttles the client before the server.
FIRST=$(head -1 "$OBSERVATIONS")
FIRST_PERSON=$(printf '%s' "$FIRST" | sed 's/.*"person":"\([^"]*\)".*/\1/')
HELLO=${PIDS[0]}

# The server works in a folder of its own: a users file with one admin, its token key and
# its audit store.
WORK=$PWD/Benchmarks/data/serve-work
rm -rf "$WORK" && mkdir -p "$WORK"
PASSWORD=$(head -c 18 /dev/urandom | base64)
printf '%s\n' "$PASSWORD" | .build/release/crisisplan user add bench --name "Bench Admin" --role admin \
  --password-stdin --users "$WORK/users.yaml" >/dev/null
RULES=$PWD/$LIB/data/spec/Rules
BIN=$PWD/.build/release/crisisplan

sign_in() {
  curl -fs "http://127.0.0.1:$1/v1/login" -H 'Content-Type: application/json' \
    -d "{\"user\": \"bench\", \"password\": \"$PASSWORD\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}

# Records in the store against 2xx answers wrk counted (every answer must have its record).
audited() {
  local records
  records=$("$BIN" audit verify --audit "$2" | awk '/^audit:/ { print $2 }')
  awk -v name="$1" -v records="$records" '
    /requests in/ { requests += $1 }
    /Non-2xx/ { bad += $NF }
    END { printf "{\"server\": \"%s\", \"answers\": %d, \"audit_records\": %d}\n", name, requests - bad, records }' "${@:3}"
}

(cd "$WORK" && exec "$BIN" serve --rules "$RULES" --port 18180 --no-watch --users users.yaml) \
  > Benchmarks/data/serve-start.txt 2> Benchmarks/data/serve-log.txt &
PIDS+=($!)
SERVER=${PIDS[1]}
wait_ready 18180 /readyz
TOKEN=$(sign_in 18180)
export TOKEN
cat Benchmarks/data/serve-start.txt >&2
echo "{\"server\": \"crisisplan\", \"rss_mb_loaded\": $(rss_mb "$SERVER")}"
# Against the ceiling, with the same client: one person's audited respond, one body. In
# rounds, each the ceiling then the route, one right after the other: this machine's speed
# drifts by a third within the hour, so a share is only read from two runs side by side.
requests_per_s() { awk '/Requests\/sec/ { print $2 }' "$1"; }
STATIC_RUNS=()
for round in $(seq "$ROUNDS"); do
  BODY=$FIRST TOKEN= wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/static.lua \
    http://127.0.0.1:18181/hello > "Benchmarks/data/wrk-hello-$round.txt"
  report hello "$(rss_mb "$HELLO")" < "Benchmarks/data/wrk-hello-$round.txt"
  BODY=$FIRST wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/static.lua \
    "http://127.0.0.1:18180/v1/people/$FIRST_PERSON/respond" > "Benchmarks/data/wrk-serve-static-$round.txt"
  report crisisplan-respond-static "$(rss_mb "$SERVER")" < "Benchmarks/data/wrk-serve-static-$round.txt"
  STATIC_RUNS+=("Benchmarks/data/wrk-serve-static-$round.txt")
  awk -v round="$round" -v hello="$(requests_per_s "Benchmarks/data/wrk-hello-$round.txt")" \
    -v respond="$(requests_per_s "Benchmarks/data/wrk-serve-static-$round.txt")" \
    'BEGIN { printf "{\"round\": %d, \"respond_share_of_hello\": %.3f}\n", round, respond / hello }'
done
kill "$HELLO"
# Beside it, a route through the same middleware that is neither signed in nor audited.
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency http://127.0.0.1:18180/healthz > Benchmarks/data/wrk-healthz.txt
report crisisplan-healthz-unaudited "$(rss_mb "$SERVER")" < Benchmarks/data/wrk-healthz.txt
# And every person of the workload in turn, each body its own (Benchmarks/serve.lua).
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/serve.lua http://127.0.0.1:18180 \
  > Benchmarks/data/wrk-serve.txt
report crisisplan "$(rss_mb "$SERVER")" < Benchmarks/data/wrk-serve.txt

# A full reload of the 5,000 plans in the middle of the same load.
wrk -t2 -c"$CONNECTIONS" -d20s --latency -s Benchmarks/serve.lua http://127.0.0.1:18180 \
  > Benchmarks/data/wrk-reload.txt &
LOAD=$!
sleep 6
# Unchanged files: each is read and its digest compared, nothing parsed again.
start=$(date +%s%N)
curl -fs -X POST -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18180/v1/admin/reload >/dev/null
end=$(date +%s%N)
echo "{\"reload_unchanged_ms_under_load\": $(( (end - start) / 1000000 ))}"
sleep 4
# A policy file edited (a comment added): all 5,000 plans checked again against it, every
# evaluator new (what depends on a plan alone, read and prepared before, is kept).
policy=$(ls "$LIB"/data/spec/Rules/policy/*.yaml | head -1)
echo "# reloaded by Benchmarks/serve.sh at $(date -u +%FT%TZ)" >> "$policy"
start=$(date +%s%N)
curl -fs -X POST -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18180/v1/admin/reload >/dev/null
end=$(date +%s%N)
echo "{\"reload_full_ms_under_load\": $(( (end - start) / 1000000 ))}"
wait "$LOAD"
report crisisplan-during-reload "$(rss_mb "$SERVER")" < Benchmarks/data/wrk-reload.txt
# The most the server has held at once so far: old and new libraries side by side at the reload.
echo "{\"server\": \"crisisplan\", \"rss_peak_mb\": $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status")}"
kill -TERM "$SERVER"
wait "$SERVER" 2>/dev/null || true
audited crisisplan-sqlite "sqlite:$WORK/audit.sqlite" "${STATIC_RUNS[@]}" Benchmarks/data/wrk-serve.txt \
  Benchmarks/data/wrk-reload.txt

# The same load audited to PostgreSQL on the same machine.
if [ -n "${POSTGRES_URL:-}" ]; then
  (cd "$WORK" && exec "$BIN" serve --rules "$RULES" --port 18182 --no-watch --users users.yaml --audit "$POSTGRES_URL") \
    > /dev/null 2> Benchmarks/data/serve-pg-log.txt &
  PIDS+=($!)
  PG_SERVER=$!
  wait_ready 18182 /readyz
  TOKEN=$(sign_in 18182)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/serve.lua http://127.0.0.1:18182 \
    > Benchmarks/data/wrk-serve-pg.txt
  report crisisplan-postgresql "$(rss_mb "$PG_SERVER")" < Benchmarks/data/wrk-serve-pg.txt
  kill -TERM "$PG_SERVER"
  wait "$PG_SERVER" 2>/dev/null || true
fi

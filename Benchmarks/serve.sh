#!/usr/bin/env bash
# Needs ../shared/bench beside the project (or SHARED=path) and wrk (apt-get install wrk).
# `crisisplan serve` under load on loopback, beside a Hummingbird "hello" server as the ceiling,
# in the same run on the same machine:
#
#   Benchmarks/serve.sh                      # 64 connections, 30 s each
#   DURATION=10s CONNECTIONS=32 Benchmarks/serve.sh
#
# The shared 5,000-plan library is loaded into `crisisplan serve`; wrk posts the workload's
# observation documents in turn, each to its person's respond route (Benchmarks/serve.lua).
# Then the same load for 20 s with two reloads in the middle: of the unchanged library, and
# after a policy file changes (every plan checked again). Prints
# requests/s, p50, p99, errors (non-2xx and socket errors) and the server's RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/workload.sh
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
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
PATH_OVERRIDE=/hello wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/serve.lua http://127.0.0.1:18181 \
  > Benchmarks/data/wrk-hello.txt
report hello "$(rss_mb "${PIDS[0]}")" < Benchmarks/data/wrk-hello.txt
kill "${PIDS[0]}"

.build/release/crisisplan serve --rules "$LIB/data/spec/Rules" --port 18180 --no-watch \
  > Benchmarks/data/serve-start.txt 2> Benchmarks/data/serve-log.txt &
PIDS+=($!)
SERVER=${PIDS[1]}
wait_ready 18180 /readyz
cat Benchmarks/data/serve-start.txt >&2
echo "{\"server\": \"crisisplan\", \"rss_mb_loaded\": $(rss_mb "$SERVER")}"
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
curl -fs -X POST http://127.0.0.1:18180/v1/admin/reload >/dev/null
end=$(date +%s%N)
echo "{\"reload_unchanged_ms_under_load\": $(( (end - start) / 1000000 ))}"
sleep 4
# A policy file edited (a comment added): all 5,000 plans checked again, every evaluator new.
policy=$(ls "$LIB"/data/spec/Rules/policy/*.yaml | head -1)
echo "# reloaded by Benchmarks/serve.sh at $(date -u +%FT%TZ)" >> "$policy"
start=$(date +%s%N)
curl -fs -X POST http://127.0.0.1:18180/v1/admin/reload >/dev/null
end=$(date +%s%N)
echo "{\"reload_full_ms_under_load\": $(( (end - start) / 1000000 ))}"
wait "$LOAD"
report crisisplan-during-reload "$(rss_mb "$SERVER")" < Benchmarks/data/wrk-reload.txt

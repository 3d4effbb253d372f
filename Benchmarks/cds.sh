#!/usr/bin/env bash
# Needs ../shared/bench beside the project (or SHARED=path), wrk (apt-get install wrk) and
# Python's cryptography package. The CDS Hooks patient view under load on loopback, in the
# same run as the plain respond route:
#
#   Benchmarks/cds.sh                       # 16 connections, 15 s each
#   DURATION=10s CONNECTIONS=16 Benchmarks/cds.sh
#
# A copy of the shared 5,000-plan library, each plan given an NHS number; a record system's
# ES384 key allowed with --cds-client; one fresh JWT per request (a replayed jti is refused, so
# wrk never reuses one). Every call is audited to SQLite, as in production. Prints requests/s,
# p50, p99, errors and the server's RSS for the patient view, then for respond.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/workload.sh
command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=2
PORT=18183
LIB=Benchmarks/data/bench-5000
generate_workload 5000 1000 "$LIB"
swift build -c release --product crisisplan >&2

WORK=$PWD/Benchmarks/data/cds-work
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$LIB/data/spec/Rules" "$WORK/Rules"
URL=http://127.0.0.1:$PORT
# Enough tokens for the run at well above the rate measured (each is used once).
python3 Benchmarks/cds_tokens.py "$WORK" "$WORK/Rules" "$URL/cds-services/crisisplan-patient-view" "${TOKENS_COUNT:-150000}"
PASSWORD=$(head -c 18 /dev/urandom | base64)
BIN=$PWD/.build/release/crisisplan
printf '%s\n' "$PASSWORD" | "$BIN" user add bench --name "Bench Admin" --role admin --password-stdin \
  --users "$WORK/users.yaml" >/dev/null

(cd "$WORK" && exec "$BIN" serve --rules "$WORK/Rules" --port $PORT --no-watch --users users.yaml \
  --cds-client "https://ehr.bench=$WORK/ehr-keys.json" --public-url "$URL") > "$WORK/start.txt" 2> "$WORK/log.txt" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -fs "$URL/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
cat "$WORK/start.txt" >&2

report() {
  awk -v name="$1" -v rss="$2" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "{\"route\": \"%s\", \"connections\": %d, \"requests_per_s\": %.0f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"errors\": %d, \"rss_mb\": %s}\n", name, conns, rps, p50, p99, errors, rss }' conns="$CONNECTIONS"
}
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

TOKENS="$WORK/tokens.txt" NUMBERS="$WORK/numbers.txt" THREADS=$THREADS \
  wrk -t$THREADS -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/cds.lua "$URL" > "$WORK/wrk-cds.txt"
report cds-patient-view "$(rss_mb "$SERVER")" < "$WORK/wrk-cds.txt"

TOKEN=$(curl -fs "$URL/v1/login" -H 'Content-Type: application/json' \
  -d "{\"user\": \"bench\", \"password\": \"$PASSWORD\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/')
TOKEN=$TOKEN OBSERVATIONS="$PWD/$LIB/data/spec/observations.jsonl" \
  wrk -t$THREADS -c"$CONNECTIONS" -d"$DURATION" --latency -s Benchmarks/serve.lua "$URL" > "$WORK/wrk-respond.txt"
report respond "$(rss_mb "$SERVER")" < "$WORK/wrk-respond.txt"

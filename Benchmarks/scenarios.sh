#!/usr/bin/env bash
# Times `crisisplan test` (release build) on 1,000 generated scenarios of 10 steps each over
# the shipped Rules/. Target (issue 4): under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000}
STEPS=${STEPS:-10}
DIR=Benchmarks/data/scenarios-$COUNT-$STEPS
[ -d "$DIR" ] || python3 Benchmarks/gen_scenarios.py "$DIR" "$COUNT" "$STEPS"
swift build -c release --product crisisplan >&2
best=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  .build/release/crisisplan test "$DIR" > /tmp/crisisplan-scenarios.out || true
  end=$(date +%s%N)
  ns=$((end - start))
  if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done
echo "{\"benchmark\": \"test\", \"scenarios\": $COUNT, \"steps\": $STEPS, \"best_s\": $(awk "BEGIN {print $best / 1e9}"), \"result\": \"$(tail -n 1 /tmp/crisisplan-scenarios.out)\"}"

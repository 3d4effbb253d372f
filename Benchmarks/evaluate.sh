#!/usr/bin/env bash
# Needs ../shared/bench beside the project (or SHARED=path); exits 2 saying so without it.
# Evaluations per second on the shared peer workload, and `crisisplan respond` latency.
#
#   Benchmarks/evaluate.sh                 # N=2000 plans, M=100000 observations
#   N=500 M=20000 Benchmarks/evaluate.sh
#   ENGINE_ONLY=1 N=200 M=10000 Benchmarks/evaluate.sh   # as CI runs it: exit 1 on a mismatch
#
# Generates the workload from ../shared/bench (gen.py, ref.py, to_spec.py: Python standard
# library only) into Benchmarks/data/ (git-ignored), runs the release `crisisplan-bench` on it
# (zero mismatches first, then evals/s and p50/p99), then times `crisisplan respond` end to end
# on the 5,000-plan library of Benchmarks/check-throughput.sh. For the side-by-side table with
# the peer engines, run from ../shared/bench:
#   ENGINE="crisisplan=$PWD/../../main/.build/release/crisisplan-bench data/spec" ./bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

. Benchmarks/workload.sh
N=${N:-2000}
M=${M:-100000}

WORK=Benchmarks/data/eval-$N-$M
generate_workload "$N" "$M" "$WORK"
swift build -c release --product crisisplan-bench >&2
result=$(.build/release/crisisplan-bench "$WORK/data/spec")
echo "$result"
# Zero mismatches is the precondition of any figure: one fails the run. A time never does.
mismatches=$(printf '%s' "$result" | sed 's/.*"mismatches": \([0-9]*\).*/\1/')
if [ "$mismatches" != "0" ]; then
  echo "error: $mismatches answers differ from the reference answers" >&2
  exit 1
fi
# The same observation documents read by CPython's json, one json.loads per document, best of
# three, with its garbage collector as it runs by default and switched off (the parse alone):
# beside parse_ms above, which also decodes each into a typed observation with its sources.
python3 - "$WORK/data/spec/observations.jsonl" <<'PY'
import gc, json, sys, time
lines = [line for line in open(sys.argv[1], "rb").read().split(b"\n") if line]
result = {"reader": "CPython json.loads per document", "documents": len(lines)}
for name, collect in (("best_ms", True), ("best_ms_gc_off", False)):
    best = None
    for _ in range(3):
        gc.collect()
        if not collect:
            gc.disable()
        start = time.perf_counter()
        parsed = [json.loads(line) for line in lines]
        elapsed = time.perf_counter() - start
        gc.enable()
        del parsed
        best = elapsed if best is None else min(best, elapsed)
    result[name] = round(best * 1000, 1)
print(json.dumps(result))
PY
[ -n "${ENGINE_ONLY:-}" ] && exit 0
swift build -c release --product crisisplan >&2

LIB=Benchmarks/data/bench-5000
generate_workload 5000 1000 "$LIB"
person=$(ls "$LIB/data/spec/Rules/people" | sed -n '1234p' | sed 's/\.yaml$//')
best=""
for _ in $(seq 20); do
  start=$(date +%s%N)
  .build/release/crisisplan respond "$person" --rules "$LIB/data/spec/Rules" --sign s01 --json >/dev/null
  end=$(date +%s%N)
  ns=$((end - start))
  if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done
echo "{\"benchmark\": \"respond\", \"plans\": 5000, \"best_ms\": $(awk "BEGIN {print $best / 1e6}")}"

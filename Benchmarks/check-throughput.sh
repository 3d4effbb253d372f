#!/usr/bin/env bash
# Needs ../shared/bench beside the project (or SHARED=path); exits 2 saying so without it.
# Times `crisisplan check` (release build) on the shared benchmark's generated library and
# prints MB/s. Target (issue 2): at least 25 MB/s end to end on a 2-core machine.
#
#   Benchmarks/check-throughput.sh              # N=5000 plans, 5 runs
#   N=2000 RUNS=10 Benchmarks/check-throughput.sh
#
# The workload comes from ../shared/bench (gen.py, ref.py, to_spec.py: Python standard library
# only), generated into Benchmarks/data/ (git-ignored) so the shared folder is never written.
set -euo pipefail
cd "$(dirname "$0")/.."

. Benchmarks/workload.sh
N=${N:-5000}
M=${M:-1000}
RUNS=${RUNS:-5}
WORK=Benchmarks/data/bench-$N
generate_workload "$N" "$M" "$WORK"
swift build -c release --product crisisplan >&2
BIN=$PWD/.build/release/crisisplan
# Run inside the workload folder: `check` also reads ./Scenarios when it exists, and the
# project's own scenarios are not about these generated people.
cd "$WORK/data/spec"
RULES=Rules

bytes=$(find "$RULES" -name '*.yaml' -print0 | xargs -0 cat | wc -c)
"$BIN" check --rules "$RULES" >/dev/null || true   # warm the file cache

best=""
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$BIN" check --rules "$RULES" >/dev/null || true
  end=$(date +%s%N)
  ns=$((end - start))
  if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
done

summary=$("$BIN" check --rules "$RULES" | tail -n 1)
python3 - "$bytes" "$best" "$N" "$summary" <<'PY'
import json, sys
size, ns, n, summary = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
print(json.dumps({"benchmark": "check", "plans": n, "bytes": size, "best_s": round(ns / 1e9, 3),
                  "mb_per_s": round(size / 1e6 / (ns / 1e9), 1), "summary": summary}))
PY

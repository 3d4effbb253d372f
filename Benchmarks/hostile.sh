#!/usr/bin/env bash
# Worst inputs at the 1 MiB limit (issue 9), each timed with peak memory, for `check` and
# `respond` (release build). Target: every one under 2 s and under 200 MB on 2 cores.
#
#   Benchmarks/hostile.sh
#
# Inputs are generated into Benchmarks/data/hostile/ (git-ignored); needs python3 and
# /usr/bin/time (Debian's `time` package).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product crisisplan >&2
BIN=$PWD/.build/release/crisisplan
DIR=Benchmarks/data/hostile
rm -rf "$DIR"
for lib in lib lib-bad lib-keys; do mkdir -p "$DIR/$lib/people" && cp -r Rules/policy "$DIR/$lib/"; done
python3 - "$DIR" <<'PY'
import json, sys
d = sys.argv[1]
limit = (1 << 20) - 4096
def plan(body):
    return "person:\n  id: p\n  name: P\nplan:\n  agreed: 2026-01-01\n  review_by: 2027-01-01\n" + body
# 1. two long, different ids: did-you-mean must not build a full matrix
long_a = "a" * 200_000; long_b = "b" * 200_000
open(f"{d}/lib/people/p.yaml", "w").write(plan(
    f"contacts:\n  - {{id: {long_a}, name: A, phone: '07700 900001'}}\ncontact_routes:\n  early: [{long_b}]\n"))
# 2. a one-line observations file with as many bad entries as fit
entries = []
size = 20
i = 0
while size < limit:
    e = json.dumps({"at": "2026-11-24T10:00:00Z", "facts": {f"colour{i}": "x"}})
    entries.append(e); size += len(e) + 1; i += 1
open(f"{d}/many-errors.json", "w").write('{"observations":[' + ",".join(entries) + "]}")
# 3. a plan of many bad keys, one error each
lines = []
size = 0
i = 0
while size < limit:
    l = f"  - {{id: s{i}, sayz: x, stage: nowhere}}\n"; lines.append(l); size += len(l); i += 1
open(f"{d}/lib-bad/people/p.yaml", "w").write(plan("early_warning_signs:\n" + "".join(lines)))
# 4. many unknown signs with long text (suggestions on every one)
signs = []
size = 100
i = 0
while size < limit - 400:
    s = f"not sleepin {i} " + "hearing voices " * 15; signs.append(s); size += len(s) + 4; i += 1
open(f"{d}/unknown-signs.json", "w").write(json.dumps({"observations": [{"at": "2026-11-24T10:00:00Z", "signs": signs}]}))
# 5. a map of many keys (duplicate detection stays linear)
open(f"{d}/lib-keys/people/p.yaml", "w").write(plan("".join(f"k{i}: v\n" for i in range(limit // 12))))
PY
truncate -s 2G "$DIR/sparse.yaml"
run() {
  local name=$1; shift
  /usr/bin/time -o "$DIR/time.txt" -f "%e %M" "$@" >/dev/null 2>&1 || true
  read -r seconds kb < <(tail -1 "$DIR/time.txt")
  printf '{"input": "%s", "seconds": %s, "peak_mb": %s}\n' "$name" "$seconds" "$(( kb / 1024 ))"
}
run long-ids-check "$BIN" check "$DIR/lib/people/p.yaml"
run many-errors-respond "$BIN" respond sam --observations "$DIR/many-errors.json"
run bad-plan-check "$BIN" check "$DIR/lib-bad/people/p.yaml"
run unknown-signs-respond "$BIN" respond sam --observations "$DIR/unknown-signs.json"
run many-keys-check "$BIN" check "$DIR/lib-keys/people/p.yaml"
run sparse-2GB-respond "$BIN" respond sam --observations "$DIR/sparse.yaml"
run dev-zero-stdin-respond sh -c "head -c 100000000 /dev/zero | $BIN respond sam --observations -"
rm -f "$DIR/sparse.yaml"

#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the YAML layer, loaders, validation and evaluator.
#
#   Fuzz/run.sh                 # 10 minutes, or RUNS executions if given
#   SECONDS_LIMIT=60 Fuzz/run.sh
#   RUNS=1000000 Fuzz/run.sh
#
# Builds the engine's sources with Fuzz/FuzzTarget.swift using `swiftc -sanitize=fuzzer` into
# .build-fuzz/ (git-ignored), seeds the corpus with the shipped rules and scenarios, runs, and
# prints libFuzzer's totals (executions, coverage) last. Crashes are written to .build-fuzz/.
# Needs the system libyaml and ICU (libyaml-dev, libicu-dev) and clang (the Swift toolchain's).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=.build-fuzz
mkdir -p "$OUT/modules/CICUSkeleton" "$OUT/corpus"
cat > "$OUT/modules/CICUSkeleton/module.modulemap" <<MAP
module CICUSkeleton {
    header "$PWD/Sources/CICUSkeleton/include/CICUSkeleton.h"
    export *
}
MAP
clang -c -O1 -fsanitize=fuzzer-no-link Sources/CICUSkeleton/skeleton.c -I Sources/CICUSkeleton/include \
  -o "$OUT/skeleton.o"
swiftc -O -sanitize=fuzzer -parse-as-library -module-name CrisisPlan \
  $(find Sources/CrisisPlan -name '*.swift' | sort) Fuzz/FuzzTarget.swift \
  -I Sources/CLibYAML -I "$OUT/modules/CICUSkeleton" \
  "$OUT/skeleton.o" -lyaml -licui18n -licuuc -o "$OUT/fuzz"
cp Rules/people/*.yaml Rules/policy/*.yaml Scenarios/*.yaml "$OUT/corpus/" 2>/dev/null || true
ARGS=(-max_len=65536 -timeout=5 -rss_limit_mb=1024 -artifact_prefix="$OUT/")
if [ -n "${RUNS:-}" ]; then ARGS+=(-runs="$RUNS"); else ARGS+=(-max_total_time="${SECONDS_LIMIT:-600}"); fi
"$OUT/fuzz" "${ARGS[@]}" "$OUT/corpus" > "$OUT/fuzz.log" 2>&1 || true
grep -E "INITED|DONE|crash|ERROR|Test unit written" "$OUT/fuzz.log" | tail -5

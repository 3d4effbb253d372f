# Sourced by the benchmark scripts: generate_workload PEOPLE EVALS FOLDER writes the shared
# peer workload (../shared/bench: gen.py, ref.py, to_spec.py, Python standard library only)
# in crisisplan's formats to FOLDER/data/spec, once; the shared folder is never written.
SEED=${SEED:-20260101}
SHARED=${SHARED:-../shared/bench}

# The generator lives beside the project, not in it: without it, say what to do and stop.
if [ ! -f "$SHARED/gen.py" ]; then
  echo "error: the shared benchmark workload is not at $SHARED (gen.py, ref.py, to_spec.py)." >&2
  echo "Check it out beside this project as ../shared/bench, or set SHARED=/path/to/bench." >&2
  exit 2
fi

generate_workload() {
  if [ ! -d "$3/data/spec/Rules/people" ]; then
    echo "== generating $1 plans, $2 observations into $3" >&2
    rm -rf "$3" && mkdir -p "$3"
    cp "$SHARED"/*.py "$3"/
    (cd "$3" && python3 gen.py --seed "$SEED" --people "$1" --evals "$2" >&2 \
      && python3 ref.py >/dev/null && python3 to_spec.py >&2)
  fi
}

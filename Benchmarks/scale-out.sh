#!/usr/bin/env bash
# Needs HAProxy (apt-get install haproxy) and a PostgreSQL database the script may write an
# `audit` table to (POSTGRES_URL, e.g. postgresql://crisisplan@127.0.0.1:5432/crisisplan_scale).
# Two instances behind HAProxy, one audit store, one instance killed mid-run:
#
#   POSTGRES_URL=postgresql://… Benchmarks/scale-out.sh           # 16 clients, 20 s, kill at 8 s
#   POSTGRES_URL=postgresql://… SECONDS_RUN=30 CLIENTS=32 Benchmarks/scale-out.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v haproxy >/dev/null || { echo "error: haproxy is not installed (apt-get install haproxy)" >&2; exit 2; }
[ -n "${POSTGRES_URL:-}" ] || { echo "error: set POSTGRES_URL to a PostgreSQL database for the audit store" >&2; exit 2; }
swift build -c release --product crisisplan >&2
CRISISPLAN=$PWD/.build/release/crisisplan python3 Benchmarks/scale_out.py --audit "$POSTGRES_URL" \
  --seconds "${SECONDS_RUN:-20}" --kill-at "${KILL_AT:-8}" --clients "${CLIENTS:-16}"

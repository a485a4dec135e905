#!/usr/bin/env bash
# All benchmarks in a row (about 50 minutes; --quick: a few minutes, prints only).
# Extra flags go to every script, e.g. `bash bench/run.sh --quick` or `--cpu-prof`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/fanout.ts "$@"
npx tsx bench/ingest.ts "$@"
npx tsx bench/ingest.ts --pg "$@"
npx tsx bench/hotline.ts "$@"
npx tsx bench/polls.ts "$@"
npx tsx bench/joinflood.ts "$@"
npx tsx bench/media.ts "$@"
npx tsx bench/latency.ts "$@"
bash scripts/faults.sh

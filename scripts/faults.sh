#!/usr/bin/env bash
# `npm run faults`: the fault suite (issue 15) on its own, in its long form by default — the issue's
# sizes (five hundred citizens killed under, ten thousand reconnecting viewers…) — on SQLite and then
# PostgreSQL, and its counts written to RELIABILITY.md. `--short` runs the sizes `npm test` uses and
# prints only. Network faults need root and iptables (the suite says so when it cannot run them).
set -uo pipefail
cd "$(dirname "$0")/.."
form=long; write=1
for a in "$@"; do case $a in --short) form=short; write=0 ;; --write) write=1 ;; *) echo "unknown flag $a"; exit 2 ;; esac; done
export TZ=${TZ:-Asia/Shanghai} FAULTS_FORM=$form
report=$(mktemp)
export FAULTS_REPORT=$report
status=0
(cd server && npx --no-install vitest run test/faults/ --testTimeout=900000 --hookTimeout=300000) || status=1
pg_was_running=0
bash scripts/pg.sh status >/dev/null && pg_was_running=1
if bash scripts/pg.sh start >/dev/null; then
  (cd server && TEST_DB=postgresql npx --no-install vitest run test/faults/ --testTimeout=900000 --hookTimeout=300000) || status=1
  [ "$pg_was_running" = 1 ] || bash scripts/pg.sh stop >/dev/null
else
  echo "PostgreSQL did not start"; status=1
fi
node scripts/reliability.mjs "$report" "$write" "$status"
rm -f "$report"
exit $status

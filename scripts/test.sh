#!/usr/bin/env bash
# `npm test`: sets everything up, then runs every suite — types, lint, unit and socket integration
# tests on SQLite and on PostgreSQL, the migration runner, the client, and the browser e2e tests —
# and ends with one line "N passed, N failed" (tests, summed over all suites).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
# The users' zone by default; CI may set another (e.g. America/New_York) to shake out date bugs.
export TZ=${TZ:-Asia/Shanghai}
reports=$(mktemp -d)
step() { printf '\n\033[1m=== %s (TZ=%s)\033[0m\n' "$1" "$TZ"; }
# A step without its own test count (typecheck, lint) counts as one test.
plain() {
  local name=$1; shift
  step "$name"
  if "$@"; then echo '{"passed":1,"failed":0}' > "$reports/$name.count"; else echo '{"passed":0,"failed":1}' > "$reports/$name.count"; fi
}
# Each suite's exit status is kept too: a suite that fails without a failing test (a crash, a
# missing config, "no tests found") still counts as one failure.
vitest() {
  local name=$1; shift
  step "$name"
  npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$reports/$name.vitest.json" "$@"
  echo $? > "$reports/$name.vitest.json.status"
}

plain typecheck npx --no-install turbo run typecheck --output-logs=errors-only
plain lint npx --no-install eslint . --max-warnings=0
vitest unit-protocol-client --root . --project unit
vitest server-sqlite --root server
vitest media --root media
# A cluster this run starts is stopped after its suites: left running, it would hold its port and
# keep another checkout's run from starting its own.
pg_was_running=0
bash scripts/pg.sh status && pg_was_running=1
if bash scripts/pg.sh start >/dev/null; then
  TEST_DB=postgresql vitest server-postgresql --root server test/
  TEST_DB=postgresql vitest migrations --root . --project migrations
  [ "$pg_was_running" = 1 ] || bash scripts/pg.sh stop
else
  echo '{"passed":0,"failed":1}' > "$reports/postgresql-start.count"
fi
step e2e
(cd e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.playwright.json" npx --no-install playwright test --reporter=list,json)
echo $? > "$reports/e2e.playwright.json.status"
node scripts/tally.mjs "$reports"

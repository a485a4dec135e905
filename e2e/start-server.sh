#!/usr/bin/env bash
# Starts a fresh OpenDay server for the browser tests: a new temporary SQLite database and data
# folder on every run, migrated and seeded with the demo data (or empty, E2E_SEED=empty), then the real server on $1.
# Playwright's webServer runs this once per port (see playwright.config.ts) and stops it with SIGTERM.
set -euo pipefail
PORT=${1:?usage: start-server.sh PORT}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TSX="$ROOT/node_modules/.bin/tsx"

# Folders left by a run that was killed hard (SIGKILL skips the trap below).
rm -rf "${TMPDIR:-/tmp}"/openday-e2e-"$PORT".* 2>/dev/null || true
DIR=$(mktemp -d "${TMPDIR:-/tmp}/openday-e2e-$PORT.XXXXXX")

# The built client is what the tests drive; build it once if nobody has (setup.sh normally does).
# Two servers start at once, so the build is serialised by a lock.
CLIENT_DIST=${CLIENT_DIST:-$ROOT/client/dist}
if [ ! -f "$CLIENT_DIST/index.html" ]; then
  (
    flock 9
    [ -f "$CLIENT_DIST/index.html" ] || (cd client && npx --no-install vite build --logLevel warn)
  ) 9>"${TMPDIR:-/tmp}/openday-e2e-client-build.lock"
fi

export DATABASE_URL="file:$DIR/openday.db"
export DATA_DIR="$DIR/data"
export PORT
export HOST=${E2E_HOST:-127.0.0.1}
export PUBLIC_URL="http://localhost:$PORT"
export LOG_LEVEL=${E2E_LOG_LEVEL:-warn}
export CLIENT_DIST
# Demo data on a throw-away folder: the seed makes the data key in $DATA_DIR and the server reuses it.
export DEMO_MODE=true
# Every login of every spec comes from 127.0.0.1: the default (20 per 15 min) would make
# `--repeat-each` runs fail on the limit, which is not what these specs are about.
export LOGIN_ATTEMPTS_PER_IP=${LOGIN_ATTEMPTS_PER_IP:-500}
mkdir -p "$DATA_DIR"

# E2E_SEED=empty: a new office's database (npm run db:init) whose admin "office" has the one-time
# password INIT_ADMIN_PASSWORD; otherwise the demo data.
if [ "${E2E_SEED:-demo}" = empty ]; then
  "$TSX" server/src/seed/init-cli.ts "${E2E_ADMIN:-office}" >/dev/null
else
  "$TSX" server/src/seed/cli.ts >/dev/null
fi

server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$DIR"
}
trap 'cleanup; exit 0' TERM INT
trap cleanup EXIT
"$TSX" server/src/main.ts &
server_pid=$!
wait "$server_pid"

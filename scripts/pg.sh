#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for development and tests, separate from the system one:
# data in data/pg (gitignored), 127.0.0.1:25432, trust auth, superuser "postgres".
#   scripts/pg.sh start           init on first use, then start (no-op when already running)
#   scripts/pg.sh stop            fast shutdown (no-op when not running)
#   scripts/pg.sh status          exit 0 when running
#   scripts/pg.sh url [DB]        print postgresql://postgres@127.0.0.1:25432/DB (default: postgres)
#   scripts/pg.sh createdb NAME   create database NAME unless it exists
# Env: OPENDAY_PG_DATA (data dir), OPENDAY_PG_PORT (port). Needs apt package postgresql (15).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# Below the kernel's ephemeral range (32768-60999): a connection's TIME-WAIT on the same local
# port (the benchmarks open tens of thousands) makes postgres fail to bind for a minute.
PORT=${OPENDAY_PG_PORT:-25432}
D=${OPENDAY_PG_DATA:-$root/data/pg}

# PostgreSQL refuses to run as root, so as root every server command runs as the postgres user,
# which must own the data dir. Run as anyone else, the cluster simply belongs to that user.
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  # The postgres user must be able to reach the data dir; a checkout under /root is not.
  if [ -z "${OPENDAY_PG_DATA:-}" ] && ! runuser -u postgres -- test -x "$root"; then
    D=/var/tmp/openday-pg-$(printf %s "$root" | md5sum | cut -c1-8)
    [ "${1:-}" != start ] || echo "pg.sh: postgres cannot reach $root; cluster in $D" >&2
  fi
  cd /  # the postgres user may not be able to enter the caller's directory
else
  as_pg() { "$@"; }
fi

running() { [ -f "$D/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$D" status >/dev/null 2>&1; }
psql_() { "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -X -v ON_ERROR_STOP=1 -qtA "$@"; }

# Serialise start/createdb: parallel test workers may all call them at once.
lock() { mkdir -p "$(dirname "$D")"; exec 9>"$D.lock"; flock 9; }

case "${1:-}" in
  start)
    lock
    running && exit 0
    if [ ! -f "$D/PG_VERSION" ]; then
      mkdir -p "$D"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$D"
      chmod 700 "$D"
      as_pg "$BIN/initdb" -D "$D" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # -k: the unix socket goes in the data dir, not /var/run/postgresql (the system cluster's).
    # 9>&-: the server must not inherit the lock fd, or it would hold the lock for its lifetime.
    as_pg "$BIN/pg_ctl" -D "$D" -l "$D/server.log" -w -t 60 \
      -o "-p $PORT -k $D -c listen_addresses=127.0.0.1" start >/dev/null 9>&- \
      || { tail -n 20 "$D/server.log" >&2; exit 1; }
    ;;
  stop)
    running || exit 0
    as_pg "$BIN/pg_ctl" -D "$D" -m fast -w stop >/dev/null
    ;;
  status)
    running
    ;;
  url)
    echo "postgresql://postgres@127.0.0.1:$PORT/${2:-postgres}"
    ;;
  createdb)
    name=${2:?usage: pg.sh createdb NAME}
    [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "pg.sh: bad database name: $name" >&2; exit 2; }
    lock
    [ "$(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" = 1 ] \
      || psql_ -d postgres -c "CREATE DATABASE \"$name\""
    ;;
  *)
    sed -n '2,9p' "$0" >&2; exit 2
    ;;
esac

#!/usr/bin/env bash
# usage: tools/prisma6/diff.sh <from-schema.prisma|empty> <to-schema.prisma>
# Prints the SQL that migrates a database from the first schema to the second (Prisma's own
# `migrate diff --script` output), using Prisma 6's WASM schema engine. The inputs are the
# project's Prisma 7 schemas; the provider is read from the <to> schema.
# PostgreSQL needs a reachable database: DIFF_PG_URL, else scripts/pg.sh's cluster (started here).
# Needs `npm install --prefix tools/prisma6` first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# = 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
[ -d "$here/node_modules/prisma" ] || { echo "diff.sh: run: npm install --prefix tools/prisma6" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Make a Prisma-6 copy: Prisma 6 wants a url in the datasource (Prisma 7 forbids it there; this
# one is never connected to), and does not know every Prisma 7 generator option. The generator
# must stay and say engineType "client": without it the CLI tries to download a query engine.
v6() {
  { printf 'generator client {\n  provider   = "prisma-client-js"\n  engineType = "client"\n}\n'
    awk '/^generator /{skip=1} skip&&/^}/{skip=0;next} skip{next} {print}
         /^datasource /{print "  url = \"file:unused\""}' "$1"; } > "$2"
}
provider=$(grep -oE '^ *provider *= *"(sqlite|postgresql)"' "$2" | grep -oE 'sqlite|postgresql' | head -1)
[ -n "$provider" ] || { echo "diff.sh: no sqlite/postgresql datasource in $2" >&2; exit 1; }
v6 "$2" "$tmp/to.prisma"
if [ "$1" = empty ]; then from=(--from-empty)
else v6 "$1" "$tmp/from.prisma"; from=(--from-schema-datamodel "$tmp/from.prisma"); fi

if [ "$provider" = postgresql ] && [ -z "${DIFF_PG_URL:-}" ]; then
  pg="$here/../../scripts/pg.sh"
  bash "$pg" start && bash "$pg" createdb prisma_diff
  DIFF_PG_URL=$(bash "$pg" url prisma_diff)
fi

cd "$here"
export DIFF_PROVIDER=$provider DIFF_SCHEMA="$tmp/to.prisma" DIFF_PG_URL=${DIFF_PG_URL:-}
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
node node_modules/prisma/build/index.js migrate diff --config prisma6.config.ts \
  "${from[@]}" --to-schema-datamodel "$tmp/to.prisma" --script 2>"$tmp/err" \
  || { cat "$tmp/err" >&2; exit 1; }

#!/usr/bin/env bash
# Generates the Prisma client for each provider. Prisma's CLI tries to download its native schema
# engine for generate/validate; the client needs none of it, so point the variable at any file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY=${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/true}
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
for p in sqlite postgresql; do
  out=$(npx --no-install prisma generate --schema "prisma/$p/schema.prisma" 2>&1) || { echo "$out" >&2; exit 1; }
done
echo "prisma clients generated"

#!/usr/bin/env bash
# Everything OpenDay needs on a fresh Debian 12 machine, idempotent and quick on a second run:
# apt packages, npm packages, the Prisma clients, the built web client.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# --- apt: Chromium for the browser tests, PostgreSQL for the scale-out database tests, ffmpeg
# for media feeds, recording and HLS; Noto CJK fonts embedded in the annual plan's PDF, poppler-utils
# (pdftotext, pdffonts) to read that PDF back in the tests; iproute2 and iptables for the fault
# suite's network faults (clients in a network namespace, their packets dropped).
APT_PACKAGES="chromium postgresql ffmpeg fonts-noto-cjk poppler-utils iproute2 iptables"
missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  log "apt install$missing"
  $SUDO apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- npm: reinstall only when the lock file changed since the last install.
stamp=node_modules/.openday-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# --- mediasoup's worker: built offline against Debian's libraries, cached outside node_modules
# (npm ci wipes it), so after the first build this is a copy and a check.
bash scripts/setup-mediasoup.sh

# --- Prisma: provider schemas from prisma/models.prisma, then both clients (when changed).
node scripts/prisma-schemas.mjs >/dev/null
sum=$(cat prisma/sqlite/schema.prisma prisma/postgresql/schema.prisma node_modules/prisma/package.json | sha256sum | cut -c1-16)
if [ ! -f "server/src/generated/.sum-$sum" ]; then
  log "prisma generate"
  rm -rf server/src/generated
  bash scripts/prisma-generate.sh >/dev/null
  touch "server/src/generated/.sum-$sum"
fi

# --- the web client (turbo skips the build when its inputs are unchanged).
log "build client"
npx --no-install turbo run build --filter=@openday/client --output-logs=errors-only >/dev/null
log "ready"

#!/usr/bin/env bash
# Builds mediasoup's C++ worker offline and installs it where mediasoup looks by default
# (node_modules/mediasoup/worker/out/Release/mediasoup-worker), so nothing needs
# MEDIASOUP_WORKER_BIN at run time.
#
# Run it AFTER `npm ci` / `npm install`: it builds from the sources inside the installed
# mediasoup package, and `npm ci` deletes what it installed. mediasoup's own postinstall
# (download a prebuilt worker from GitHub, else pip + meson wraps) cannot work offline; the
# root package.json denies it with `"allowScripts": { "mediasoup": false }` (npm 11.19, the
# repo's packageManager; older npm ignores the field, and then MEDIASOUP_WORKER_BIN set to
# anything during the install skips it).
#
# Why a custom build: the prebuilt download and mediasoup's own build (pip meson + meson
# wraps for openssl, libuv, libsrtp, usrsctp, abseil, flatbuffers) all need GitHub/PyPI.
# We build the same sources against Debian's libraries instead; the differences are all
# under patches/mediasoup-worker/ (see its README.md).
#
# `npm ci` wipes node_modules, so the binary is cached in
# ${OPENDAY_CACHE:-~/.cache/openday}, keyed by mediasoup version and a hash of this script
# and the patches; a second run only copies and checks it (about a second).
set -euo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
cd "$ROOT"
log() { printf '\033[1m[mediasoup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[mediasoup]\033[0m %s\n' "$*" >&2; exit 1; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

PATCHES="$ROOT/patches/mediasoup-worker"
CACHE="${OPENDAY_CACHE:-$HOME/.cache/openday}"

# --- the installed mediasoup package (hoisted, or nested under the media workspace).
MS=""
for d in node_modules/mediasoup media/node_modules/mediasoup; do
  [ -f "$d/package.json" ] && { MS="$ROOT/$d"; break; }
done
[ -n "$MS" ] || die "mediasoup is not installed: run 'npm ci' first"
VERSION=$(node -p "require('$MS/package.json').version")
TARGET="$MS/worker/out/Release/mediasoup-worker"

# --- apt: build tools and the Debian libraries the worker links against (the -dev
# packages pull in the runtime libraries, which must stay installed), plus ffmpeg for
# recording/HLS and for the media tests.
APT_PACKAGES="meson ninja-build pkg-config g++ patch libssl-dev libuv1-dev libsrtp2-dev
  libusrsctp-dev libabsl-dev flatbuffers-compiler libflatbuffers-dev ffmpeg"
missing=""
for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  log "apt install$missing"
  $SUDO apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- cache key: what we build from (mediasoup version) and how (this script + patches).
KEY=$( { cat "$SELF"; cd "$PATCHES" && find . -type f | LC_ALL=C sort | xargs sha256sum; } | sha256sum | cut -c1-12)
CACHED="$CACHE/mediasoup-worker-$VERSION-$KEY"
mkdir -p "$CACHE"

# Starts a real worker through mediasoup's own API from the default location, so a wrong
# path, a missing shared library or a broken build fails here and not in a test.
verify() {
  local out
  out=$(cd "$ROOT" && env -u MEDIASOUP_WORKER_BIN node -e "
    const ms = require('$MS');
    (async () => {
      const w = await ms.createWorker({ logLevel: 'warn' });
      const r = await w.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
      const t = await r.createWebRtcTransport({ listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }] });
      console.log('worker pid ' + w.pid + ', mediasoup ' + ms.version + ', ice port ' + t.iceCandidates[0].port);
      w.close();
    })().catch((e) => { console.error(e); process.exit(1); });
  ") || return 1
  log "$out"
}

build() {
  local build_dir="$CACHE/build-mediasoup-$VERSION-$KEY"
  log "building mediasoup-worker $VERSION in $build_dir (5-10 minutes on 2 cores)"
  local started=$SECONDS
  # Left-overs of failed or interrupted builds (we hold the lock, so none is running).
  rm -rf "$CACHE"/build-mediasoup-*
  mkdir -p "$build_dir"
  # A copy, so node_modules keeps the pristine sources and a rebuild always starts clean.
  cp -r "$MS/worker/." "$build_dir/"
  for p in "$PATCHES"/*.patch; do
    patch -s -p1 --forward --no-backup-if-mismatch -d "$build_dir" < "$p" || die "patch failed: $p"
  done
  # The wraps would download; the overlay wraps Debian's libraries instead.
  rm -f "$build_dir"/subprojects/*.wrap
  cp -r "$PATCHES/subprojects/." "$build_dir/subprojects/"
  grep -q 'operationType & BIO_CB_RETURN' "$build_dir/src/RTC/DtlsTransport.cpp" \
    || die "DtlsTransport fix not applied"
  (
    cd "$build_dir"
    meson setup --buildtype release -Db_ndebug=true -Dms_disable_liburing=true \
      --wrap-mode=nodownload out/build >meson-setup.log 2>&1 \
      || { cat meson-setup.log >&2; exit 1; }
    # The worker's sources include headers that flatc generates; mediasoup normally does
    # this in its own "flatc" task before compiling.
    meson compile -C out/build flatbuffers-generator >build.log 2>&1 \
      && meson compile -C out/build mediasoup-worker >>build.log 2>&1 \
      || { tail -50 build.log >&2; exit 1; }
  ) || die "build failed; logs kept in $build_dir"
  install -m 755 "$build_dir/out/build/mediasoup-worker" "$CACHED.tmp"
  mv -f "$CACHED.tmp" "$CACHED"
  rm -rf "$build_dir"
  log "built in $((SECONDS - started)) s: $CACHED"
}

install_worker() {
  mkdir -p "$(dirname "$TARGET")"
  # Copy + rename: a worker running from the old file (a test, the server) keeps its inode.
  if ! cmp -s "$CACHED" "$TARGET" 2>/dev/null; then
    install -m 755 "$CACHED" "$TARGET.tmp"
    mv -f "$TARGET.tmp" "$TARGET"
  fi
}

# Two setups at once (e.g. parallel CI steps on one machine) must not build twice or
# copy a half-written binary.
exec 9>"$CACHE/mediasoup.lock"
flock 9

if [ -x "$CACHED" ]; then
  install_worker
  if ! verify; then
    # Most likely a Debian library changed soname under the cached binary.
    log "cached worker does not start; rebuilding"
    rm -f "$CACHED"
  fi
fi
if [ ! -x "$CACHED" ]; then
  build
  install_worker
  verify || die "the freshly built worker does not start"
fi
log "mediasoup-worker $VERSION ready ($TARGET)"

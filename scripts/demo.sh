#!/usr/bin/env bash
# `npm run demo`: set up, create the demo data on SQLite (data/openday.db) and start OpenDay.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PORT=${PORT:-3000}
export PUBLIC_URL=${PUBLIC_URL:-http://localhost:$PORT}
# A demo may make its own data key (data/secret.key) when none is given; a real deployment may not.
export DEMO_MODE=${DEMO_MODE:-true}
npx --no-install tsx server/src/seed/cli.ts
echo
echo "  OpenDay demo:        $PUBLIC_URL/s/demo-live"
echo "  Archive (往期回顾):  $PUBLIC_URL/archive"
echo "  The year:            $PUBLIC_URL/calendar   (plan: $PUBLIC_URL/plan, a preview: $PUBLIC_URL/events/demo-video-event)"
echo "  Video interview:     $PUBLIC_URL/s/demo-video   (studio: $PUBLIC_URL/console/studio/demo-video as guest / guest-demo and host / host-demo)"
echo "  Staff login:         $PUBLIC_URL/login   (admin / admin-demo, host / host-demo, moderator / moderator-demo ...)"
echo
exec npx --no-install tsx server/src/main.ts

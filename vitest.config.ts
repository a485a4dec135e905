import { defineConfig } from 'vitest/config'

// Root projects: pure unit tests of protocol and client, and the migration runner (needs
// PostgreSQL from scripts/pg.sh). The server has its own config (run with --root server).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['protocol/src/**/*.test.ts', 'client/src/**/*.test.{ts,tsx}'] } },
      { test: { name: 'migrations', include: ['prisma/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
})

import { defineConfig } from 'vitest/config'

// Real mediasoup workers and ffmpeg, no mocks: each test file gets its own processes.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})

import { defineConfig, devices } from '@playwright/test'
import { OFFICE_ADMIN } from './lib/office.ts'

// Four fresh servers, each with its own database (the "year" one starts empty): the "live" project shares the demo live session
// (every spec there creates and finds its own questions, so none depends on another's leftovers);
// the "archive" project ends its server's session, which nothing else may see; the "video"
// project runs the video interview (and ends it) with a fake camera and microphone.
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100)
const LIVE_PORT = BASE_PORT
const ARCHIVE_PORT = BASE_PORT + 1
const VIDEO_PORT = BASE_PORT + 2
const YEAR_PORT = BASE_PORT + 3
const url = (port: number) => `http://localhost:${port}`

// The browser runs in the zone the tests run in (CI uses Asia/Shanghai and America/New_York):
// the pages must show Beijing time whatever the device's zone is.
const timezoneId = process.env.TZ || 'Asia/Shanghai'

const server = (port: number, env: Record<string, string> = {}) => ({
  command: `bash start-server.sh ${port}`,
  env,
  url: `${url(port)}/api/health`,
  reuseExistingServer: false,
  timeout: 180_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
})

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
// A fake camera and microphone that need no permission prompt; without the loopback flag no
// 127.0.0.1 ICE candidate is gathered and WebRTC to the local SFU never connects.
const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection']

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  // Generous: each test drives up to four browsers on a 2-core machine that may be busy with other work.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    locale: 'zh-CN',
    timezoneId,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'live', testIgnore: /(end-archive|video|year)\.spec\.ts/, use: { baseURL: url(LIVE_PORT) } },
    { name: 'archive', testMatch: /end-archive\.spec\.ts/, use: { baseURL: url(ARCHIVE_PORT) } },
    // The year from an empty database: nothing of the demo, only the office's first admin.
    { name: 'year', testMatch: /year\.spec\.ts/, use: { baseURL: url(YEAR_PORT) } },
    {
      // Five browsers encoding and decoding video take both cores of a small machine: next to the
      // other specs they would make those time out, so this project runs after them, alone.
      // Only this project: `npx playwright test --project video --no-deps`.
      name: 'video',
      testMatch: /video\.spec\.ts/,
      dependencies: ['live', 'archive'],
      use: { baseURL: url(VIDEO_PORT), launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...MEDIA_ARGS] } },
    },
  ],
  // Two WebRTC viewers per session on the video server: the third watches over HLS, as a crowd would.
  webServer: [server(LIVE_PORT), server(ARCHIVE_PORT), server(VIDEO_PORT, { WEBRTC_AUDIENCE_LIMIT: '2' }),
    server(YEAR_PORT, { E2E_SEED: 'empty', INIT_ADMIN_PASSWORD: OFFICE_ADMIN.oneTimePassword })],
})

import type { Ack, ClientToServerEvents, LiveFrame, ServerToClientEvents } from '@openday/protocol'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes, randomUUID } from 'node:crypto'
import type { DestinationStream } from 'pino'
import { io as connect, type Socket } from 'socket.io-client'
import { createApp, type App } from '../src/app.ts'
import { loadConfig, REPO_ROOT } from '../src/config.ts'
import { createDataCipher, keySource, loadDataKey } from '../src/lib/crypto.ts'
import { createLogger } from '../src/lib/logger.ts'
import { openDb } from '../src/db/client.ts'
import { migrate } from '../../prisma/migrate.ts'
import { demoPassword, seedDemo } from '../src/seed/demo.ts'
import { initOffice } from '../src/seed/init.ts'
import { checkDataKey } from '../src/features/datakey/service.ts'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * A fresh database for one test file: SQLite in a temp folder, or — when TEST_DB=postgresql — a
 * new database in the project's private PostgreSQL cluster (scripts/pg.sh).
 */
export function freshDatabaseUrl(): string {
  if (process.env.TEST_DB === 'postgresql') {
    const name = `t_${randomBytes(6).toString('hex')}`
    // CREATE DATABASE fails while anyone else is connected to template1 (another test file's
    // createdb a moment ago): retry briefly rather than fail the file.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('bash', [join(REPO_ROOT, 'scripts/pg.sh'), 'createdb', name], { stdio: 'pipe' })
        break
      } catch (err) {
        if (attempt === 5) throw err
        execFileSync('sleep', ['0.5'])
      }
    }
    return execFileSync('bash', [join(REPO_ROOT, 'scripts/pg.sh'), 'url', name]).toString().trim()
  }
  return `file:${join(mkdtempSync(join(tmpdir(), 'openday-')), 'test.db')}`
}

export interface Harness {
  app: App
  url: string
  dbUrl: string
  dataDir: string
  close(): Promise<void>
}

export interface ServerOptions {
  /** Where the app's log lines go (pino's JSON lines); with LOG_LEVEL set in env, a test can read what would be logged. */
  logTo?: DestinationStream
  /** 'demo' (default): the live-core demo; 'demo-year': the whole demo (npm run demo), its year too; 'empty': a new office's database (seed/init.ts), its admin's one-time password given here. */
  seed?: 'demo' | 'demo-year' | { empty: { username: string; password: string } }
}

export async function startServer(env: Record<string, string> = {}, dbUrl = freshDatabaseUrl(), dataDir = mkdtempSync(join(tmpdir(), 'openday-data-')), opts: ServerOptions = {}): Promise<Harness> {
  // DEMO_MODE as `npm run demo`: the key is made in dataDir, so a restart on the same dataDir reads
  // the same calls. A test may pass DATA_ENCRYPTION_KEY instead. Every test client shares
  // 127.0.0.1: device tokens and joins are not limited unless a test asks for it, nor is the pace of
  // one socket's commands (socket/packets.ts; test/faults/flood.test.ts puts it back).
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: '', FRAME_INTERVAL_MS: '20', TALLY_INTERVAL_MS: '50', MEDIA_WORKERS: '1', DEMO_MODE: 'true', RATE_TOKENS_PER_IP: '1000000', RATE_JOINS_PER_SOCKET: '1000', SOCKET_COMMANDS_PER_S: '100000', ...env })
  // Seed first, as `npm run demo` does, so the app starts on the data (and word list) it will serve.
  await migrate(dbUrl)
  const seedDb = await openDb(dbUrl)
  // The key the app will load from the same settings (in DEMO_MODE made in DATA_DIR on first use).
  try {
    const cipher = createDataCipher(loadDataKey(config))
    if (opts.seed && typeof opts.seed === 'object') {
      await checkDataKey(seedDb, cipher, keySource(config))
      await initOffice(seedDb, { ...opts.seed.empty, displayName: '管理员' })
    } else {
      // The demo's year (plan, proposals, held past events) only where a test asks for it: the
      // other suites count the live-core demo's sessions and would pay its seconds every time.
      await seedDemo(seedDb, { timeZone: config.TIMEZONE, cipher, keySource: keySource(config), year: opts.seed === 'demo-year', dataDir })
    }
  } finally {
    await seedDb.$disconnect()
  }
  const app = await createApp(config, createLogger(config, opts.logTo))
  const port = await app.listen()
  return { app, url: `http://127.0.0.1:${port}`, dbUrl, dataDir, close: () => app.close() }
}

/** A device token issued by the server, as the web client gets one (POST /api/citizens/token). */
export async function citizenToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/citizens/token`, { method: 'POST', headers: { 'x-openday-csrf': '1' } })
  if (!res.ok) throw new Error(`citizen token: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}
export const clientId = () => randomUUID()

export async function login(url: string, username: string, password = demoPassword(username)): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-openday-csrf': '1' }, body: JSON.stringify({ username, password }),
  })
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

export async function client(url: string, opts: { cookie?: string; citizenToken?: string; origin?: string } = {}): Promise<Client> {
  const headers: Record<string, string> = {}
  if (opts.cookie) headers.cookie = opts.cookie
  if (opts.origin) headers.origin = opts.origin
  const s: Client = connect(url, { transports: ['websocket'], extraHeaders: headers, auth: opts.citizenToken ? { citizenToken: opts.citizenToken } : {}, reconnection: false, forceNew: true })
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  return s
}

export async function staff(url: string, username: string): Promise<Client> {
  return client(url, { cookie: await login(url, username) })
}

/** Emits a command and resolves with its ack. */
export function send<E extends keyof ClientToServerEvents>(s: Client, event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return new Promise((resolve) => {
    ;(s.emit as (e: string, p: unknown, cb: (r: unknown) => void) => void)(event, payload, (r) => resolve(r as never))
  })
}

export function ok<T>(r: Ack<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
  return r.data
}

/** Collects every frame a client receives, and waits for one matching a condition. */
export function frames(s: Client) {
  const got: LiveFrame[] = []
  const waiters: { test: (f: LiveFrame) => boolean; resolve: (f: LiveFrame) => void }[] = []
  s.on('live:frame', (f) => {
    got.push(f)
    for (const w of [...waiters]) if (w.test(f)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(f) }
  })
  return {
    all: got,
    events: () => got.flatMap((f) => f.events ?? []),
    waitFor(test: (f: LiveFrame) => boolean, ms = 5000): Promise<LiveFrame> {
      const seen = got.find(test)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timed out waiting for frame')), ms)
        waiters.push({ test, resolve: (f) => { clearTimeout(t); resolve(f) } })
      })
    },
  }
}

export const hasEvent = (type: string, id?: string) => (f: LiveFrame) =>
  (f.events ?? []).some((e) => e.type === type && (!id || ('question' in e && e.question.id === id) || ('entry' in e && e.entry.id === id)))

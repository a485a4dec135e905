import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { REPO_ROOT } from '../../src/config.ts'
import type { PageResult, SyncResult } from '@openday/protocol'
import { type Client, startServer } from '../harness.ts'

// The fault tests that stop the real process (SIGTERM, SIGKILL): main.ts as `npm start` runs it, on
// a database and data folder the harness seeded with the demo, on a port chosen here.

export const freePort = () => new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)) }) })

export interface ServerProcess { child: ChildProcess; exited: Promise<number | null>; lines: () => Record<string, unknown>[] }

/** main.ts with `env`; its log lines (pino JSON) are kept to read what it said it did. */
export function runMain(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'Asia/Shanghai', NODE_ENV: 'development', ...env }, stdio: ['ignore', 'pipe', 'ignore'],
  })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  const lines = () => out.split('\n').flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>] } catch { return [] } })
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), lines }
}

export async function waitUp(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('server did not start')
}

/** A seeded database (the demo's live session) and the settings to run main.ts on it, limits out of the way. */
export async function seededSettings(extra: Record<string, string> = {}): Promise<{ env: Record<string, string>; url: string; dbUrl: string }> {
  const seeded = await startServer({ MEDIA_ENABLED: 'false' })
  const { dbUrl, dataDir } = seeded
  await seeded.close()
  const port = await freePort()
  return {
    url: `http://127.0.0.1:${port}`, dbUrl,
    env: {
      PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, DATA_DIR: dataDir, LOG_LEVEL: 'info', CLIENT_DIST: '', MEDIA_ENABLED: 'false', DEMO_MODE: 'true',
      RATE_QUESTIONS_PER_TOKEN: '100000', RATE_QUESTIONS_PER_IP: '100000', RATE_TOKENS_PER_IP: '100000', RATE_JOINS_PER_IP: '100000', RATE_JOINS_PER_SOCKET: '100000', RATE_PAGES_PER_SOCKET: '100000', RATE_PAGES_PER_IP: '100000',
      LOGIN_ATTEMPTS_PER_IP: '10000', SNAPSHOT_LIMIT: '5000', SOCKET_COMMANDS_PER_S: '100000', RATE_CALLS_PER_OPERATOR: '100000', ...extra,
    },
  }
}

/** A staff or public view in full: the join's snapshot and every older page, as the console loads them. */
export async function fullView(s: Client, sessionId: string): Promise<SyncResult> {
  const snap = ((await s.timeout(10_000).emitWithAck('session:join', { sessionId })) as { ok: true; data: SyncResult }).data
  const questions = [...(snap.questions ?? [])]
  const transcript = [...(snap.transcript ?? [])]
  for (const kind of ['questions', 'transcript'] as const) {
    let before = snap.older?.[kind] ?? null
    while (before) {
      const page = ((await s.timeout(10_000).emitWithAck('session:page', { sessionId, kind, before })) as { ok: true; data: PageResult }).data
      if (kind === 'questions') questions.push(...(page.questions ?? []))
      else transcript.push(...(page.transcript ?? []))
      before = page.next
    }
  }
  return { ...snap, questions, transcript }
}

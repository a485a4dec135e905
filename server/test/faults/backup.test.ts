import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallStaffDto } from '@openday/protocol'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../src/config.ts'
import { openDb } from '../../src/db/client.ts'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { freePort, fullView, runMain, seededSettings, waitUp, type ServerProcess } from './process.ts'
import { record, size } from './report.ts'
import { citizenToken, client, clientId, type Client, freshDatabaseUrl, login } from '../harness.ts'

// Issue 15, fault 9: a backup taken by the real CLI (`npm run backup`) while the real server takes
// questions from citizens, restored by the real CLI (`npm run restore`) into a new data folder and a
// new database, and the restored copy started as main.ts. Promised: the restore's integrity check
// passes (and passes again on the running copy); every question acked before the backup began is in
// the restored database and in a moderator's snapshot; the uploads and the data key are there, the
// key opens the callers' names; and a damaged, foreign or misaddressed backup is refused.

const CITIZENS = size(30, 200)
const BEFORE = size(100, 2000)
const BODY = '备份测试的问题'
// The smallest PNG (1x1): the upload route judges the type from the bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const children: ChildProcess[] = []
afterAll(() => { for (const c of children) c.kill('SIGKILL') })

/** An ops command as an operator runs it: `npm run <script> -- args`, in the repository. */
function npmRun(script: 'backup' | 'restore', args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'Asia/Shanghai', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr.on('data', (d: Buffer) => { out += d.toString() })
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })))
}

const dirBytes = (dir: string): number => readdirSync(dir, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0)

describe('backup during a live session under load, and restore', () => {
  it('restores everything acked before the backup began; the restored copy starts and passes the integrity check', async () => {
    const { env, url } = await seededSettings()
    const server: ServerProcess = runMain(env)
    children.push(server.child)
    await waitUp(url)

    // A picture in the live record, stored before the backup: its file must come back with it.
    const host = await login(url, 'host')
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png')
    const up = await fetch(`${url}/api/sessions/${S}/uploads`, { method: 'POST', headers: { cookie: host, 'x-openday-csrf': '1' }, body: form })
    expect(up.status).toBe(201)
    const upload = (await up.json()) as { id: string }

    const acked = new Map<string, number>() // clientId -> when its ack came
    const sent = new Set<string>()
    let done = false
    const citizen = async (n: number) => {
      const s = await client(url, { citizenToken: await citizenToken(url) })
      try {
        await s.timeout(5_000).emitWithAck('session:join', { sessionId: S })
        while (!done) {
          const id = clientId()
          sent.add(id)
          const r = (await s.timeout(5_000).emitWithAck('question:submit', { sessionId: S, clientId: id, nickname: `b${n}`, body: BODY })) as { ok: boolean; code?: string }
          if (!r.ok) throw new Error(`refused: ${r.code}`)
          acked.set(id, Date.now())
        }
      } finally {
        s.close()
      }
    }
    const running = Array.from({ length: CITIZENS }, (_, n) => citizen(n))
    for (let i = 0; i < 600 && acked.size < BEFORE; i++) await sleep(100)

    // What was acked before the CLI was started: the promise is about these.
    const before = new Set(acked.keys())
    const out = join(mkdtempSync(join(tmpdir(), 'openday-backup-')), 'b1')
    const t0 = Date.now()
    const b = await npmRun('backup', ['--out', out], { DATABASE_URL: env.DATABASE_URL!, DATA_DIR: env.DATA_DIR! })
    const t1 = Date.now()
    expect(b.code, b.out).toBe(0)
    expect(b.out).toMatch(/holds the data key/)
    const during = [...acked.values()].filter((t) => t >= t0 && t <= t1).length
    await sleep(300)
    done = true
    await Promise.all(running)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(during, 'the citizens kept writing while the backup ran').toBeGreaterThan(0)
    expect((statSync(join(out, 'data/secret.key')).mode & 0o777)).toBe(0o600)

    // A new place: a data folder that does not exist yet, and a new SQLite file or PostgreSQL database.
    const target = mkdtempSync(join(tmpdir(), 'openday-restored-'))
    const dataDir = join(target, 'data')
    const dbUrl = process.env.TEST_DB === 'postgresql' ? freshDatabaseUrl() : `file:${join(target, 'restored.db')}`
    const r = await npmRun('restore', ['--from', out, '--database-url', dbUrl, '--data-dir', dataDir])
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/rows as in the backup: .* every count equal/)
    expect((statSync(join(dataDir, 'secret.key')).mode & 0o777)).toBe(0o600)

    const port = await freePort()
    const url2 = `http://127.0.0.1:${port}`
    const restored = runMain({ ...env, PORT: String(port), DATABASE_URL: dbUrl, DATA_DIR: dataDir })
    children.push(restored.child)
    await waitUp(url2)
    // The integrity check on the running copy (no manifest: it may have written since).
    const check = await npmRun('restore', ['--check', '--database-url', dbUrl, '--data-dir', dataDir])
    expect(check.code, check.out).toBe(0)
    expect(check.out).toMatch(/data key opens the personal data: .* decrypt/)

    const db = await openDb(dbUrl)
    let byClient: Map<string, string>
    try {
      const rows = await db.question.findMany({ where: { sessionId: S, body: BODY }, select: { id: true, clientId: true } })
      byClient = new Map(rows.map((q) => [q.clientId, q.id]))
      expect(rows.length).toBe(byClient.size)
      expect(rows.filter((q) => !sent.has(q.clientId))).toEqual([])
    } finally {
      await db.$disconnect()
    }
    const missing = [...before].filter((id) => !byClient.has(id))
    const found = before.size - missing.length

    // What a moderator of the restored copy sees: every one of them.
    const mod: Client = await client(url2, { cookie: await login(url2, 'moderator') })
    // In full (the snapshot holds the newest SNAPSHOT_LIMIT; older pages as the console loads them).
    const view = { data: await fullView(mod, S) }
    mod.close()
    const seen = new Set((view.data.questions ?? []).map((q) => q.id))
    const unseen = [...before].filter((id) => !seen.has(byClient.get(id) ?? ''))

    // The picture is served from the restored data folder, byte for byte.
    const pic = await fetch(`${url2}/uploads/${upload.id}`, { headers: { cookie: await login(url2, 'host') } })
    expect(pic.status).toBe(200)
    expect(Buffer.from(await pic.arrayBuffer()).equals(PNG)).toBe(true)
    // The callers' names are masked from their decrypted value: '***' would mean the key does not open them.
    const calls = (await (await fetch(`${url2}/api/hotline/sessions/${DEMO_HOTLINE_SESSION}/calls`, { headers: { cookie: await login(url2, 'operator') } })).json()) as CallStaffDto[]
    const names = calls.map((c) => c.callerName).filter((n): n is string => n !== null)
    expect(names.length).toBeGreaterThan(0)
    expect(names.filter((n) => n === '***')).toEqual([])

    restored.child.kill('SIGTERM')
    expect(await restored.exited).toBe(0)
    const sizeMb = dirBytes(out) / 1e6
    record({
      fault: '9 backup and restore under load',
      injected: `npm run backup while ${CITIZENS} citizens submitted questions to the real server without pause; npm run restore into a new data folder and a new database; main.ts started on the copy`,
      counts: { 'acked before backup': before.size, 'found after restore': found, missing: missing.length, 'acked during backup': during, 'backup seconds': Number(((t1 - t0) / 1000).toFixed(2)), 'size MB': Number(sizeMb.toFixed(2)) },
    })
    expect({ missing, unseen }).toEqual({ missing: [], unseen: [] })

    // Hostile backups and targets: each refused with its reason, a non-zero exit, nothing written.
    const fresh = () => {
      const d = mkdtempSync(join(tmpdir(), 'openday-refused-'))
      return { d, args: ['--database-url', process.env.TEST_DB === 'postgresql' ? freshDatabaseUrl() : `file:${join(d, 'x.db')}`, '--data-dir', join(d, 'data')] }
    }
    const unknown = await npmRun('restore', ['--from', out, '--overwrite'])
    expect([unknown.code, unknown.out]).toEqual([2, expect.stringMatching(/Unknown option '--overwrite'/)])
    const over = await npmRun('restore', ['--from', out, '--database-url', dbUrl, '--data-dir', dataDir])
    expect([over.code, over.out]).toEqual([1, expect.stringMatching(/refusing to restore over what is there/)])

    const damaged = join(tmpdir(), `openday-damaged-${process.pid}`)
    cpSync(out, damaged, { recursive: true })
    const key = join(damaged, 'data/secret.key')
    const k = readFileSync(key)
    k[0] = k[0] === 0x41 ? 0x42 : 0x41
    writeFileSync(key, k)
    const t = fresh()
    const bad = await npmRun('restore', ['--from', damaged, ...t.args])
    expect([bad.code, bad.out]).toEqual([1, expect.stringMatching(/data\/secret\.key: sha256 does not match/)])
    expect(existsSync(join(t.d, 'data')) || existsSync(join(t.d, 'x.db'))).toBe(false)

    // The check is not a formality: another key, or a file the database names gone, fails it.
    const wrongKey = await npmRun('restore', ['--check', '--database-url', dbUrl, '--data-dir', dataDir], { DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') })
    expect([wrongKey.code, wrongKey.out]).toEqual([1, expect.stringMatching(/FAIL data key opens the personal data: DATA_ENCRYPTION_KEY is not the key/)])
    rmSync(join(dataDir, 'uploads', readdirSync(join(dataDir, 'uploads'))[0]!))
    const gone = await npmRun('restore', ['--check', '--database-url', dbUrl, '--data-dir', dataDir])
    expect([gone.code, gone.out]).toEqual([1, expect.stringMatching(/FAIL uploads on disk: 1 of \d+: upload .* missing/)])

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { version: number }
    writeFileSync(join(damaged, 'manifest.json'), JSON.stringify({ ...manifest, version: 2 }))
    const newer = await npmRun('restore', ['--from', damaged, ...fresh().args])
    expect([newer.code, newer.out]).toEqual([1, expect.stringMatching(/format version 2, this OpenDay reads version 1 only/)])
  }, 300_000)
})

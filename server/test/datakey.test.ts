import { type ChildProcess, spawn } from 'node:child_process'
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.ts'
import { ConfigError, loadConfig, REPO_ROOT } from '../src/config.ts'
import { type Db, openDb } from '../src/db/client.ts'
import { createLogger } from '../src/lib/logger.ts'
import { DEMO_HOTLINE_SESSION as S } from '../src/seed/demo.ts'
import { freshDatabaseUrl, type Harness, login, ok, send, staff, startServer } from './harness.ts'
import { api, callPayload, errCode, refs } from './hotline-helpers.ts'

// The data key at start-up (issue 10, item 8): no key is made outside a demo, a server given
// another key than the database's refuses to start, and every ciphertext is bound to its row —
// old (v1) rows are re-encrypted at start. Runs on SQLite and, with TEST_DB=postgresql, PostgreSQL.

const CHECK = 'data_key.check'
const KEY = randomBytes(32).toString('base64')
const OTHER = randomBytes(32).toString('base64')
/** Reveals in these tests are many; the limit is tested elsewhere (hotline.test.ts). */
const MANY = { RATE_REVEALS_PER_USER: '10000', MEDIA_ENABLED: 'false' }

/** The settings startServer uses, for starting the app (or main.ts) without its seed. */
const settings = (dbUrl: string, dataDir: string, env: Record<string, string> = {}) => ({
  PORT: '0', HOST: '127.0.0.1', DATABASE_URL: dbUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: '', MEDIA_ENABLED: 'false', ...env,
})
const appWith = (dbUrl: string, dataDir: string, env: Record<string, string>) => {
  const config = loadConfig(settings(dbUrl, dataDir, env))
  return createApp(config, createLogger(config))
}

/** The database behind a stopped server, for what an upgrade, a restore or an attacker would change. */
async function withDb<T>(dbUrl: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(dbUrl)
  try {
    return await fn(db)
  } finally {
    await db.$disconnect()
  }
}

/** A v1 ciphertext exactly as the code before row binding wrote it: the column name was the only associated data. */
function v1(keyB64: string, plain: string, context: 'hotline_call.phone' | 'hotline_call.caller_name'): string {
  const encKey = Buffer.from(hkdfSync('sha256', Buffer.from(keyB64, 'base64'), Buffer.alloc(0), 'openday/v1/aes-256-gcm', 32))
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: 16 })
  c.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
}

type Revealed = { phone: string; callerName: string | null }

/** Every call of the database in clear, through the audited reveal (as the admin). */
async function revealAll(h: Harness, cookie: string): Promise<Map<string, Revealed>> {
  const a = api(h)
  const out = new Map<string, Revealed>()
  for (const c of await h.app.db.hotlineCall.findMany({ select: { id: true } })) out.set(c.id, await a.json<Revealed>(a.post(`/api/hotline/calls/${c.id}/reveal`, cookie)))
  return out
}

/** Runs server/src/main.ts as `npm start` would; resolves with its exit code and stderr (null code: still running after `ms`). */
function runMain(env: Record<string, string>, ms = 60_000): Promise<{ code: number | null; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? 'Asia/Shanghai', NODE_ENV: 'development', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  return new Promise((resolve) => {
    const t = setTimeout(() => { child.kill('SIGKILL'); resolve({ code: null, stderr }) }, ms)
    child.once('exit', (code) => { clearTimeout(t); resolve({ code, stderr }) })
  })
}

describe('where the key comes from', () => {
  it('without a key and without DEMO_MODE the server refuses to start (exit 2, a message) and makes no key', async () => {
    const dbUrl = freshDatabaseUrl()
    const dataDir = mkdtempSync(join(tmpdir(), 'openday-data-'))
    await expect(appWith(dbUrl, dataDir, {})).rejects.toThrow(ConfigError)
    await expect(appWith(dbUrl, dataDir, {})).rejects.toThrow(/no data encryption key: set DATA_ENCRYPTION_KEY/)
    const run = await runMain(settings(dbUrl, dataDir))
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/DATA_ENCRYPTION_KEY.*DEMO_MODE=true/s)
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false)
  }, 90_000)

  it('DEMO_MODE makes a key in DATA_DIR, records its check value, and a restart reads the calls with it', async () => {
    const h = await startServer({ ...MANY, DEMO_MODE: 'true' })
    try {
      const keyFile = join(h.dataDir, 'secret.key')
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      const check = await h.app.db.setting.findUnique({ where: { key: CHECK } })
      expect(check?.value).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
      // Nothing of the key itself is stored.
      const keyText = readFileSync(keyFile, 'utf8').trim()
      expect(check!.value).not.toContain(keyText)
      expect(check!.value).not.toContain(Buffer.from(keyText, 'base64').toString('hex'))
      const op = await staff(h.url, 'operator')
      const call = ok(await send(op, 'call:log', callPayload(await refs(h, await login(h.url, 'admin')), { phone: '13811112222', callerName: '欧阳修' })))
      op.close()
      await h.close()
      const again = await startServer({ ...MANY, DEMO_MODE: 'true' }, h.dbUrl, h.dataDir)
      try {
        const a = api(again)
        expect(await a.json(a.post(`/api/hotline/calls/${call.id}/reveal`, await login(again.url, 'operator')))).toEqual({ phone: '13811112222', callerName: '欧阳修' })
        expect(readFileSync(keyFile, 'utf8').trim()).toBe(keyText)
      } finally {
        await again.close()
      }
    } finally {
      await h.close().catch(() => undefined)
    }
  })
})

describe('a key that is not the database\'s', () => {
  it('refuses to start (server, main.ts with exit 2, and the seed), naming the setting; the right key still starts', async () => {
    const h = await startServer({ ...MANY, DEMO_MODE: 'false', DATA_ENCRYPTION_KEY: KEY })
    const calls = await revealAll(h, await login(h.url, 'admin'))
    expect(calls.size).toBeGreaterThan(0)
    await h.close()

    await expect(appWith(h.dbUrl, h.dataDir, { DATA_ENCRYPTION_KEY: OTHER })).rejects.toThrow(ConfigError)
    await expect(appWith(h.dbUrl, h.dataDir, { DATA_ENCRYPTION_KEY: OTHER })).rejects.toThrow(new RegExp(`set DATA_ENCRYPTION_KEY to this database's key.*${CHECK.replace('.', '\\.')}|${CHECK.replace('.', '\\.')}.*set DATA_ENCRYPTION_KEY`, 's'))
    // The seed writes calls before any server start: it checks the same value.
    await expect(startServer({ DATA_ENCRYPTION_KEY: OTHER }, h.dbUrl, h.dataDir)).rejects.toThrow(/set DATA_ENCRYPTION_KEY/)
    const run = await runMain(settings(h.dbUrl, h.dataDir, { DATA_ENCRYPTION_KEY: OTHER }))
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(CHECK)
    expect(run.stderr).toContain('DATA_ENCRYPTION_KEY')
    // The wrong key wrote nothing: the right one starts and reads every call as before.
    const again = await startServer({ ...MANY, DATA_ENCRYPTION_KEY: KEY }, h.dbUrl, h.dataDir)
    try {
      expect(await revealAll(again, await login(again.url, 'admin'))).toEqual(calls)
    } finally {
      await again.close()
    }
  }, 90_000)
})

describe('ciphertexts bound to their rows', () => {
  let h: Harness
  let admin: string
  beforeAll(async () => {
    h = await startServer(MANY)
    admin = await login(h.url, 'admin')
  })
  afterAll(async () => { await h?.close() })

  /** Two new calls (the second handed off, so it has a work order), the first one's number copied into the second. */
  async function movedNumber() {
    const r = await refs(h, admin)
    const op = await staff(h.url, 'operator')
    const first = ok(await send(op, 'call:log', callPayload(r, { phone: '13833330001', callerName: '诸葛亮' })))
    const second = ok(await send(op, 'call:log', callPayload(r, { phone: '13833330002', callerName: '司马懿', disposition: 'handed_off', reply: undefined, unitId: r.unit('rsj') })))
    op.close()
    const stolen = await h.app.db.hotlineCall.findUniqueOrThrow({ where: { id: first.id } })
    const own = await h.app.db.hotlineCall.findUniqueOrThrow({ where: { id: second.id } })
    await h.app.db.hotlineCall.update({ where: { id: second.id }, data: { phoneCipher: stolen.phoneCipher } })
    return { first, second, stolen, own }
  }

  it('a number copied from one call to another does not decrypt there: reveal answers CONFLICT, never the other number', async () => {
    const { first, second, stolen, own } = await movedNumber()
    const a = api(h)

    const res = await a.post(`/api/hotline/calls/${second.id}/reveal`, admin)
    expect(res.status).toBe(409)
    const body = await res.text()
    expect(JSON.parse(body).error.code).toBe('CONFLICT')
    expect(body).not.toContain('13833330001')
    expect(body).not.toContain('13833330002')
    // The call it came from is untouched; the name, still in its own row, is shown masked.
    expect(await a.json(a.post(`/api/hotline/calls/${first.id}/reveal`, admin))).toEqual({ phone: '13833330001', callerName: '诸葛亮' })
    expect((await a.json<{ id: string; callerName: string }[]>(a.get(`/api/hotline/sessions/${S}/calls`, admin))).find((c) => c.id === second.id)?.callerName).toBe('司**')

    // A name moved into another call is caught the same way (and is masked as *** meanwhile).
    await h.app.db.hotlineCall.update({ where: { id: second.id }, data: { phoneCipher: own.phoneCipher, callerNameCipher: stolen.callerNameCipher } })
    expect(await errCode(a.post(`/api/hotline/calls/${second.id}/reveal`, admin))).toBe('CONFLICT')
    expect((await a.json<{ id: string; callerName: string }[]>(a.get(`/api/hotline/sessions/${S}/calls`, admin))).find((c) => c.id === second.id)?.callerName).toBe('***')
  })

  it('the full exports of calls and of work orders refuse a moved number with CONFLICT too', async () => {
    await movedNumber()
    const a = api(h)
    for (const path of [`/api/hotline/sessions/${S}/calls.csv`, `/api/hotline/sessions/${S}/calls.xlsx`, '/api/work-orders.csv']) {
      const res = await a.post(path, admin, {})
      expect([path, res.status]).toEqual([path, 409])
      const body = await res.text()
      expect(JSON.parse(body).error.code).toBe('CONFLICT')
      expect(body).not.toContain('13833330001')
    }
    // The masked exports need no decryption of the number and still work.
    expect((await a.get(`/api/hotline/sessions/${S}/calls.csv`, admin)).status).toBe(200)
  })
})

describe('a database written before rows were bound (v1)', () => {
  it('is checked with a row, migrated to v2 at start, reveals show the same numbers, and v1 is not read afterwards', async () => {
    const h = await startServer({ ...MANY, DEMO_MODE: 'false', DATA_ENCRYPTION_KEY: KEY })
    const r = await refs(h, await login(h.url, 'admin'))
    const op = await staff(h.url, 'operator')
    ok(await send(op, 'call:log', callPayload(r, { phone: '13844440001', callerName: '王安石' })))
    ok(await send(op, 'call:log', callPayload(r, { phone: '13844440002', callerName: undefined })))
    op.close()
    const before = await revealAll(h, await login(h.url, 'admin'))
    expect([...before.values()].some((c) => c.callerName === null)).toBe(true)
    await h.close()

    // The database as the previous release left it: v1 ciphertexts and no check value.
    await withDb(h.dbUrl, async (db) => {
      for (const [id, c] of before) {
        await db.hotlineCall.update({ where: { id }, data: {
          phoneCipher: v1(KEY, c.phone, 'hotline_call.phone'), callerNameCipher: c.callerName === null ? null : v1(KEY, c.callerName, 'hotline_call.caller_name'),
        } })
      }
      await db.setting.deleteMany({ where: { key: CHECK } })
    })
    const v1Rows = () => withDb(h.dbUrl, (db) => db.hotlineCall.count({ where: { OR: [{ phoneCipher: { startsWith: 'v1:' } }, { callerNameCipher: { startsWith: 'v1:' } }] } }))
    expect(await v1Rows()).toBe(before.size)

    // Another key is refused on the rows themselves, and changes nothing.
    await expect(appWith(h.dbUrl, h.dataDir, { DATA_ENCRYPTION_KEY: OTHER })).rejects.toThrow(/does not decrypt the hotline calls already in this database: set DATA_ENCRYPTION_KEY/)
    expect(await v1Rows()).toBe(before.size)
    expect(await withDb(h.dbUrl, (db) => db.setting.count({ where: { key: CHECK } }))).toBe(0)

    const after = await startServer({ ...MANY, DEMO_MODE: 'false', DATA_ENCRYPTION_KEY: KEY }, h.dbUrl, h.dataDir)
    try {
      expect(await v1Rows()).toBe(0)
      const rows = await after.app.db.hotlineCall.findMany()
      expect(rows.every((c) => c.phoneCipher.startsWith('v2:') && (c.callerNameCipher === null || c.callerNameCipher.startsWith('v2:')))).toBe(true)
      expect((await after.app.db.setting.findUnique({ where: { key: CHECK } }))?.value).toMatch(/^hmac-sha256:/)
      const admin = await login(after.url, 'admin')
      expect(await revealAll(after, admin)).toEqual(before)

      // A v1 value put back (a restore of an old row, or a copy) is no longer read.
      const [id, c] = [...before][0]!
      await after.app.db.hotlineCall.update({ where: { id }, data: { phoneCipher: v1(KEY, c.phone, 'hotline_call.phone') } })
      expect(await errCode(api(after).post(`/api/hotline/calls/${id}/reveal`, admin))).toBe('CONFLICT')
    } finally {
      await after.close()
    }
  }, 90_000)

  it('migrates in batches, leaves a v1 value the key does not open as it is, and a second run changes nothing', async () => {
    const { migrateCiphertexts } = await import('../src/features/datakey/service.ts')
    const { createDataCipher } = await import('../src/lib/crypto.ts')
    const h = await startServer({ DEMO_MODE: 'false', DATA_ENCRYPTION_KEY: KEY })
    try {
      const db = h.app.db
      const ids = (await db.hotlineCall.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id)
      expect(ids.length).toBeGreaterThanOrEqual(4)
      for (const [i, id] of ids.entries()) {
        await db.hotlineCall.update({ where: { id }, data: { phoneCipher: v1(i === 2 ? OTHER : KEY, `1380000000${i}`, 'hotline_call.phone'), callerNameCipher: v1(KEY, `名${i}`, 'hotline_call.caller_name') } })
      }
      const cipher = createDataCipher(Buffer.from(KEY, 'base64'))
      const log = createLogger(h.app.config)
      expect(await migrateCiphertexts(db, cipher, log, 2)).toEqual({ migrated: ids.length - 1, unreadable: [ids[2]] })
      expect(await migrateCiphertexts(db, cipher, log, 2)).toEqual({ migrated: 0, unreadable: [ids[2]] })
      const rows = await db.hotlineCall.findMany({ orderBy: { id: 'asc' } })
      for (const [i, row] of rows.entries()) {
        if (i === 2) {
          expect(row.phoneCipher.startsWith('v1:') && row.callerNameCipher!.startsWith('v1:')).toBe(true)
          continue
        }
        expect(cipher.decrypt(row.phoneCipher, { table: 'HotlineCall', column: 'phoneCipher', rowId: row.id })).toBe(`1380000000${i}`)
        expect(cipher.decrypt(row.callerNameCipher!, { table: 'HotlineCall', column: 'callerNameCipher', rowId: row.id })).toBe(`名${i}`)
      }
    } finally {
      await h.close()
    }
  })
})

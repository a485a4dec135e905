import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot, sqlitePath } from '../../../prisma/migrate.ts'
import { dbKind } from '../db/client.ts'
import { KEY_CHECK_SETTING } from '../features/datakey/service.ts'
import { CALL_SLOT } from '../features/hotline/dto.ts'
import { createDataCipher, DecryptError, devKeyPath, LEGACY_PREFIX, loadDataKey } from '../lib/crypto.ts'
import { type DbInfo, pgConnect, pgInfo, sqliteInfo } from './dbinfo.ts'
import { hashFile, inside, type Manifest } from './manifest.ts'

// The check a restored instance must pass before anyone relies on it (and that can run on any
// instance, stopped or running): the database is sound, its migrations are this code's, its rows
// are the backup's, every file it names is in DATA_DIR with the bytes it recorded, and the key
// opens the personal data. Read-only throughout: it never migrates, fixes or writes anything.

export interface Check { name: string; ok: boolean; detail: string }
export interface IntegrityReport { ok: boolean; checks: Check[] }

export interface IntegrityOptions {
  databaseUrl: string
  dataDir: string
  /** The backup this instance was restored from: its migrations and row counts must match exactly. */
  manifest?: Manifest | undefined
  /** Where the key comes from, as for the server: DATA_ENCRYPTION_KEY / _FILE, else DATA_DIR/secret.key. */
  env?: Record<string, string | undefined>
}

type Rows = Record<string, unknown>[]
interface Conn { info: DbInfo; query(sql: string): Promise<Rows>; close(): Promise<void>; checks: Check[] }

async function openSqlite(url: string): Promise<Conn> {
  const file = sqlitePath(url)
  if (!existsSync(file)) throw new Error(`${file}: no such SQLite database`)
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 30_000 })
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
  const fk = db.pragma('foreign_key_check') as unknown[]
  const checks: Check[] = [
    { name: 'sqlite integrity_check', ok: integrity.length === 1 && integrity[0]!.integrity_check === 'ok', detail: integrity.slice(0, 5).map((r) => r.integrity_check).join('; ') },
    { name: 'sqlite foreign_key_check', ok: fk.length === 0, detail: fk.length ? `${fk.length} rows point at nothing: ${JSON.stringify(fk.slice(0, 5))}` : 'no dangling references' },
  ]
  return { info: sqliteInfo(db), query: async (sql) => db.prepare(sql).all() as Rows, close: async () => { db.close() }, checks }
}

async function openPg(url: string): Promise<Conn> {
  const client = await pgConnect(url)
  // One snapshot for the counts and the file list, as on SQLite's single read.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  const info = await pgInfo(client)
  return { info, query: async (sql) => (await client.query(sql)).rows as Rows, close: async () => { await client.query('COMMIT').catch(() => undefined); await client.end() }, checks: [] }
}

/** This code's migrations (name -> accepted checksums), as prisma/migrate.ts verifies them. */
function codeMigrations(kind: 'sqlite' | 'postgresql'): Map<string, string[]> {
  const dir = join(repoRoot, 'prisma', kind, 'migrations')
  const sha = (s: string) => createHash('sha256').update(s).digest('hex')
  const out = new Map<string, string[]>()
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const f = join(dir, d.name, 'migration.sql')
    if (!d.isDirectory() || !existsSync(f)) continue
    const sql = readFileSync(f, 'utf8')
    out.set(d.name, [sha(sql), sha(sql.replaceAll('\r\n', '\n')), sha(sql.replace(/\r?\n/g, '\r\n'))])
  }
  return out
}

async function migrationChecks(conn: Conn, kind: 'sqlite' | 'postgresql', manifest: Manifest | undefined): Promise<Check[]> {
  const code = codeMigrations(kind)
  const rows = (await conn.query('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'))
    .map((r) => ({ name: String(r.migration_name), checksum: String(r.checksum) }))
  const unknown = rows.filter((r) => !code.get(r.name)?.includes(r.checksum)).map((r) => r.name)
  const pending = [...code.keys()].filter((n) => !rows.some((r) => r.name === n))
  const checks: Check[] = [{
    name: 'migrations are this code\'s', ok: unknown.length === 0,
    detail: unknown.length ? `not in prisma/${kind}/migrations or changed since: ${unknown.join(', ')} (a newer OpenDay made this database)`
      : `${rows.length} applied${pending.length ? `; ${pending.length} newer ones will be applied when the server starts` : ''}`,
  }]
  if (manifest) {
    const same = JSON.stringify(conn.info.migrations) === JSON.stringify(manifest.db.migrations)
    checks.push({ name: 'migrations as in the backup', ok: same, detail: same ? `last ${manifest.db.lastMigration ?? '(none)'}` : `backup: ${manifest.db.migrations.join(', ')}; here: ${conn.info.migrations.join(', ')}` })
  }
  return checks
}

function rowChecks(info: DbInfo, manifest: Manifest | undefined): Check {
  const total = Object.values(info.rows).reduce((a, b) => a + b, 0)
  if (!manifest) return { name: 'rows read back', ok: true, detail: `${Object.keys(info.rows).length} tables, ${total} rows` }
  const tables = new Set([...Object.keys(info.rows), ...Object.keys(manifest.db.rows)])
  const off = [...tables].filter((t) => info.rows[t] !== manifest.db.rows[t]).map((t) => `${t}: backup ${manifest.db.rows[t] ?? 'none'}, here ${info.rows[t] ?? 'none'}`)
  return { name: 'rows as in the backup', ok: off.length === 0, detail: off.length ? off.slice(0, 10).join('; ') : `${tables.size} tables, ${total} rows, every count equal` }
}

/** Every upload the database names, with the bytes it recorded, and every finished recording. */
async function fileChecks(conn: Conn, dataDir: string): Promise<Check[]> {
  const uploads = await conn.query('SELECT id, path, sha256 FROM "Upload"')
  const bad: string[] = []
  for (const u of uploads) {
    try {
      const file = inside(join(dataDir, 'uploads'), String(u.path))
      if (!existsSync(file)) { bad.push(`upload ${String(u.id)}: ${file} missing`); continue }
      if ((await hashFile(file)).sha256 !== u.sha256) bad.push(`upload ${String(u.id)}: ${file} is not the file stored (sha256)`)
    } catch (err) {
      bad.push(`upload ${String(u.id)}: ${(err as Error).message}`)
    }
  }
  const recordings = await conn.query('SELECT id, "recordingFile" AS f FROM "Session" WHERE "recordingFile" IS NOT NULL')
  const noRec: string[] = []
  for (const r of recordings) {
    try {
      if (!existsSync(inside(dataDir, String(r.f)))) noRec.push(`session ${String(r.id)}: ${String(r.f)} missing`)
    } catch (err) {
      noRec.push(`session ${String(r.id)}: ${(err as Error).message}`)
    }
  }
  return [
    { name: 'uploads on disk', ok: bad.length === 0, detail: bad.length ? `${bad.length} of ${uploads.length}: ${bad.slice(0, 5).join('; ')}` : `${uploads.length} files, sha256 as stored` },
    { name: 'recordings on disk', ok: noRec.length === 0, detail: noRec.length ? noRec.slice(0, 5).join('; ') : `${recordings.length} files` },
  ]
}

/** The key the server would use for this DATA_DIR, read only (a demo key is never made here). */
function readKey(dataDir: string, env: Record<string, string | undefined>): { key: Buffer; source: string } | { error: string } {
  const base = { DATA_DIR: dataDir, DEMO_MODE: false, DATA_ENCRYPTION_KEY: env.DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_FILE: env.DATA_ENCRYPTION_KEY_FILE }
  const demo = devKeyPath(dataDir)
  try {
    if (base.DATA_ENCRYPTION_KEY) return { key: loadDataKey(base), source: 'DATA_ENCRYPTION_KEY' }
    if (base.DATA_ENCRYPTION_KEY_FILE) return { key: loadDataKey(base), source: base.DATA_ENCRYPTION_KEY_FILE }
    if (existsSync(demo)) return { key: loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: demo }), source: demo }
  } catch (err) {
    return { error: (err as Error).message }
  }
  return { error: `no key: set DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE to this database's key (${demo} does not exist)` }
}

async function keyCheck(conn: Conn, dataDir: string, env: Record<string, string | undefined>): Promise<Check> {
  const name = 'data key opens the personal data'
  const stored = (await conn.query(`SELECT value FROM "Setting" WHERE "key" = '${KEY_CHECK_SETTING}'`))[0]?.value
  // The newest calls: the ones written last are the likeliest to have been written under a new key.
  const calls = await conn.query('SELECT id, "phoneCipher" AS p, "callerNameCipher" AS n FROM "HotlineCall" ORDER BY "createdAt" DESC, id DESC LIMIT 5')
  if (stored === undefined && calls.length === 0) return { name, ok: true, detail: 'nothing encrypted yet, no key recorded' }
  const k = readKey(dataDir, env)
  if ('error' in k) return { name, ok: false, detail: k.error }
  const cipher = createDataCipher(k.key)
  if (stored !== undefined && stored !== cipher.keyCheck()) return { name, ok: false, detail: `${k.source} is not the key this database was written with (Setting ${KEY_CHECK_SETTING})` }
  let opened = 0
  for (const c of calls) {
    const id = String(c.id)
    try {
      if (!String(c.p).startsWith(LEGACY_PREFIX)) { cipher.decrypt(String(c.p), CALL_SLOT.phone(id)); opened++ }
      if (c.n !== null && !String(c.n).startsWith(LEGACY_PREFIX)) { cipher.decrypt(String(c.n), CALL_SLOT.callerName(id)); opened++ }
    } catch (err) {
      if (err instanceof DecryptError) return { name, ok: false, detail: `call ${id} does not decrypt with ${k.source}` }
      throw err
    }
  }
  return { name, ok: true, detail: `key from ${k.source} matches; ${opened} fields of ${calls.length} calls decrypt` }
}

export async function checkIntegrity(opts: IntegrityOptions): Promise<IntegrityReport> {
  const kind = dbKind(opts.databaseUrl)
  const checks: Check[] = []
  if (!existsSync(opts.dataDir) || !statSync(opts.dataDir).isDirectory()) checks.push({ name: 'DATA_DIR', ok: false, detail: `${opts.dataDir}: no such folder` })
  let conn: Conn
  try {
    conn = kind === 'sqlite' ? await openSqlite(opts.databaseUrl) : await openPg(opts.databaseUrl)
  } catch (err) {
    checks.push({ name: 'database opens', ok: false, detail: (err as Error).message })
    return { ok: false, checks }
  }
  try {
    checks.push(...conn.checks)
    if (!('_prisma_migrations' in conn.info.rows)) {
      checks.push({ name: 'migrations', ok: false, detail: 'no _prisma_migrations table: not an OpenDay database' })
      return { ok: false, checks }
    }
    checks.push(...await migrationChecks(conn, kind, opts.manifest))
    checks.push(rowChecks(conn.info, opts.manifest))
    if (checks.some((c) => c.name === 'DATA_DIR')) return { ok: false, checks }
    checks.push(...await fileChecks(conn, opts.dataDir))
    checks.push(await keyCheck(conn, opts.dataDir, opts.env ?? process.env))
  } finally {
    await conn.close()
  }
  return { ok: checks.every((c) => c.ok), checks }
}

export const formatReport = (r: IntegrityReport) => r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n')

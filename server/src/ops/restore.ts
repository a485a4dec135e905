import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { sqlitePath } from '../../../prisma/migrate.ts'
import { dbKind } from '../db/client.ts'
import { pgConnect } from './dbinfo.ts'
import { checkIntegrity, type IntegrityReport } from './integrity.ts'
import { BackupError, DATA_PREFIX, hashFile, inside, type Manifest, readManifest, verifyFiles } from './manifest.ts'
import { redact, runPgTool } from './pgtools.ts'

// `npm run restore`: a backup back into a new place — an empty SQLite path or PostgreSQL database
// and an empty DATA_DIR — then the integrity check against the backup's manifest. Every file is
// read back against the manifest before anything is written, and a target that holds anything is
// refused unless --force: a restore is how yesterday's data overwrites today's by mistake.

export interface RestoreOptions {
  /** The backup folder (with its manifest.json). */
  from: string
  databaseUrl: string
  dataDir: string
  /** Write over a target that is not empty (stop its server first). */
  force?: boolean
  /** Where the integrity check reads the key from (DATA_ENCRYPTION_KEY / _FILE), as the server would. */
  env?: Record<string, string | undefined>
  log?: (line: string) => void
}

export interface RestoreResult { manifest: Manifest; report: IntegrityReport; seconds: number }

const hasEntries = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0

async function pgTableCount(url: string): Promise<number> {
  const client = await pgConnect(url).catch((err: Error) => {
    throw new BackupError(`${redact(url)}: ${err.message} (create the empty database first, e.g. createdb)`)
  })
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'S') AND n.nspname = current_schema()")
    return Number(rows[0]!.n)
  } finally {
    await client.end()
  }
}

/** Refuses (BackupError) any target that is not empty, unless forced; nothing is written here. */
async function checkTargets(m: Manifest, opts: RestoreOptions): Promise<void> {
  const kind = dbKind(opts.databaseUrl)
  if (kind !== m.db.kind) {
    throw new BackupError(`the backup is of a ${m.db.kind} database; ${redact(opts.databaseUrl)} is ${kind} (a SQLite backup restores to a file: url, a PostgreSQL one to postgresql://)`)
  }
  if (existsSync(opts.dataDir) && !statSync(opts.dataDir).isDirectory()) throw new BackupError(`${opts.dataDir} is not a folder`)
  const refuse: string[] = []
  if (kind === 'sqlite') {
    const file = sqlitePath(opts.databaseUrl)
    const busy = ['', '-wal', '-journal'].map((s) => file + s).filter((f) => existsSync(f) && statSync(f).size > 0)
    if (busy.length) refuse.push(`the database ${file} exists`)
    // The database may live inside DATA_DIR (the default layout): then it is not "something there".
    const others = existsSync(opts.dataDir) ? readdirSync(opts.dataDir).filter((n) => !join(opts.dataDir, n).startsWith(file)) : []
    if (others.length) refuse.push(`DATA_DIR ${opts.dataDir} is not empty (${others.slice(0, 3).join(', ')}…)`)
  } else {
    const n = await pgTableCount(opts.databaseUrl)
    if (n) refuse.push(`the database ${redact(opts.databaseUrl)} is not empty (${n} tables, views or sequences)`)
    if (hasEntries(opts.dataDir)) refuse.push(`DATA_DIR ${opts.dataDir} is not empty`)
  }
  if (refuse.length && !opts.force) {
    throw new BackupError(`refusing to restore over what is there: ${refuse.join('; ')}. Restore into a new folder and database, or add --force (after stopping the server that uses them) to write over them.`)
  }
}

/** Copies one backup file to `dest` through a temporary name, checking the bytes written against the manifest. */
async function place(from: string, m: Manifest, rel: string, dest: string, mode: number): Promise<void> {
  const entry = m.files.find((f) => f.path === rel)!
  mkdirSync(dirname(dest), { recursive: true })
  const tmp = `${dest}.restoring-${process.pid}`
  rmSync(tmp, { force: true })
  const got = await hashFile(inside(from, rel), tmp, mode)
  // Read again while written: a backup changed since verifyFiles is caught here, not restored.
  if (got.sha256 !== entry.sha256 || got.size !== entry.size) {
    rmSync(tmp, { force: true })
    throw new BackupError(`${rel} changed while it was being restored: the restore stopped; remove ${dest}'s folder and run it again`)
  }
  renameSync(tmp, dest)
}

export async function restore(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => {})
  const t0 = Date.now()
  opts = { ...opts, from: resolve(opts.from), dataDir: resolve(opts.dataDir) }
  const m = readManifest(opts.from)
  await verifyFiles(opts.from, m)
  log(`backup ${opts.from}: ${m.files.length} files, sha256 verified; made ${m.createdAt}, ${m.db.kind}, migration ${m.db.lastMigration ?? '(none)'}`)
  await checkTargets(m, opts)

  if (m.db.kind === 'sqlite') {
    const file = sqlitePath(opts.databaseUrl)
    // A forced restore replaces the file whole: a stale -wal beside it would be replayed into it.
    if (opts.force) for (const s of ['-wal', '-shm', '-journal']) rmSync(file + s, { force: true })
    await place(opts.from, m, m.db.file, file, 0o600)
    log(`database: ${file}`)
  } else {
    // One transaction: a dump that fails halfway leaves the database as empty as it was.
    await runPgTool('pg_restore', opts.databaseUrl, ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', ...(opts.force ? ['--clean', '--if-exists'] : []), inside(opts.from, m.db.file)])
    log(`database: ${redact(opts.databaseUrl)} (pg_restore)`)
  }

  mkdirSync(opts.dataDir, { recursive: true })
  let n = 0
  for (const f of m.files) {
    if (!f.path.startsWith(DATA_PREFIX)) continue
    await place(opts.from, m, f.path, inside(opts.dataDir, f.path.slice(DATA_PREFIX.length)), f.secret ? 0o600 : 0o644)
    n++
  }
  log(`files: ${n} into ${opts.dataDir}${m.key.inBackup ? ` (the data key among them, mode 0600: ${m.key.path})` : ''}`)

  const report = await checkIntegrity({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, manifest: m, env: opts.env })
  return { manifest: m, report, seconds: (Date.now() - t0) / 1000 }
}

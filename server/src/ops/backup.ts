import Database from 'better-sqlite3'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import { sqlitePath } from '../../../prisma/migrate.ts'
import { dbKind, type DbKind } from '../db/client.ts'
import { devKeyPath } from '../lib/crypto.ts'
import { type DbInfo, pgConnect, pgInfo, sqliteInfo } from './dbinfo.ts'
import { BackupError, DATA_PREFIX, DB_FILE, type FileEntry, FORMAT, FORMAT_VERSION, hashFile, MANIFEST, type Manifest } from './manifest.ts'
import { runPgTool } from './pgtools.ts'

// `npm run backup`: a consistent copy of a running OpenDay. The database is snapshotted by the
// database itself (SQLite's VACUUM INTO, pg_dump on an exported snapshot), never by copying its
// files, which a writer may be halfway through. The database goes first and DATA_DIR second: every
// file is written before the row that names it (uploads, finished recordings), so whatever the
// snapshot names is already on disk when the folder is copied.

export interface BackupOptions {
  databaseUrl: string
  dataDir: string
  /** The new backup folder; it must not exist yet. */
  out: string
  /** DATA_ENCRYPTION_KEY_FILE, when set: marked as a secret if it lies inside DATA_DIR. */
  keyFile?: string | undefined
  log?: (line: string) => void
}

export interface BackupResult { dir: string; manifest: Manifest; bytes: number; seconds: number; skipped: string[] }

const isUnder = (parent: string, child: string) => child === parent || child.startsWith(parent + sep)

/** Written data reaches the disk before the backup is called finished. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try { fsyncSync(fd) } finally { closeSync(fd) }
}

function snapshotSqlite(url: string, dest: string): DbInfo {
  const file = sqlitePath(url)
  if (!existsSync(file)) throw new BackupError(`${file}: no such SQLite database`)
  // VACUUM INTO reads in one transaction: with WAL (the server's mode) writers go on meanwhile, and
  // the copy is that transaction's state, whole. The online backup API would instead restart each
  // time another connection writes — under load it might never finish.
  const src = new Database(file, { readonly: true, fileMustExist: true, timeout: 30_000 })
  try {
    src.prepare('VACUUM INTO ?').run(dest)
  } finally {
    src.close()
  }
  const snap = new Database(dest, { readonly: true, fileMustExist: true })
  try {
    const ok = snap.pragma('integrity_check', { simple: true })
    if (ok !== 'ok') throw new BackupError(`the snapshot ${dest} fails integrity_check: ${String(ok)}`)
    return sqliteInfo(snap)
  } finally {
    snap.close()
  }
}

async function snapshotPg(url: string, dest: string): Promise<DbInfo> {
  const client = await pgConnect(url)
  try {
    // The dump and the counts see one snapshot: the manifest's row counts are the dump's, exactly,
    // however many writes land while pg_dump runs.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]!.s
    const dump = runPgTool('pg_dump', url, ['--format=custom', `--snapshot=${snapshot}`, `--file=${dest}`])
    dump.catch(() => undefined) // awaited below; not an unhandled rejection while we count
    const info = await pgInfo(client)
    await dump
    await client.query('COMMIT')
    return info
  } finally {
    await client.end()
  }
}

/** The files of DATA_DIR to copy, relative, with what is left out and why. */
function listDataFiles(dataDir: string, leaveOut: Set<string>): { files: string[]; skipped: string[] } {
  const files: string[] = []
  const skipped: string[] = []
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dataDir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name
      const full = join(dataDir, r)
      if (leaveOut.has(full)) continue
      if (/[\\\0]/.test(e.name)) { skipped.push(`${r} (a name a backup cannot hold)`); continue }
      if (e.isSymbolicLink()) { skipped.push(`${r} (a symbolic link: not followed)`); continue }
      if (e.isDirectory()) {
        // A PostgreSQL cluster (scripts/pg.sh keeps one in data/pg): pg_dump is its backup; its files,
        // copied while it runs, would not be a database.
        if (existsSync(join(full, 'PG_VERSION'))) { skipped.push(`${r}/ (a PostgreSQL cluster)`); leaveOut.add(`${full}.lock`); continue }
        walk(r)
      } else if (e.isFile()) {
        files.push(r)
      } else {
        skipped.push(`${r} (not a regular file)`)
      }
    }
  }
  walk('')
  return { files: files.filter((f) => !leaveOut.has(join(dataDir, f))), skipped }
}

export async function backup(opts: BackupOptions): Promise<BackupResult> {
  const log = opts.log ?? (() => {})
  const t0 = Date.now()
  const out = resolve(opts.out)
  const dataDir = resolve(opts.dataDir)
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new BackupError(`DATA_DIR ${dataDir}: no such folder`)
  if (existsSync(out)) throw new BackupError(`${out} exists: a backup goes into a new folder`)
  if (isUnder(dataDir, out)) throw new BackupError(`${out} is inside DATA_DIR ${dataDir}: the backup would copy itself`)
  const kind: DbKind = dbKind(opts.databaseUrl)

  const work = `${out}.partial-${process.pid}`
  mkdirSync(dirname(out), { recursive: true })
  // The backup holds personal data (and perhaps the key): only its owner may read it.
  mkdirSync(join(work, 'db'), { recursive: true, mode: 0o700 })
  try {
    const createdAt = new Date()
    const dbDest = join(work, DB_FILE[kind])
    const info = kind === 'sqlite' ? snapshotSqlite(opts.databaseUrl, dbDest) : await snapshotPg(opts.databaseUrl, dbDest)
    const entries: FileEntry[] = [{ path: DB_FILE[kind], secret: false, ...(await hashFile(dbDest)) }]
    log(`database (${kind}): ${(entries[0]!.size / 1e6).toFixed(1)} MB, ${Object.keys(info.rows).length} tables, migration ${info.migrations.at(-1) ?? '(none)'}`)

    // The live SQLite file (and its journals) may sit in DATA_DIR: the snapshot above is its copy.
    const leaveOut = new Set<string>()
    if (kind === 'sqlite') for (const suffix of ['', '-wal', '-shm', '-journal']) leaveOut.add(resolve(sqlitePath(opts.databaseUrl) + suffix))
    const secrets = new Set([resolve(devKeyPath(dataDir)), ...(opts.keyFile ? [resolve(opts.keyFile)] : [])])
    const { files, skipped } = listDataFiles(dataDir, leaveOut)
    let keyPath: string | null = null
    for (const rel of files) {
      const src = join(dataDir, rel)
      const dest = join(work, DATA_PREFIX, rel)
      mkdirSync(dirname(dest), { recursive: true, mode: 0o700 })
      // A file may go away while we walk (an HLS segment of a live stream is rotated out): it was
      // never named by the database snapshot, so leaving it out loses nothing.
      const sum = await hashFile(src, dest, 0o600).catch((err: NodeJS.ErrnoException) => { if (err.code === 'ENOENT') return null; throw err })
      if (!sum) { skipped.push(`${rel} (went away while copying)`); rmSync(dest, { force: true }); continue }
      const secret = secrets.has(resolve(src)) || rel.startsWith('tls/')
      if (secrets.has(resolve(src))) keyPath = `${DATA_PREFIX}${rel}`
      entries.push({ path: `${DATA_PREFIX}${rel}`, secret, ...sum })
    }
    for (const e of entries) fsyncPath(join(work, e.path))

    const manifest: Manifest = {
      format: FORMAT, version: FORMAT_VERSION, createdAt: createdAt.toISOString(), finishedAt: new Date().toISOString(),
      db: { kind, file: DB_FILE[kind], migrations: info.migrations, lastMigration: info.migrations.at(-1) ?? null, rows: info.rows },
      key: { inBackup: keyPath !== null, path: keyPath },
      files: entries,
    }
    // The manifest last, then the rename: a folder named `out` is always a finished backup.
    writeFileSync(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
    fsyncPath(join(work, MANIFEST))
    renameSync(work, out)
    fsyncPath(dirname(out))
    const bytes = entries.reduce((n, e) => n + e.size, 0)
    log(`files: ${entries.length - 1} from ${dataDir} (${(bytes / 1e6).toFixed(1)} MB in all)${skipped.length ? `; left out: ${skipped.join(', ')}` : ''}`)
    return { dir: out, manifest, bytes, seconds: (Date.now() - t0) / 1000, skipped }
  } catch (err) {
    rmSync(work, { recursive: true, force: true })
    throw err
  }
}

/** Where a backup goes by default: backups/<UTC time> under the repo (gitignored). */
export const defaultOut = (root: string, now = new Date()) => join(root, 'backups', now.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-'))

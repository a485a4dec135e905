// OpenDay's migration runner, used at start-up and in tests: `prisma migrate deploy` needs
// Prisma's native schema engine, which cannot be downloaded here. It applies
// prisma/<provider>/migrations/*/migration.sql in name order, each in its own transaction, and
// records them in Prisma's own `_prisma_migrations` table exactly as Prisma does (same columns,
// checksum, timestamps, lock), so `prisma migrate deploy` on a machine that has the engine agrees.
//   tsx prisma/migrate.ts [url]     url: argument, else $DATABASE_URL, else file:./data/openday.db
// `file:` → SQLite (relative paths from the repo root), `postgres://`/`postgresql://` → PostgreSQL.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type BetterSqlite3 from 'better-sqlite3'

const here = dirname(fileURLToPath(import.meta.url))
export const repoRoot = resolve(here, '..')
export const DEFAULT_DATABASE_URL = 'file:./data/openday.db'
// The advisory lock key `prisma migrate` itself takes, so this runner and Prisma exclude each other.
const PRISMA_LOCK_KEY = 72707369

export type Provider = 'sqlite' | 'postgresql'
export interface MigrateOptions {
  /** Migrations folder; default prisma/<provider>/migrations. Tests inject their own. */
  dir?: string
  log?: (line: string) => void
}
interface Migration { name: string; sql: string; checksum: string }
interface Row { migration_name: string; checksum: string; finished_at: unknown }

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite'
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql'
  throw new Error(`unsupported database url (want file:, postgres:// or postgresql://): ${url.split(':')[0]}:…`)
}

/** The SQLite file a `file:` url names: relative paths are taken from the repo root, so the
 *  server, the CLI and the tests agree whatever their working directory. */
export function sqlitePath(url: string): string {
  return resolve(repoRoot, url.slice('file:'.length).split('?')[0]!)
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: sha256(sql) }
    })
}

// An applied migration must be the one on disk. Like Prisma, accept the file with either line
// ending (git may convert them on checkout); refuse a row Prisma left unfinished (a failed
// `migrate deploy`), which needs `prisma migrate resolve` by a human, not a retry.
function verifyApplied(m: Migration, row: Row): void {
  if (row.finished_at == null) {
    throw new Error(`migration ${m.name} is recorded as started but not finished (a failed run): resolve it by hand`)
  }
  const variants = [m.sql, m.sql.replaceAll('\r\n', '\n'), m.sql.replace(/\r?\n/g, '\r\n')]
  if (!variants.some((s) => sha256(s) === row.checksum)) {
    throw new Error(`migration ${m.name} was modified after it was applied (checksum mismatch); add a new migration instead`)
  }
}

const nonEmpty = (tables: string[]) =>
  new Error(`database is not empty (tables: ${tables.slice(0, 5).join(', ')}) but has no _prisma_migrations table; ` +
    'it was not made by migrations. Baseline it or start from an empty database.')

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function migrate(url: string, opts: MigrateOptions = {}): Promise<string[]> {
  const provider = providerOf(url)
  const migrations = readMigrations(opts.dir ?? join(here, provider, 'migrations'))
  const log = opts.log ?? (() => {})
  return provider === 'sqlite' ? migrateSqlite(url, migrations, log) : migratePostgres(url, migrations, log)
}

// Prisma's own DDL for its table on SQLite (sql-schema-connector, flavour/sqlite.rs).
const SQLITE_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

async function migrateSqlite(url: string, migrations: Migration[], log: (l: string) => void): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3')
  const file = sqlitePath(url)
  mkdirSync(dirname(file), { recursive: true })
  // timeout: a second process migrating the same file waits for our write lock instead of failing.
  const db: BetterSqlite3.Database = new Database(file, { timeout: 30_000 })
  const applied: string[] = []
  try {
    for (const m of migrations) {
      // Prisma's table-rebuild scripts (RedefineTables) say PRAGMA foreign_keys=OFF, but inside a
      // transaction that pragma does nothing, and DROP TABLE on the parent would then cascade and
      // silently delete child rows. So: off before BEGIN, foreign_key_check before COMMIT, on after.
      db.pragma('foreign_keys = OFF')
      // IMMEDIATE takes the write lock now: a concurrent runner waits here, then sees our row.
      db.exec('BEGIN IMMEDIATE')
      try {
        ensureSqliteTable(db)
        const row = db.prepare('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ' +
          'WHERE migration_name = ? AND rolled_back_at IS NULL').get(m.name) as Row | undefined
        if (row) { verifyApplied(m, row); db.exec('COMMIT'); continue }
        const startedAt = Date.now()
        db.exec(m.sql)
        const violations = db.pragma('foreign_key_check') as unknown[]
        if (violations.length) throw new Error(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`)
        // Prisma stores SQLite timestamps as integer milliseconds since the epoch (UTC).
        db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, ' +
          'rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)')
          .run(randomUUID(), m.checksum, Date.now(), m.name, startedAt)
        db.exec('COMMIT')
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw new Error(`migration ${m.name}: ${(e as Error).message}`, { cause: e })
      } finally {
        db.pragma('foreign_keys = ON')
      }
      applied.push(m.name)
      log(`applied ${m.name}`)
    }
  } finally {
    db.close()
  }
  return applied
}

function ensureSqliteTable(db: BetterSqlite3.Database): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .all() as { name: string }[]).map((t) => t.name)
  if (tables.includes('_prisma_migrations')) return
  if (tables.length) throw nonEmpty(tables)
  db.exec(SQLITE_TABLE)
}

// Prisma's own DDL for its table on PostgreSQL (sql-schema-connector, flavour/postgres.rs).
const PG_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`

async function migratePostgres(url: string, migrations: Migration[], log: (l: string) => void): Promise<string[]> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const applied: string[] = []
  try {
    // Session-level lock, held until the connection ends: a second runner waits, then finds
    // everything applied. Everything below runs under it.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_LOCK_KEY])
    const { rows: tables } = await client.query<{ relname: string }>(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema()")
    const names = tables.map((t) => t.relname)
    if (!names.includes('_prisma_migrations')) {
      if (names.length) throw nonEmpty(names)
      await client.query(PG_TABLE)
    }
    const { rows } = await client.query<Row>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL')
    const done = new Map(rows.map((r) => [r.migration_name, r]))
    for (const m of migrations) {
      const row = done.get(m.name)
      if (row) { verifyApplied(m, row); continue }
      const startedAt = new Date()
      try {
        await client.query('BEGIN')
        await client.query(m.sql)
        await client.query('INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, ' +
          'rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, NULL, NULL, $5, 1)',
          [randomUUID(), m.checksum, new Date(), m.name, startedAt])
        await client.query('COMMIT')
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        throw new Error(`migration ${m.name}: ${(e as Error).message}`, { cause: e })
      }
      applied.push(m.name)
      log(`applied ${m.name}`)
    }
  } finally {
    await client.end() // also releases the advisory lock
  }
  return applied
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const url = process.argv[2] ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
  const where = providerOf(url) === 'sqlite' ? sqlitePath(url) : url.replace(/\/\/[^@/]*@/, '//…@')
  migrate(url, { log: (l) => console.log(l) }).then(
    (names) => console.log(`${where}: ${names.length ? `${names.length} migration(s) applied` : 'up to date'}`),
    (e: Error) => { console.error(`${where}: ${e.message}`); process.exit(1) })
}

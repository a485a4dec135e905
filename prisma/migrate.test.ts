// The migration runner on SQLite (a temp file) and on PostgreSQL (scripts/pg.sh's private
// cluster, a fresh database per run). Run: TZ=Asia/Shanghai npx vitest run prisma/
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, repoRoot, type Provider } from './migrate.ts'

const migrationsOf = (p: Provider) => join(repoRoot, 'prisma', p, 'migrations')
const names = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const tmp = mkdtempSync(join(tmpdir(), 'openday-migrate-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A migrations folder of its own, from [name, sql] pairs; more can be added later. */
function scratchDir(label: string, ...migrations: [string, string][]): string {
  const dir = join(tmp, label)
  for (const [name, sql] of migrations) addMigration(dir, name, sql)
  return dir
}
function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true })
  writeFileSync(join(dir, name, 'migration.sql'), sql)
}

// The FK trap fixture: a parent with a cascading child, then Prisma's SQLite "RedefineTables"
// rebuild of the parent (what `migrate diff` writes when a column is added to it).
const PARENT_CHILD = `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL);
CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
`
const REDEFINE_PARENT = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "extra" INTEGER NOT NULL DEFAULT 0);
INSERT INTO "new_Parent" ("id", "name") SELECT "id", "name" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`

function checkRows(rows: Record<string, unknown>[], dir: string, toMs: (v: unknown) => number): void {
  const before = Date.now()
  expect(rows.map((r) => r.migration_name)).toEqual(names(dir))
  for (const r of rows) {
    expect(r.id).toMatch(UUID)
    expect(r.checksum).toBe(sha256(join(dir, r.migration_name as string, 'migration.sql')))
    expect(r.logs).toBeNull()
    expect(r.rolled_back_at).toBeNull()
    expect(Number(r.applied_steps_count)).toBe(1)
    const started = toMs(r.started_at), finished = toMs(r.finished_at)
    // Real UTC instants: a time-zone slip (TZ=Asia/Shanghai is +8 h) would put them hours off.
    expect(finished).toBeGreaterThanOrEqual(started)
    expect(before - started).toBeLessThan(60_000)
    expect(before - started).toBeGreaterThanOrEqual(0)
  }
}

const appliedBy = (out: string) => [...out.matchAll(/^applied (\S+)$/gm)].map((m) => m[1]).sort()

/** Runs the CLI (as the app's start-up would) and resolves with its exit code and output. */
function cli(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['prisma/migrate.ts', url], { cwd: repoRoot })
    let out = ''
    child.stdout.on('data', (b) => (out += b)); child.stderr.on('data', (b) => (out += b))
    child.on('close', (code) => done({ code, out }))
  })
}

it('no migration is missing: the last one was made from the current schema', () => {
  for (const p of ['sqlite', 'postgresql'] as const) {
    const last = names(migrationsOf(p)).at(-1)
    expect(last, `no migrations for ${p}`).toBeDefined()
    const snapshot = readFileSync(join(migrationsOf(p), last!, 'schema.prisma.snapshot'), 'utf8')
    const current = readFileSync(join(repoRoot, 'prisma', p, 'schema.prisma'), 'utf8')
    expect(snapshot === current, `prisma/${p}/schema.prisma changed since ${last}: run scripts/new-migration.sh <name>`).toBe(true)
  }
})

describe('SQLite', () => {
  const url = (name: string) => `file:${join(tmp, `${name}.db`)}`

  it('applies init on a fresh database, then nothing, and records rows as Prisma does', async () => {
    expect(await migrate(url('main'))).toEqual(names(migrationsOf('sqlite')))
    expect(await migrate(url('main'))).toEqual([])
    const db = new Database(join(tmp, 'main.db'), { readonly: true })
    const rows = db.prepare('SELECT * FROM _prisma_migrations ORDER BY started_at').all() as Record<string, unknown>[]
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => (t as { name: string }).name)
    db.close()
    // Prisma writes SQLite timestamps as integer milliseconds.
    checkRows(rows, migrationsOf('sqlite'), (v) => { expect(typeof v).toBe('number'); return v as number })
    expect(tables).toEqual(expect.arrayContaining(['User', 'Event', 'Session', 'Question']))
  })

  it('refuses a migration changed after it was applied, and keeps CRLF copies valid', async () => {
    const dir = join(tmp, 'tamper-sqlite')
    cpSync(migrationsOf('sqlite'), dir, { recursive: true })
    expect(await migrate(url('tamper'), { dir })).toHaveLength(names(dir).length)
    const file = join(dir, names(dir)[0]!, 'migration.sql')
    const original = readFileSync(file, 'utf8')
    writeFileSync(file, original.replaceAll('\n', '\r\n')) // what git may do on checkout
    expect(await migrate(url('tamper'), { dir })).toEqual([])
    appendFileSync(file, '-- edited\n')
    await expect(migrate(url('tamper'), { dir })).rejects.toThrow(/checksum mismatch/)
  })

  it('rebuilding a parent table (RedefineTables) keeps the child rows', async () => {
    const dir = scratchDir('fk-sqlite', ['20250101000000_parent_child', PARENT_CHILD])
    expect(await migrate(url('fk'), { dir })).toEqual(['20250101000000_parent_child'])
    let db = new Database(join(tmp, 'fk.db'))
    db.exec(`INSERT INTO Parent VALUES ('p1', 'a'); INSERT INTO Child VALUES ('c1', 'p1'), ('c2', 'p1');`)
    db.close()

    addMigration(dir, '20250102000000_parent_extra', REDEFINE_PARENT)
    expect(await migrate(url('fk'), { dir })).toEqual(['20250102000000_parent_extra'])
    db = new Database(join(tmp, 'fk.db'))
    expect(db.prepare('SELECT count(*) AS n FROM Child').get()).toEqual({ n: 2 })
    expect(db.prepare('SELECT extra FROM Parent').get()).toEqual({ extra: 0 })
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()

    // Control: the naive way (foreign keys on, script inside a transaction) does lose them.
    cpSync(join(tmp, 'fk.db'), join(tmp, 'naive.db'))
    const naive = new Database(join(tmp, 'naive.db'))
    naive.exec(`DROP TABLE Parent; ${PARENT_CHILD.split('\n')[0]} INSERT INTO Parent VALUES ('p1', 'a');
      INSERT INTO Child VALUES ('c1', 'p1'), ('c2', 'p1');`)
    naive.transaction(() => naive.exec(REDEFINE_PARENT))()
    expect(naive.prepare('SELECT count(*) AS n FROM Child').get()).toEqual({ n: 0 })
    naive.close()
  })

  it('rolls back a migration that leaves dangling foreign keys', async () => {
    const dir = scratchDir('orphan-sqlite', ['1_parent_child', PARENT_CHILD],
      ['2_orphan', `INSERT INTO "Child" VALUES ('c9', 'nobody');`])
    await expect(migrate(url('orphan'), { dir })).rejects.toThrow(/2_orphan: foreign key violations/)
    expect(await migrate(url('orphan'), { dir: scratchDir('orphan-sqlite-1', ['1_parent_child', PARENT_CHILD]) })).toEqual([])
  })

  it('refuses a non-empty database that was not made by migrations', async () => {
    const db = new Database(join(tmp, 'foreign.db')); db.exec('CREATE TABLE t (x)'); db.close()
    await expect(migrate(url('foreign'))).rejects.toThrow(/not empty/)
  })

  it('two CLI processes at once apply each migration exactly once', async () => {
    const [a, b] = await Promise.all([cli(url('race')), cli(url('race'))])
    expect([a.code, b.code]).toEqual([0, 0])
    expect(appliedBy(a.out + b.out)).toEqual(names(migrationsOf('sqlite')))
  }, 60_000)
})

describe('PostgreSQL', () => {
  const pgsh = (...args: string[]) => execFileSync('bash', [join(repoRoot, 'scripts/pg.sh'), ...args], { encoding: 'utf8' }).trim()
  const run = `t${process.pid}_${Date.now()}`
  const created: string[] = []
  const freshDb = (label: string) => {
    const name = `migrate_${label}_${run}`
    pgsh('createdb', name); created.push(name)
    return pgsh('url', name)
  }
  const query = async (url: string, sql: string) => {
    const c = new pg.Client({ connectionString: url }); await c.connect()
    try { return (await c.query(sql)).rows } finally { await c.end() }
  }

  beforeAll(() => { pgsh('start') })
  afterAll(async () => {
    for (const name of created) await query(pgsh('url', 'postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })

  it('applies init on a fresh database, then nothing, and records rows as Prisma does', async () => {
    const url = freshDb('main')
    expect(await migrate(url)).toEqual(names(migrationsOf('postgresql')))
    expect(await migrate(url)).toEqual([])
    const rows = await query(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at')
    checkRows(rows, migrationsOf('postgresql'), (v) => { expect(v).toBeInstanceOf(Date); return (v as Date).getTime() })
    const cols = await query(url, `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_name = '_prisma_migrations' AND column_name LIKE '%_at' ORDER BY column_name`)
    expect(new Set(cols.map((c) => c.data_type))).toEqual(new Set(['timestamp with time zone']))
    const tables = await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['User', 'Event', 'Session', 'Question']))
  })

  it('refuses a migration changed after it was applied', async () => {
    const url = freshDb('tamper')
    const dir = join(tmp, 'tamper-pg')
    cpSync(migrationsOf('postgresql'), dir, { recursive: true })
    await migrate(url, { dir })
    appendFileSync(join(dir, names(dir)[0]!, 'migration.sql'), '-- edited\n')
    await expect(migrate(url, { dir })).rejects.toThrow(/checksum mismatch/)
  })

  it('a failing migration leaves no trace and no row', async () => {
    const url = freshDb('fail')
    const dir = scratchDir('fail-pg', ['1_ok', 'CREATE TABLE a (x int);'], ['2_bad', 'CREATE TABLE b (x int); SELECT 1/0;'])
    await expect(migrate(url, { dir })).rejects.toThrow(/2_bad: division by zero/)
    expect((await query(url, 'SELECT migration_name FROM _prisma_migrations')).map((r) => r.migration_name)).toEqual(['1_ok'])
    expect(await query(url, "SELECT to_regclass('b') AS b")).toEqual([{ b: null }])
  })

  it('three runners at once (advisory lock) apply each migration exactly once', async () => {
    const url = freshDb('race')
    const [a, b, c] = await Promise.all([migrate(url), migrate(url), cli(url)])
    expect(c.code).toBe(0)
    expect([...a, ...b, ...appliedBy(c.out)].sort()).toEqual(names(migrationsOf('postgresql')))
  }, 60_000)
})

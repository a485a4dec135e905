import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'

// What a backup records of its database and a restore reads back: the applied migrations and the
// rows of every table. Through the drivers, not Prisma: these run on a snapshot file or a database
// the application has not opened (nor migrated), and must see every table, Prisma's own included.

export interface DbInfo { migrations: string[]; rows: Record<string, number> }

const MIGRATIONS_SQL = 'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name'
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

export function sqliteInfo(db: BetterSqlite3.Database): DbInfo {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
  const rows: Record<string, number> = {}
  for (const t of tables) rows[t] = (db.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get() as { n: number }).n
  const migrations = tables.includes('_prisma_migrations') ? (db.prepare(MIGRATIONS_SQL).all() as { migration_name: string }[]).map((r) => r.migration_name) : []
  return { migrations, rows }
}

/** On PostgreSQL, in whatever transaction `client` is in (the backup's: the dump's own snapshot). */
export async function pgInfo(client: pg.Client): Promise<DbInfo> {
  const { rows: tables } = await client.query<{ relname: string }>(
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname")
  const rows: Record<string, number> = {}
  for (const { relname } of tables) rows[relname] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(relname)}`)).rows[0]!.n)
  const migrations = '_prisma_migrations' in rows ? (await client.query<{ migration_name: string }>(MIGRATIONS_SQL)).rows.map((r) => r.migration_name) : []
  return { migrations, rows }
}

export async function pgConnect(url: string): Promise<pg.Client> {
  const { default: pgLib } = await import('pg')
  const client = new pgLib.Client({ connectionString: url })
  await client.connect()
  return client
}

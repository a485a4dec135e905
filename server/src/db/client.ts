import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts'
import { PrismaClient as PgClient } from '../generated/postgresql/client.ts'
import { sqlitePath } from '../../../prisma/migrate.ts'

/**
 * The two generated clients have the same model API (both come from prisma/models.prisma), so
 * repositories are written once against the SQLite client's type.
 */
export type Db = SqliteClient
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]
export type DbKind = 'sqlite' | 'postgresql'

export function dbKind(url: string): DbKind {
  return url.startsWith('file:') ? 'sqlite' : 'postgresql'
}

export async function openDb(url: string): Promise<Db> {
  if (dbKind(url) === 'postgresql') {
    const db = new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) })
    await db.$connect()
    return db as unknown as Db
  }
  const file = sqlitePath(url)
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }) })
  // WAL lets readers run beside the writer; busy_timeout makes a second process (the migration
  // runner, a seed) wait instead of failing; foreign keys are off by default in SQLite.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
  await db.$executeRawUnsafe('PRAGMA busy_timeout = 5000')
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON')
  await db.$executeRawUnsafe('PRAGMA synchronous = FULL')
  return db
}

import { Prisma } from '../generated/sqlite/client.ts'

/**
 * Multi-row INSERT through Prisma's raw SQL. Prisma's createMany compiles and validates every
 * row (about 0.8 ms a row here), which made it the most expensive part of a burst; one parameterised
 * statement is several times cheaper. Identifiers are Prisma's own (quoted model and field names),
 * identical on SQLite and PostgreSQL; Date parameters are written by the driver adapter exactly as
 * Prisma writes them. `onConflict` is an optional `ON CONFLICT ...` clause.
 */
export function multiInsert(table: string, columns: readonly string[], rows: readonly unknown[][], onConflict = ''): Prisma.Sql {
  const cols = Prisma.raw(columns.map((c) => `"${c}"`).join(', '))
  const values = Prisma.join(rows.map((r) => Prisma.sql`(${Prisma.join(r)})`))
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${cols}) VALUES ${values} ${Prisma.raw(onConflict)}`
}

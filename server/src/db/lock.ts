import type { Tx } from './client.ts'

/**
 * Serialises the transactions that take the same named lock, until they commit or roll back, on
 * SQLite and PostgreSQL alike: each first writes one Setting row (a row lock in PostgreSQL, the
 * write lock in SQLite). For rules that read several rows before writing one, which READ COMMITTED
 * alone would let two admins break at the same moment (a cycle of parent units, no active admin).
 * One statement that creates or touches the row, so even the very first use cannot collide.
 */
export async function takeLock(tx: Tx, name: string): Promise<void> {
  const key = `lock.${name}`
  await tx.$executeRaw`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (${key}, '', ${new Date()}) ON CONFLICT ("key") DO UPDATE SET "value" = ''`
}

import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../../db/client.ts'
import { multiInsert } from '../../db/sql.ts'

/** Citizen ids for device token hashes, creating the missing ones (one read, one insert). */
export async function ensureMany(tx: Tx, tokenHashes: string[]): Promise<Map<string, string>> {
  const found = await tx.citizen.findMany({ where: { tokenHash: { in: tokenHashes } }, select: { id: true, tokenHash: true } })
  const ids = new Map(found.map((c) => [c.tokenHash, c.id]))
  const missing = tokenHashes.filter((h) => !ids.has(h))
  if (!missing.length) return ids
  // ON CONFLICT: another server process may create the same device at the same moment.
  const now = new Date()
  await tx.$executeRaw(multiInsert('Citizen', ['id', 'tokenHash', 'nickname', 'createdAt'], missing.map((h) => [randomUUID(), h, '', now]), 'ON CONFLICT ("tokenHash") DO NOTHING'))
  for (const c of await tx.citizen.findMany({ where: { tokenHash: { in: missing } }, select: { id: true, tokenHash: true } })) ids.set(c.tokenHash, c.id)
  return ids
}

export async function findIdByTokenHash(db: Db, tokenHash: string): Promise<string | null> {
  const c = await db.citizen.findUnique({ where: { tokenHash }, select: { id: true } })
  return c?.id ?? null
}

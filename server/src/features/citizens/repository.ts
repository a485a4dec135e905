import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../../db/client.ts'

/** Citizen ids for device token hashes, creating the missing ones (one read, one insert). */
export async function ensureMany(tx: Tx, tokenHashes: string[]): Promise<Map<string, string>> {
  const found = await tx.citizen.findMany({ where: { tokenHash: { in: tokenHashes } }, select: { id: true, tokenHash: true } })
  const ids = new Map(found.map((c) => [c.tokenHash, c.id]))
  const missing = tokenHashes.filter((h) => !ids.has(h)).map((tokenHash) => ({ id: randomUUID(), tokenHash, nickname: '' }))
  if (missing.length) await tx.citizen.createMany({ data: missing })
  for (const c of missing) ids.set(c.tokenHash, c.id)
  return ids
}

export async function findIdByTokenHash(db: Db, tokenHash: string): Promise<string | null> {
  const c = await db.citizen.findUnique({ where: { tokenHash }, select: { id: true } })
  return c?.id ?? null
}

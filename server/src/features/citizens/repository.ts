import type { Db, Tx } from '../../db/client.ts'

/** The citizen row of a device token hash, created on first use; the nickname follows the latest. */
export function ensure(tx: Tx, tokenHash: string, nickname?: string) {
  return tx.citizen.upsert({
    where: { tokenHash },
    create: { tokenHash, nickname: nickname ?? '' },
    update: nickname ? { nickname } : {},
  })
}

export async function findIdByTokenHash(db: Db, tokenHash: string): Promise<string | null> {
  const c = await db.citizen.findUnique({ where: { tokenHash }, select: { id: true } })
  return c?.id ?? null
}

import type { Db, Tx } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'

type Client = Db | Tx

export const getSetting = async (db: Client, key: string): Promise<string | null> =>
  (await db.setting.findUnique({ where: { key } }))?.value ?? null

/** False when the key was already there: another process (the seed, a second server) wrote it first. */
export async function createSetting(db: Client, key: string, value: string): Promise<boolean> {
  try {
    await db.setting.create({ data: { key, value } })
    return true
  } catch (err) {
    if (isPrismaCode(err, 'P2002')) return false
    throw err
  }
}

const cipherColumns = { id: true, phoneCipher: true, callerNameCipher: true } as const
export type CallCiphers = { id: string; phoneCipher: string; callerNameCipher: string | null }

/** A few calls at both ends of time, to try a key on when the database has no check value yet. */
export async function sampleCallCiphers(db: Client, n: number): Promise<CallCiphers[]> {
  const [oldest, newest] = await Promise.all([
    db.hotlineCall.findMany({ select: cipherColumns, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: n }),
    db.hotlineCall.findMany({ select: cipherColumns, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: n }),
  ])
  return [...oldest, ...newest]
}

/** Calls with a column still in the given ciphertext version, after `afterId` in id order (a batch). */
export const callsWithVersion = (db: Client, prefix: string, afterId: string, take: number) =>
  db.hotlineCall.findMany({
    where: { id: { gt: afterId }, OR: [{ phoneCipher: { startsWith: prefix } }, { callerNameCipher: { startsWith: prefix } }] },
    select: cipherColumns,
    orderBy: { id: 'asc' },
    take,
  })

/**
 * Replaces a call's ciphertexts only if they are still the ones read (compare and set): a second
 * process migrating at the same time, or a write in between, is never overwritten.
 */
export async function replaceCallCiphers(tx: Tx, from: CallCiphers, to: Omit<CallCiphers, 'id'>): Promise<boolean> {
  const r = await tx.hotlineCall.updateMany({
    where: { id: from.id, phoneCipher: from.phoneCipher, callerNameCipher: from.callerNameCipher },
    data: { phoneCipher: to.phoneCipher, callerNameCipher: to.callerNameCipher },
  })
  return r.count === 1
}

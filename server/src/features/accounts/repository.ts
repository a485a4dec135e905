import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

export interface AccountRowFilter { role?: string; unitId?: string; active?: boolean }
export interface NewAccount { username: string; displayName: string; role: string; unitId: string | null; passwordHash: string }
export type AccountChanges = Partial<{ displayName: string; role: string; unitId: string | null; active: boolean }>

const withUnit = { unit: true } as const

export const list = (db: Client, f: AccountRowFilter) =>
  db.user.findMany({ where: { role: f.role, unitId: f.unitId, active: f.active }, orderBy: { username: 'asc' }, include: withUnit })
export const find = (db: Client, id: string) => db.user.findUnique({ where: { id }, include: withUnit })
export const usernameTaken = async (db: Client, username: string) => (await db.user.count({ where: { username } })) > 0
export const findUnit = (db: Client, id: string) => db.unit.findUnique({ where: { id } })

/** A new account holds a one-time password until its owner sets their own. */
export const create = (tx: Tx, data: NewAccount) => tx.user.create({ data: { ...data, mustChangePassword: true }, include: withUnit })
export const update = (tx: Tx, id: string, data: AccountChanges) => tx.user.update({ where: { id }, data, include: withUnit })
export const setOneTimePassword = (tx: Tx, id: string, passwordHash: string) =>
  tx.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true }, include: withUnit })

export const countActiveAdminsOtherThan = (db: Client, id: string) => db.user.count({ where: { role: 'admin', active: true, id: { not: id } } })

/** In the same transaction as the change that ends them: no login outlives a disable or reset. */
export const deleteLogins = (tx: Tx, userId: string) => tx.authSession.deleteMany({ where: { userId } })

export type AccountRow = NonNullable<Awaited<ReturnType<typeof find>>>

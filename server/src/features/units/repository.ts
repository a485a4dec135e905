import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

/** What the admin's list shows of a unit: its liaison editors and how much hangs on it. */
const adminView = {
  users: { where: { role: 'unit_editor' }, select: { id: true, username: true, displayName: true, active: true }, orderBy: { username: 'asc' as const } },
  _count: { select: { users: true, children: true, hostOf: true, workOrders: true } },
} as const

export interface UnitData { code: string; name: string; nameEn: string | null; kind: string; parentId: string | null }
export type UnitChanges = Partial<Omit<UnitData, 'code'> & { active: boolean }>

export const listForAdmin = (db: Client) => db.unit.findMany({ orderBy: { code: 'asc' }, include: adminView })
export const findForAdmin = (db: Client, id: string) => db.unit.findUnique({ where: { id }, include: adminView })
export const find = (db: Client, id: string) => db.unit.findUnique({ where: { id } })
export const codeTaken = async (db: Client, code: string) => (await db.unit.count({ where: { code } })) > 0
export const create = (tx: Tx, data: UnitData) => tx.unit.create({ data, include: adminView })
export const update = (tx: Tx, id: string, data: UnitChanges) => tx.unit.update({ where: { id }, data, include: adminView })

export const parentOf = async (db: Client, id: string): Promise<string | null> =>
  (await db.unit.findUnique({ where: { id }, select: { parentId: true } }))?.parentId ?? null

export type AdminUnitRow = NonNullable<Awaited<ReturnType<typeof findForAdmin>>>

import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const include = { journal: { select: { id: true, name: true, bonus: true } } } as const

export const listForEvent = (c: Client, eventId: string) =>
  c.publicityItem.findMany({ where: { eventId }, include, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] })
export const find = (c: Client, id: string) => c.publicityItem.findUnique({ where: { id }, include })
export type ItemRow = NonNullable<Awaited<ReturnType<typeof find>>>

export interface ItemData { outlet: string; journalId: string | null; date: string; title: string; source: string; url: string; uploadId: string | null }
export const create = (tx: Tx, d: ItemData & { eventId: string; unitId: string | null; createdById: string }) => tx.publicityItem.create({ data: d, include })
export const update = (tx: Tx, id: string, d: ItemData) => tx.publicityItem.update({ where: { id }, data: d, include })
export const remove = (tx: Tx, id: string) => tx.publicityItem.delete({ where: { id } })

export const units = (c: Client, ids: string[]) => c.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
export const uploads = (c: Client, ids: string[]) => c.upload.findMany({ where: { id: { in: ids } }, select: { id: true, mime: true } })
export const upload = (c: Client, id: string) => c.upload.findUnique({ where: { id }, select: { id: true, eventId: true, mime: true } })

export const listJournals = (c: Client, activeOnly: boolean) =>
  c.journal.findMany({ where: activeOnly ? { active: true } : {}, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
export const findJournal = (c: Client, id: string) => c.journal.findUnique({ where: { id } })
export const journalByName = (c: Client, name: string) => c.journal.findUnique({ where: { name } })
export const createJournal = (tx: Tx, d: { name: string; bonus: boolean; active: boolean }) => tx.journal.create({ data: d })
export const updateJournal = (tx: Tx, id: string, d: { name: string; bonus: boolean; active: boolean }) => tx.journal.update({ where: { id }, data: d })

/** The seed's two journals, which a new office starts with (then edited at /admin/journals). */
export const DEFAULT_JOURNALS = ['《政务管理服务工作》', '《政务公开工作交流》']
export async function ensureDefaultJournals(c: Client): Promise<void> {
  if ((await c.journal.count()) > 0) return
  for (const name of DEFAULT_JOURNALS) await c.journal.create({ data: { name, bonus: true } })
}

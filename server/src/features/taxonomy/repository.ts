import type { Db, Tx } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'

type Client = Db | Tx

export interface DomainData { code: string; name: string; nameEn: string | null; sortOrder: number; active: boolean }
export interface AppealTypeData extends DomainData { deadlineDays: number }

const order = [{ sortOrder: 'asc' as const }, { code: 'asc' as const }]

export const listDomains = (db: Client) => db.hotlineDomain.findMany({ orderBy: order })
export const listAppealTypes = (db: Client) => db.appealType.findMany({ orderBy: order })
export const findDomain = (db: Client, id: string) => db.hotlineDomain.findUnique({ where: { id } })
export const findAppealType = (db: Client, id: string) => db.appealType.findUnique({ where: { id } })
export const createDomain = (db: Client, data: DomainData) => db.hotlineDomain.create({ data })
export const createAppealType = (db: Client, data: AppealTypeData) => db.appealType.create({ data })
export const updateDomain = (db: Client, id: string, data: Omit<DomainData, 'code'>) => db.hotlineDomain.update({ where: { id }, data })
export const updateAppealType = (db: Client, id: string, data: Omit<AppealTypeData, 'code'>) => db.appealType.update({ where: { id }, data })
export const domainCodeTaken = async (db: Client, code: string) => (await db.hotlineDomain.count({ where: { code } })) > 0
export const appealTypeCodeTaken = async (db: Client, code: string) => (await db.appealType.count({ where: { code } })) > 0

/** Several servers may start at once on one PostgreSQL database: a row another made first is fine. */
async function ignoreDuplicate(p: Promise<unknown>): Promise<void> {
  try {
    await p
  } catch (err) {
    if (!isPrismaCode(err, 'P2002')) throw err
  }
}

export async function createDomainIfMissing(db: Db, data: Omit<DomainData, 'active'>): Promise<void> {
  if (!(await domainCodeTaken(db, data.code))) await ignoreDuplicate(db.hotlineDomain.create({ data }))
}

export async function createAppealTypeIfMissing(db: Db, data: Omit<AppealTypeData, 'active'>): Promise<void> {
  if (!(await appealTypeCodeTaken(db, data.code))) await ignoreDuplicate(db.appealType.create({ data }))
}

export const listCalendar = (db: Client) => db.calendarDay.findMany({ orderBy: { date: 'asc' } })
export const upsertCalendarDay = (db: Client, d: { date: string; kind: string; name: string }) =>
  db.calendarDay.upsert({ where: { date: d.date }, create: d, update: { kind: d.kind, name: d.name } })
export const deleteCalendarDay = (db: Client, date: string) => db.calendarDay.deleteMany({ where: { date } })

export const listUnits = (db: Client) => db.unit.findMany({ orderBy: { code: 'asc' } })
export const findUnit = (db: Client, id: string) => db.unit.findUnique({ where: { id } })

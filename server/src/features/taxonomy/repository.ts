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

/**
 * The rows among `rows` whose code is not there yet, in one statement. Several servers may start at
 * once on one PostgreSQL database: if another inserted some of them first, fall back to row by row.
 */
async function createMissing<T extends { code: string }>(rows: T[], existing: () => Promise<{ code: string }[]>, createMany: (rows: T[]) => Promise<unknown>, createOne: (row: T) => Promise<unknown>): Promise<void> {
  const have = new Set((await existing()).map((r) => r.code))
  const missing = rows.filter((r) => !have.has(r.code))
  if (!missing.length) return
  try {
    await createMany(missing)
  } catch (err) {
    if (!isPrismaCode(err, 'P2002')) throw err
    for (const row of missing) {
      try {
        await createOne(row)
      } catch (e) {
        if (!isPrismaCode(e, 'P2002')) throw e
      }
    }
  }
}

export const createDomainsIfMissing = (db: Db, rows: Omit<DomainData, 'active'>[]) => createMissing(rows,
  () => db.hotlineDomain.findMany({ select: { code: true } }), (data) => db.hotlineDomain.createMany({ data }), (data) => db.hotlineDomain.create({ data }))

export const createAppealTypesIfMissing = (db: Db, rows: Omit<AppealTypeData, 'active'>[]) => createMissing(rows,
  () => db.appealType.findMany({ select: { code: true } }), (data) => db.appealType.createMany({ data }), (data) => db.appealType.create({ data }))

export const listCalendar = (db: Client) => db.calendarDay.findMany({ orderBy: { date: 'asc' } })
export const upsertCalendarDay = (db: Client, d: { date: string; kind: string; name: string }) =>
  db.calendarDay.upsert({ where: { date: d.date }, create: d, update: { kind: d.kind, name: d.name } })
/** A year's holidays in one statement, into a calendar that has none of them yet (the demo seed). */
export const createCalendarDays = (db: Db, days: { date: string; kind: string; name: string }[]) => db.calendarDay.createMany({ data: days })
export const deleteCalendarDay = (db: Client, date: string) => db.calendarDay.deleteMany({ where: { date } })

export const listUnits = (db: Client) => db.unit.findMany({ orderBy: { code: 'asc' } })
export const findUnit = (db: Client, id: string) => db.unit.findUnique({ where: { id } })

import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

export interface YearData { months: string; deadline: Date; notice: string; previewDays: number }

export const list = (db: Client) => db.planYear.findMany({ orderBy: { year: 'desc' } })
export const find = (db: Client, year: number) => db.planYear.findUnique({ where: { year } })
export const create = (tx: Tx, year: number, data: YearData, createdById: string) => tx.planYear.create({ data: { year, ...data, createdById } })
export const update = (tx: Tx, year: number, data: Partial<YearData>) => tx.planYear.update({ where: { year }, data })

/** The units that are asked for proposals: active ones of the three kinds. */
export const proposingUnits = (db: Client) =>
  db.unit.findMany({ where: { active: true, kind: { in: ['city_dept', 'county', 'zone'] } }, orderBy: { code: 'asc' } })

/** Lead units with a submission this year (submitted, approved or returned: a returned one was submitted). */
export const unitsWithSubmission = async (db: Client, year: number): Promise<Set<string>> =>
  new Set((await db.proposal.findMany({ where: { year, submittedAt: { not: null } }, select: { unitId: true }, distinct: ['unitId'] })).map((p) => p.unitId))

export const draftCounts = async (db: Client, year: number): Promise<Map<string, number>> =>
  new Map((await db.proposal.groupBy({ by: ['unitId'], where: { year, status: 'draft' }, _count: { _all: true } })).map((g) => [g.unitId, g._count._all]))

export const lastReminders = async (db: Client, year: number): Promise<Map<string, Date>> =>
  new Map((await db.unitNotice.groupBy({ by: ['unitId'], where: { year, kind: 'reminder' }, _max: { createdAt: true } })).map((g) => [g.unitId, g._max.createdAt!]))

export const addNotices = (tx: Tx, rows: { unitId: string; year: number | null; kind: string; message: string; createdById: string | null }[]) =>
  tx.unitNotice.createMany({ data: rows })

export const unreadNotices = (db: Client, unitId: string) =>
  db.unitNotice.findMany({ where: { unitId, readAt: null }, orderBy: { createdAt: 'desc' }, take: 50 })
export const findNotice = (db: Client, id: string) => db.unitNotice.findUnique({ where: { id } })
export const markRead = (tx: Tx, id: string, at: Date) => tx.unitNotice.update({ where: { id }, data: { readAt: at } })

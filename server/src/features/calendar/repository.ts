import type { Db } from '../../db/client.ts'

/** Statuses on the public calendar and in the feeds; 'draft' is never read by this feature. */
export const CALENDAR_STATUSES = ['planned', 'published', 'done', 'cancelled'] as const

const eventSelect = {
  id: true, theme: true, form: true, month: true, status: true, startsAt: true, endsAt: true, previewDays: true,
  sequence: true, createdAt: true, updatedAt: true,
  hostUnits: { select: { role: true, unit: { select: { id: true, name: true } } } },
} as const

export type CalendarEventRow = Awaited<ReturnType<typeof yearEvents>>[number]

export function yearEvents(db: Db, year: number, unitId?: string) {
  return db.event.findMany({
    where: { year, status: { in: [...CALENDAR_STATUSES] }, ...(unitId ? { hostUnits: { some: { unitId } } } : {}) },
    select: eventSelect,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  })
}

export function publicEvent(db: Db, id: string) {
  return db.event.findFirst({ where: { id, status: { in: [...CALENDAR_STATUSES] } }, select: eventSelect })
}

export const unit = (db: Db, id: string) => db.unit.findUnique({ where: { id }, select: { id: true, name: true } })

/** The year and the revision the public sees (PlanYear.revision; 0 = none yet). */
export async function currentRevision(db: Db, year: number) {
  const py = await db.planYear.findUnique({ where: { year }, select: { revision: true } })
  if (!py || py.revision < 1) return null
  return db.planRevision.findUnique({ where: { year_number: { year, number: py.revision } }, select: { number: true, note: true, snapshot: true, publishedAt: true } })
}

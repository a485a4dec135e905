import type { Db, Tx } from '../../db/client.ts'

type Client = Db | Tx

const proposalView = {
  unit: { select: { id: true, name: true } },
  jointUnits: { select: { unit: { select: { id: true, name: true } } }, orderBy: { unitId: 'asc' as const } },
  event: { select: { id: true, status: true, sequence: true } },
} as const

export const findYear = (db: Client, year: number) => db.planYear.findUnique({ where: { year } })
export const listYears = (db: Client) => db.planYear.findMany({ orderBy: { year: 'desc' } })

export const listEntries = (db: Client, year: number) =>
  db.planEntry.findMany({ where: { year }, orderBy: [{ month: 'asc' }, { startsAt: 'asc' }, { id: 'asc' }], include: { proposal: { include: proposalView } } })
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number]
export type ProposalRow = EntryRow['proposal']

export const unplacedApproved = (db: Client, year: number) =>
  db.proposal.findMany({ where: { year, status: 'approved', entry: null }, orderBy: [{ month: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], include: proposalView })

export const findProposal = (db: Client, id: string) => db.proposal.findUnique({ where: { id } })
export const findEntry = (db: Client, id: string) => db.planEntry.findUnique({ where: { id }, include: { proposal: true } })
export const createEntry = (tx: Tx, data: { year: number; proposalId: string; month: number }) => tx.planEntry.create({ data })
/** The change only lands on the revision the admin saw: 0 rows means someone changed it first. */
export const updateEntry = (tx: Tx, id: string, revision: number, data: { month: number; startsAt: Date | null; endsAt: Date | null }) =>
  tx.planEntry.updateMany({ where: { id, revision }, data: { ...data, revision: { increment: 1 } } })
export const deleteEntry = (tx: Tx, id: string, revision: number) => tx.planEntry.deleteMany({ where: { id, revision } })

export const calendarDays = (db: Client, year: number) =>
  db.calendarDay.findMany({ where: { date: { startsWith: `${year}-` } } })

/** Sessions of the event that already went live (or past): such an event is not moved silently. */
export const startedSessions = (db: Client, eventId: string) =>
  db.session.count({ where: { eventId, status: { not: 'scheduled' } } })

/** Every event the plan made for the year (cancelled ones too), with units and sessions. */
export const planEvents = (db: Client, year: number) =>
  db.event.findMany({
    where: { year, proposalId: { not: null } },
    include: { hostUnits: { include: { unit: { select: { id: true, name: true } } } }, sessions: { select: { id: true, status: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  })
export type PlanEventRow = Awaited<ReturnType<typeof planEvents>>[number]

export interface EventData {
  year: number; month: number; theme: string; form: string; startsAt: Date; endsAt: Date; previewDays: number
  units: { unitId: string; role: 'lead' | 'joint' }[]
}

export async function createEvent(tx: Tx, proposalId: string, d: EventData) {
  return tx.event.create({
    data: {
      year: d.year, month: d.month, theme: d.theme, form: d.form, startsAt: d.startsAt, endsAt: d.endsAt, previewDays: d.previewDays,
      status: 'planned', summary: '', proposalId,
      hostUnits: { create: d.units },
      sessions: { create: [{ kind: d.form, title: d.theme, scheduledStart: d.startsAt, scheduledEnd: d.endsAt }] },
    },
  })
}

/** A changed (or reopened) event: its fields, its units, its scheduled sessions follow; sequence + 1. */
export async function updateEvent(tx: Tx, id: string, d: EventData, reopen: boolean) {
  await tx.eventHostUnit.deleteMany({ where: { eventId: id } })
  await tx.eventHostUnit.createMany({ data: d.units.map((u) => ({ eventId: id, ...u })) })
  await tx.session.updateMany({ where: { eventId: id, status: 'scheduled' }, data: { kind: d.form, title: d.theme, scheduledStart: d.startsAt, scheduledEnd: d.endsAt } })
  return tx.event.update({
    where: { id },
    data: {
      month: d.month, theme: d.theme, form: d.form, startsAt: d.startsAt, endsAt: d.endsAt, previewDays: d.previewDays,
      sequence: { increment: 1 }, ...(reopen ? { status: 'planned', cancelledAt: null } : {}),
    },
  })
}

export const cancelEvent = (tx: Tx, id: string, at: Date) =>
  tx.event.update({ where: { id }, data: { status: 'cancelled', cancelledAt: at, sequence: { increment: 1 } } })

export const listRevisions = (db: Client, year: number) =>
  db.planRevision.findMany({ where: { year }, orderBy: { number: 'asc' } })
export const findRevision = (db: Client, year: number, number: number) =>
  db.planRevision.findUnique({ where: { year_number: { year, number } } })
export const createRevision = (tx: Tx, data: { year: number; number: number; note: string; snapshot: string; publishedAt: Date; publishedById: string }) =>
  tx.planRevision.create({ data })
export const setYearRevision = (tx: Tx, year: number, revision: number) => tx.planYear.update({ where: { year }, data: { revision } })

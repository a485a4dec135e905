import type { EventForm, PlanEntryDto, PlanProposalDto, PlanRevisionDto, PlanSnapshotItem, PlanUnitRef } from '@openday/protocol'
import { zonedDate } from '../../lib/workdays.ts'
import { zonedYmd } from './conflicts.ts'
import type { EntryRow, PlanEventRow, ProposalRow } from './repository.ts'

const pad = (n: number) => String(n).padStart(2, '0')
export function zonedHm(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  return `${pad(get('hour'))}:${pad(get('minute'))}`
}
export const zonedMonth = (at: Date, timeZone: string) => zonedDate(at, timeZone).m

/** Lead first, then the joint units in a fixed order: the same units always compare equal. */
export function proposalUnits(p: ProposalRow): PlanUnitRef[] {
  return [
    { id: p.unit.id, name: p.unit.name, role: 'lead' },
    ...p.jointUnits.filter((j) => j.unit.id !== p.unit.id).map((j) => ({ id: j.unit.id, name: j.unit.name, role: 'joint' as const })),
  ]
}

export function eventUnits(e: PlanEventRow): PlanUnitRef[] {
  const lead = e.hostUnits.filter((h) => h.role === 'lead')
  const joint = e.hostUnits.filter((h) => h.role !== 'lead').sort((a, b) => (a.unitId < b.unitId ? -1 : 1))
  return [...lead, ...joint].map((h) => ({ id: h.unit.id, name: h.unit.name, role: h.role === 'lead' ? 'lead' : 'joint' }))
}

export const toProposalDto = (p: ProposalRow): PlanProposalDto => ({
  id: p.id, theme: p.theme, form: (p.form as EventForm | null) ?? null, month: p.month, halfDay: p.halfDay === 'pm' ? 'pm' : 'am', status: p.status, units: proposalUnits(p),
})

export const toEntryDto = (e: EntryRow, timeZone: string): PlanEntryDto => ({
  id: e.id, proposalId: e.proposalId, month: e.month, revision: e.revision,
  startsAt: e.startsAt?.toISOString() ?? null, endsAt: e.endsAt?.toISOString() ?? null,
  date: e.startsAt ? zonedYmd(e.startsAt, timeZone) : null,
  start: e.startsAt ? zonedHm(e.startsAt, timeZone) : null,
  end: e.endsAt ? zonedHm(e.endsAt, timeZone) : null,
  proposal: toProposalDto(e.proposal),
  event: e.proposal.event ?? null,
})

/** The published plan as year.md fixes it: every plan event of the year, by start. */
export const toSnapshot = (events: readonly PlanEventRow[]): PlanSnapshotItem[] =>
  events.map((e) => ({
    eventId: e.id, theme: e.theme, form: e.form as EventForm, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(),
    status: e.status === 'cancelled' ? 'cancelled' as const : 'planned' as const, units: eventUnits(e),
  })).sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.eventId < b.eventId ? -1 : 1))

export const toRevisionDto = (r: { year: number; number: number; note: string; publishedAt: Date; snapshot: string }): PlanRevisionDto => ({
  year: r.year, number: r.number, note: r.note, publishedAt: r.publishedAt.toISOString(), snapshot: JSON.parse(r.snapshot) as PlanSnapshotItem[],
})

import { BLOCKING_CONFLICTS, type PlanConflictDto, type PlanConflictKind } from '@openday/protocol'
import { isWorkingDay, type WorkCalendar, zonedDate } from '../../lib/workdays.ts'

// The plan's conflicts, judged afresh on every look at the grid and after every change: a pure
// function of the grid, so the admin's screen, publishing and the tests agree on one answer.

export interface ConflictEntry {
  id: string
  proposalId: string
  month: number
  startsAt: Date | null
  leadUnitId: string
  approved: boolean
}
export interface ConflictInput {
  months: readonly number[]
  entries: readonly ConflictEntry[]
  /** Approved proposals of the year that are not on the grid. */
  unplaced: readonly { id: string; unitId: string }[]
  calendar: WorkCalendar
  timeZone: string
}

const pad = (n: number) => String(n).padStart(2, '0')
/** The Beijing (zone) calendar date of an instant, YYYY-MM-DD. */
export function zonedYmd(at: Date, timeZone: string): string {
  const { y, m, d } = zonedDate(at, timeZone)
  return `${y}-${pad(m)}-${pad(d)}`
}

/** Saturday or Sunday, by the calendar date itself (not the machine's zone). */
const isWeekend = (ymd: string) => [0, 6].includes(new Date(`${ymd}T00:00:00Z`).getUTCDay())

export function findConflicts(input: ConflictInput): PlanConflictDto[] {
  const out: PlanConflictDto[] = []
  const add = (kind: PlanConflictKind, c: Partial<Omit<PlanConflictDto, 'kind' | 'blocking'>>) =>
    out.push({ kind, blocking: BLOCKING_CONFLICTS.includes(kind), month: null, entryIds: [], proposalIds: [], unitId: null, date: null, ...c })
  const byId = (a: ConflictEntry, b: ConflictEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const entries = [...input.entries].sort(byId)

  for (const month of [...input.months].sort((a, b) => a - b)) {
    const inMonth = entries.filter((e) => e.month === month)
    if (inMonth.length === 0) add('month_empty', { month })
    if (inMonth.length > 1) add('month_crowded', { month, entryIds: inMonth.map((e) => e.id), proposalIds: inMonth.map((e) => e.proposalId) })
  }
  const byUnit = new Map<string, ConflictEntry[]>()
  for (const e of entries) byUnit.set(e.leadUnitId, [...(byUnit.get(e.leadUnitId) ?? []), e])
  for (const [unitId, list] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (list.length > 1) add('unit_leads_twice', { unitId, entryIds: list.map((e) => e.id), proposalIds: list.map((e) => e.proposalId) })
  }
  for (const e of entries) {
    const one = { month: e.month, entryIds: [e.id], proposalIds: [e.proposalId], unitId: e.leadUnitId }
    if (!e.approved) add('not_approved', one)
    if (!e.startsAt) { add('no_date', one); continue }
    const date = zonedYmd(e.startsAt, input.timeZone)
    if (isWorkingDay(date, input.calendar)) continue
    // A weekday off is a holiday; a weekend day off is a weekend unless the calendar names it a holiday.
    add(input.calendar.holidays?.has(date) || !isWeekend(date) ? 'holiday' : 'weekend', { ...one, date })
  }
  for (const p of input.unplaced) add('unplaced', { proposalIds: [p.id], unitId: p.unitId })
  return out
}

export const blocking = (cs: readonly PlanConflictDto[]) => cs.filter((c) => c.blocking)
export const warnings = (cs: readonly PlanConflictDto[]) => cs.filter((c) => !c.blocking)

import { HALF_DAY_TIMES, type PlanConflictDto, type PlanSnapshotItem } from '@openday/protocol'
import { TIME_ZONE } from '../lib/format.ts'

/** The conflicts that concern one entry (by entry id), to show beside its cell. */
export function conflictsOfEntry(conflicts: readonly PlanConflictDto[], entryId: string): PlanConflictDto[] {
  return conflicts.filter((c) => c.entryIds.includes(entryId))
}

/** The conflicts of a month as a whole (empty or crowded), to show on the month's heading. */
export function conflictsOfMonth(conflicts: readonly PlanConflictDto[], month: number): PlanConflictDto[] {
  return conflicts.filter((c) => c.month === month && (c.kind === 'month_empty' || c.kind === 'month_crowded'))
}

export const defaultTimes = (halfDay: 'am' | 'pm') => HALF_DAY_TIMES[halfDay]

/** The Beijing month (1..12) of an instant, whatever zone the browser is in. */
export function beijingMonth(iso: string): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, month: 'numeric' }).format(new Date(iso)))
}

/** The public plan's rows by Beijing month, in month order, each month's events by start. */
export function byMonth(items: readonly PlanSnapshotItem[]): { month: number; items: PlanSnapshotItem[] }[] {
  const map = new Map<number, PlanSnapshotItem[]>()
  for (const i of items) {
    const m = beijingMonth(i.startsAt)
    map.set(m, [...(map.get(m) ?? []), i])
  }
  return [...map].sort(([a], [b]) => a - b).map(([month, list]) => ({ month, items: list.sort((x, y) => (x.startsAt < y.startsAt ? -1 : 1)) }))
}

/** The Beijing year now: the year the plan link opens. */
export const beijingYear = (now = new Date()) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' }).format(now))

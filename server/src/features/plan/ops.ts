import type { PlanUnitRef } from '@openday/protocol'
import { zonedMonth, eventUnits, proposalUnits } from './dto.ts'
import type { EntryRow, EventData, PlanEventRow } from './repository.ts'

/**
 * What publishing the grid would do to the year's events: create the new ones, update the changed
 * ones (sequence + 1), reopen re-added ones, cancel those whose entry was removed. Pure: the grid
 * shows whether anything would change, and a repeated publish with nothing changed does nothing.
 */
export interface PlanOps {
  creates: { proposalId: string; data: EventData }[]
  updates: { eventId: string; data: EventData; reopen: boolean }[]
  cancels: PlanEventRow[]
  /** Events these ops would move or cancel although a session of theirs already went live. */
  locked: PlanEventRow[]
  count: number
}

const sameUnits = (a: readonly PlanUnitRef[], b: readonly PlanUnitRef[]) =>
  JSON.stringify(a.map((u) => [u.id, u.role])) === JSON.stringify(b.map((u) => [u.id, u.role]))

export function planOps(y: { year: number; previewDays: number }, entries: readonly EntryRow[], events: readonly PlanEventRow[], timeZone: string): PlanOps {
  const byProposal = new Map(events.map((e) => [e.proposalId!, e]))
  const ops: PlanOps = { creates: [], updates: [], cancels: [], locked: [], count: 0 }
  const started = (e: PlanEventRow) => e.sessions.some((s) => s.status !== 'scheduled')
  const wanted = new Set<string>()
  for (const entry of entries) {
    const p = entry.proposal
    // Not publishable (blocking conflicts say why): its event, if any, is left as it is.
    if (!entry.startsAt || !entry.endsAt || p.status !== 'approved' || !p.form) {
      if (byProposal.has(p.id)) wanted.add(p.id)
      continue
    }
    wanted.add(p.id)
    const units = proposalUnits(p)
    const data: EventData = {
      year: y.year, month: zonedMonth(entry.startsAt, timeZone), theme: p.theme, form: p.form, startsAt: entry.startsAt, endsAt: entry.endsAt,
      previewDays: y.previewDays, units: units.map((u) => ({ unitId: u.id, role: u.role })),
    }
    const ev = byProposal.get(p.id)
    if (!ev) { ops.creates.push({ proposalId: p.id, data }); continue }
    const reopen = ev.status === 'cancelled'
    const changed = reopen || ev.theme !== data.theme || ev.form !== data.form || ev.startsAt.getTime() !== data.startsAt.getTime()
      || ev.endsAt.getTime() !== data.endsAt.getTime() || !sameUnits(eventUnits(ev), units)
    if (!changed) continue
    ops.updates.push({ eventId: ev.id, data, reopen })
    if (started(ev)) ops.locked.push(ev)
  }
  for (const ev of events) {
    if (wanted.has(ev.proposalId!) || ev.status === 'cancelled') continue
    ops.cancels.push(ev)
    if (started(ev)) ops.locked.push(ev)
  }
  ops.count = ops.creates.length + ops.updates.length + ops.cancels.length
  return ops
}

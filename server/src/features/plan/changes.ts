import type { PlanChangesDto, PlanSnapshotItem } from '@openday/protocol'

/**
 * What a published revision changed against the one before, by event: a theme that appears (or
 * is reopened) is added, one that disappears or is cancelled is removed, a new time is a move, a
 * new theme / form / host units is a change.
 */
export function planChanges(prev: readonly PlanSnapshotItem[], next: readonly PlanSnapshotItem[]): PlanChangesDto {
  const live = (s: readonly PlanSnapshotItem[]) => new Map(s.filter((i) => i.status === 'planned').map((i) => [i.eventId, i]))
  const before = live(prev)
  const after = live(next)
  const out: PlanChangesDto = { added: [], removed: [], moved: [], changed: [] }
  for (const [id, i] of after) {
    const was = before.get(id)
    if (!was) { out.added.push({ eventId: id, theme: i.theme }); continue }
    if (was.startsAt !== i.startsAt || was.endsAt !== i.endsAt) out.moved.push({ eventId: id, theme: i.theme, from: was.startsAt, to: i.startsAt })
    const units = (x: PlanSnapshotItem) => JSON.stringify(x.units.map((u) => [u.id, u.role]))
    if (was.theme !== i.theme || was.form !== i.form || units(was) !== units(i)) out.changed.push({ eventId: id, theme: i.theme })
  }
  for (const [id, i] of before) if (!after.has(id)) out.removed.push({ eventId: id, theme: i.theme })
  return out
}

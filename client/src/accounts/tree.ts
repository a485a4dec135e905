import type { AdminUnitDto } from '@openday/protocol'

type TreeUnit = Pick<AdminUnitDto, 'id' | 'parentId' | 'code' | 'active'>

/** Every unit below `id` (children, their children, …); a cycle in the data cannot loop. */
export function descendantsOf<U extends TreeUnit>(units: readonly U[], id: string): Set<string> {
  const below = new Set<string>()
  const queue = [id]
  while (queue.length) {
    const at = queue.shift()!
    for (const u of units) {
      if (u.parentId === at && !below.has(u.id) && u.id !== id) {
        below.add(u.id)
        queue.push(u.id)
      }
    }
  }
  return below
}

/**
 * The units that may become the parent of `id` (null: a new unit): active ones, never the unit
 * itself nor one inside it, which the server would refuse as a cycle. The current parent stays
 * listed even when deactivated, so the form shows what is there.
 */
export function parentChoices<U extends TreeUnit>(units: readonly U[], id: string | null, currentParentId: string | null = null): U[] {
  const below = id ? descendantsOf(units, id) : new Set<string>()
  return units.filter((u) => u.id !== id && !below.has(u.id) && (u.active || u.id === currentParentId))
}

/** Units in tree order (each parent followed by its children, by code), with their depth. */
export function asTree<U extends TreeUnit>(units: readonly U[]): { unit: U; depth: number }[] {
  const ids = new Set(units.map((u) => u.id))
  const byCode = [...units].sort((a, b) => a.code.localeCompare(b.code))
  const out: { unit: U; depth: number }[] = []
  const seen = new Set<string>()
  const visit = (u: U, depth: number) => {
    if (seen.has(u.id)) return
    seen.add(u.id)
    out.push({ unit: u, depth })
    for (const c of byCode) if (c.parentId === u.id) visit(c, depth + 1)
  }
  // Roots are units without a (known) parent; whatever a damaged cycle leaves unvisited comes last.
  for (const u of byCode) if (!u.parentId || !ids.has(u.parentId)) visit(u, 0)
  for (const u of byCode) visit(u, 0)
  return out
}

import type { AdminSessionDto, StaffPersonDto } from '@openday/protocol'

// The picker's list: who may still be added to a session, narrowed by what the admin types.

export interface PersonLabels {
  /** The account role in the reader's language ("审核员"). */
  role: (p: StaffPersonDto) => string
  /** The unit's name in the reader's language. */
  unit: (p: StaffPersonDto) => string
}

const norm = (s: string) => s.trim().toLowerCase()

/** Active accounts not yet on the session (a person holds one role per session: change it instead). */
export function addable(people: readonly StaffPersonDto[], session: AdminSessionDto): StaffPersonDto[] {
  const on = new Set(session.staff.map((s) => s.user.id))
  return people.filter((p) => !on.has(p.id))
}

/**
 * People matching every word typed, each word found in the name, username, unit or role (code or
 * label); names starting with the text come first.
 */
export function matchPeople(people: readonly StaffPersonDto[], query: string, labels: PersonLabels): StaffPersonDto[] {
  const words = norm(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...people]
  const fields = (p: StaffPersonDto) => [p.displayName, p.username, labels.unit(p), p.unit?.name ?? '', p.role, labels.role(p)].map(norm)
  const hits = people.filter((p) => {
    const f = fields(p)
    return words.every((w) => f.some((x) => x.includes(w)))
  })
  const first = words[0]!
  const starts = (p: StaffPersonDto) => norm(p.displayName).startsWith(first) || norm(p.username).startsWith(first)
  return [...hits.filter(starts), ...hits.filter((p) => !starts(p))]
}

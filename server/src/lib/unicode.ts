// One check at each edge (socket packets, JSON bodies) rather than in every schema: half of a
// surrogate pair can arrive in any string of any payload — a speaker's name, a poll option, a key —
// and a schema that forgot `text()` would store it (SQLite keeps it and exports break; PostgreSQL
// refuses the row mid-transaction). Well-formed text is what the rest of the code may assume.
import { isWellFormedText } from '@openday/protocol'

/** The path of the first string (value or key) that is not well-formed UTF-16, or null. */
export function findIllFormed(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path.join('.') || 'payload'
  // Deeper than any payload of ours: refused rather than walked (and rather than overflow the stack).
  if (depth > 32) return path.join('.') || 'payload'
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findIllFormed(value[i], [...path, String(i)], depth + 1)
      if (bad) return bad
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormedText(k)) return [...path, '(key)'].join('.')
      const bad = findIllFormed(v, [...path, k], depth + 1)
      if (bad) return bad
    }
  }
  return null
}

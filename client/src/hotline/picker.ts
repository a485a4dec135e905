// Picking a domain, an appeal type or a unit from the keyboard: the first nine options carry a
// number that picks them with one key; typing letters or characters narrows the list
// (type-ahead), and Enter takes the first match. Numbers stay with their option while filtering,
// so an operator's fingers learn them.

export interface PickItem {
  id: string
  label: string
  /** Other names that also match (English name, code). */
  alt?: readonly string[]
}

/** The option a number key picks ("1" -> the first), or null. */
export function pickByDigit<T extends PickItem>(items: readonly T[], key: string): T | null {
  if (!/^[1-9]$/.test(key)) return null
  return items[Number(key) - 1] ?? null
}

/** The number shown before an option (1–9), or null beyond nine. */
export function digitOf(index: number): string | null {
  return index >= 0 && index < 9 ? String(index + 1) : null
}

const norm = (s: string) => s.trim().toLowerCase()

/** Options matching the typed text: names starting with it first, then names containing it. */
export function filterItems<T extends PickItem>(items: readonly T[], query: string): T[] {
  const q = norm(query)
  if (!q) return [...items]
  const names = (i: T) => [i.label, ...(i.alt ?? [])].map(norm)
  const starts = items.filter((i) => names(i).some((n) => n.startsWith(q)))
  const contains = items.filter((i) => !starts.includes(i) && names(i).some((n) => n.includes(q)))
  return [...starts, ...contains]
}

/** The name in the reader's language (admin-given English names are optional). */
export function labelOf(item: { name: string; nameEn?: string | null }, lang: string): string {
  return lang.startsWith('en') && item.nameEn ? item.nameEn : item.name
}

// localStorage throws in some browsers (private mode, disabled storage, full quota). Losing a
// remembered nickname or vote is acceptable; crashing the live page is not, so every access is guarded.

export function readString(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null
  }
}

export function writeString(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    /* storage unavailable: keep working without memory */
  }
}

export function readJson<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  const raw = readString(key)
  if (raw === null) return fallback
  try {
    const parsed: unknown = JSON.parse(raw)
    return valid(parsed) ? parsed : fallback
  } catch {
    return fallback
  }
}

export function writeJson(key: string, value: unknown): void {
  writeString(key, JSON.stringify(value))
}

export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')

export const isStringArrayRecord = (v: unknown): v is Record<string, string[]> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isStringArray)

import { CITIZEN_TOKEN_RE } from '@openday/protocol'
import { readString, writeString } from './storage.ts'

const TOKEN_KEY = 'openday:citizenToken'

/**
 * The device's anonymous identity as the server issued it (POST /api/citizens/token): the server
 * ties rate limits, votes and "my questions" to it. null until one was issued; a stored value of
 * another shape (hand-edited, or a self-made token from before the server issued them) is ignored.
 */
export function storedCitizenToken(): string | null {
  const stored = readString(TOKEN_KEY)
  return stored && CITIZEN_TOKEN_RE.test(stored) ? stored : null
}

export function storeCitizenToken(token: string | null): void {
  writeString(TOKEN_KEY, token ?? '')
}

/**
 * Idempotency key for a command. crypto.randomUUID only exists in secure contexts (https or
 * localhost); a city intranet may serve plain http, so fall back to a v4 UUID from getRandomValues.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

import { readString, writeString } from './storage.ts'

const TOKEN_KEY = 'openday:citizenToken'
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/

export function base64url(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** 32 random bytes, base64url: 43 characters, as the protocol's CitizenToken requires. */
export function makeCitizenToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * The device's anonymous identity, made once and kept: the server ties rate limits, votes and
 * "my questions" to it. A malformed stored value (hand-edited, older format) is replaced.
 */
export function getCitizenToken(): string {
  const stored = readString(TOKEN_KEY)
  if (stored && TOKEN_RE.test(stored)) return stored
  const token = makeCitizenToken()
  writeString(TOKEN_KEY, token)
  return token
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

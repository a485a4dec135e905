import { CITIZEN_TOKEN_RE } from '@openday/protocol'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const SIG_BYTES = 16

/**
 * Citizens' device tokens are made and signed here (HMAC-SHA256 under a key derived from the data
 * key, truncated to 128 bits): a device proves it was issued its token, so a client inventing a
 * fresh token per socket is refused instead of being counted as a new device each time.
 */
export function createTokenSigner(key: Buffer) {
  const sign = (body: string) => createHmac('sha256', key).update(body, 'utf8').digest().subarray(0, SIG_BYTES)
  return {
    issue(): string {
      const body = randomBytes(32).toString('base64url')
      return `${body}.${sign(body).toString('base64url')}`
    },
    /** Whether the token is well-formed and signed by this key. */
    verify(token: string): boolean {
      if (!CITIZEN_TOKEN_RE.test(token)) return false
      const [body, sig] = token.split('.') as [string, string]
      const given = Buffer.from(sig, 'base64url')
      return given.length === SIG_BYTES && timingSafeEqual(given, sign(body))
    },
  }
}
export type TokenSigner = ReturnType<typeof createTokenSigner>

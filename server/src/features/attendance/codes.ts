import { createHmac, timingSafeEqual } from 'node:crypto'

// The token in an invitation's QR code: the invitee's id and an HMAC over the id, its event and a
// nonce kept on the invitee. Nothing to look up a forged code by; a code of another event fails
// its check against that event; issuing a new nonce makes every earlier code of the person worthless.

const SIG_CHARS = 22 // 16 bytes of HMAC-SHA256, base64url

export interface CodeSubject { id: string; eventId: string; codeNonce: string }

export function createCodeSigner(key: Buffer) {
  const mac = (s: CodeSubject) => createHmac('sha256', key).update(JSON.stringify([s.id, s.eventId, s.codeNonce])).digest('base64url').slice(0, SIG_CHARS)
  return {
    sign: (s: CodeSubject): string => `${s.id}.${mac(s)}`,
    /** The invitee id a token names, if it has the shape of one (its signature is checked by `verify`). */
    idOf(token: string): string | null {
      const m = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{22})$/.exec(token.trim())
      return m ? m[1]! : null
    },
    verify(token: string, s: CodeSubject): boolean {
      const sig = token.trim().split('.')[1] ?? ''
      const want = Buffer.from(mac(s))
      const got = Buffer.from(sig)
      return got.length === want.length && timingSafeEqual(got, want)
    },
  }
}
export type CodeSigner = ReturnType<typeof createCodeSigner>

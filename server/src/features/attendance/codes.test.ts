import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createCodeSigner } from './codes.ts'

describe('invitation codes', () => {
  const signer = createCodeSigner(randomBytes(32))
  const who = { id: 'inv1', eventId: 'ev1', codeNonce: 'n1' }
  it('verify what they signed, and nothing else', () => {
    const t = signer.sign(who)
    expect(signer.idOf(t)).toBe('inv1')
    expect(signer.verify(t, who)).toBe(true)
    // Another event, a new nonce (a reissued invitation), another key, a changed signature: refused.
    expect(signer.verify(t, { ...who, eventId: 'ev2' })).toBe(false)
    expect(signer.verify(t, { ...who, codeNonce: 'n2' })).toBe(false)
    expect(createCodeSigner(randomBytes(32)).verify(t, who)).toBe(false)
    expect(signer.verify(`${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`, who)).toBe(false)
  })
  it('reject what is not shaped like a code', () => {
    for (const bad of ['', 'inv1', 'inv1.short', 'in v1.aaaaaaaaaaaaaaaaaaaaaa', `${'x'.repeat(65)}.aaaaaaaaaaaaaaaaaaaaaa`]) expect(signer.idOf(bad)).toBeNull()
    expect(signer.verify('inv1.', who)).toBe(false)
  })
})

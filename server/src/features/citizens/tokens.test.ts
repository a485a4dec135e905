import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createTokenSigner } from './tokens.ts'

describe('citizen token signer', () => {
  const signer = createTokenSigner(randomBytes(32))

  it('verifies what it issued, each token different', () => {
    const a = signer.issue()
    const b = signer.issue()
    expect(a).not.toBe(b)
    expect(signer.verify(a)).toBe(true)
    expect(signer.verify(b)).toBe(true)
  })

  it('refuses invented, altered, other-key and old-format tokens', () => {
    const t = signer.issue()
    const [body, sig] = t.split('.') as [string, string]
    const invented = `${randomBytes(32).toString('base64url')}.${randomBytes(16).toString('base64url')}`
    const flipped = `${body}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`
    const otherBody = `${randomBytes(32).toString('base64url')}.${sig}`
    expect(signer.verify(invented)).toBe(false)
    expect(signer.verify(flipped)).toBe(false)
    expect(signer.verify(otherBody)).toBe(false)
    expect(createTokenSigner(randomBytes(32)).verify(t)).toBe(false)
    // The format before server-issued tokens: 32 random bytes alone.
    expect(signer.verify(randomBytes(32).toString('base64url'))).toBe(false)
    expect(signer.verify(`${t}x`)).toBe(false)
  })
})

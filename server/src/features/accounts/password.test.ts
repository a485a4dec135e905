import { describe, expect, it } from 'vitest'
import { OTP_ALPHABET, oneTimePassword } from './password.ts'

describe('one-time passwords', () => {
  it('are four groups of four from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) expect(oneTimePassword()).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/)
    expect(OTP_ALPHABET).not.toMatch(/[01OIL]/)
    expect(new Set(OTP_ALPHABET).size).toBe(OTP_ALPHABET.length)
  })

  it('do not repeat and use every symbol about equally often', () => {
    const n = 5000
    const all = Array.from({ length: n }, oneTimePassword)
    expect(new Set(all).size).toBe(n)
    const counts = new Map<string, number>()
    for (const p of all) for (const c of p.replaceAll('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(OTP_ALPHABET.length)
    const expected = (n * 16) / OTP_ALPHABET.length
    // ~2580 each; a bias (e.g. a modulo of a byte) would push some symbols far outside ±15 %.
    for (const [, c] of counts) expect(Math.abs(c - expected) / expected).toBeLessThan(0.15)
  })
})

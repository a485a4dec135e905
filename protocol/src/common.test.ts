import { describe, expect, it } from 'vitest'
import { CitizenToken, text } from './common.ts'

describe('text', () => {
  const t = text(1, 50)
  it('takes any well-formed text, astral characters included', () => {
    expect(t.parse('问答 😀 𠮷野家')).toBe('问答 😀 𠮷野家')
  })
  it('refuses lone surrogates, either half, anywhere', () => {
    for (const s of ['\uD83D', 'a\uDE00', 'x\uD83Dy', '\uDE00\uD83D']) expect(t.safeParse(s).success).toBe(false)
  })
})

describe('citizen tokens', () => {
  it('are 32 bytes and a 16-byte signature, base64url, joined by a dot', () => {
    expect(CitizenToken.safeParse(`${'A'.repeat(43)}.${'b'.repeat(22)}`).success).toBe(true)
    expect(CitizenToken.safeParse('A'.repeat(43)).success).toBe(false)
    expect(CitizenToken.safeParse(`${'A'.repeat(43)}.${'b'.repeat(21)}`).success).toBe(false)
  })
})

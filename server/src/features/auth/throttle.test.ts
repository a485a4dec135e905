import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './throttle.ts'

const refused = (t: LoginThrottle, who: string, at: number) => {
  try { t.check(who, at); return false } catch { return true }
}

describe('login throttle per account', () => {
  it('lets the first failures through, then makes each try wait twice as long, capped', () => {
    const t = new LoginThrottle(3, 60)
    for (let i = 0; i < 3; i++) { expect(refused(t, 'host', 0)).toBe(false); t.failed('host', 0) }
    // 3 failures: wait 1 s.
    expect(refused(t, 'host', 500)).toBe(true)
    expect(refused(t, 'host', 1000)).toBe(false)
    t.failed('host', 1000)
    expect(refused(t, 'host', 2500)).toBe(true) // 2 s now
    expect(refused(t, 'host', 3000)).toBe(false)
    for (let i = 0; i < 20; i++) t.failed('host', 3000)
    expect(refused(t, 'host', 3000 + 59_000)).toBe(true)
    expect(refused(t, 'host', 3000 + 60_000)).toBe(false) // capped at 60 s
    // Other accounts are not affected.
    expect(refused(t, 'guest', 3000)).toBe(false)
  })

  it('a success clears the count; a failure long after starts afresh', () => {
    const t = new LoginThrottle(1, 10)
    t.failed('a', 0); t.failed('a', 0)
    expect(refused(t, 'a', 100)).toBe(true)
    t.succeeded('a')
    expect(refused(t, 'a', 100)).toBe(false)
    t.failed('b', 0); t.failed('b', 0); t.failed('b', 0)
    t.failed('b', 100_000)
    expect(refused(t, 'b', 100_000)).toBe(true) // one over free: 1 s
    expect(refused(t, 'b', 101_000)).toBe(false)
  })
})

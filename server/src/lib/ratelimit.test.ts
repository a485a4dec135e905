import { describe, expect, it } from 'vitest'
import { AppError } from './errors.ts'
import { KeyedLimiter } from './ratelimit.ts'

const refused = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('KeyedLimiter', () => {
  it('spends as many points as asked, and a request that does not fit is refused whole, spending nothing', async () => {
    const l = new KeyedLimiter(10, 60, 'rows')
    await l.consume('admin', 4)
    await l.consume('admin', 5)
    expect((await refused(l.consume('admin', 2))).code).toBe('RATE_LIMITED')
    // The refused 2 were given back: exactly the 1 point left is still there.
    await l.consume('admin', 1)
    expect((await refused(l.consume('admin'))).code).toBe('RATE_LIMITED')
    // Per key.
    await l.consume('other', 10)
  })

  it('refuses more than the whole allowance at once with a message that says so', async () => {
    const l = new KeyedLimiter(10, 60, 'rows')
    const err = await refused(l.consume('admin', 11))
    expect(err.code).toBe('RATE_LIMITED')
    expect(err.message).toMatch(/11 .*more than the 10 allowed per 60 s/)
    await l.consume('admin', 10)
  })

  it('spends nothing for nothing', async () => {
    const l = new KeyedLimiter(1, 60, 'rows')
    await l.consume('admin', 0)
    await l.consume('admin', 1)
  })
})

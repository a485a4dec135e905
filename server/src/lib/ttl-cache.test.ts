import { describe, expect, it } from 'vitest'
import { TtlCache } from './ttl-cache.ts'

describe('TtlCache', () => {
  it('serves a value for ttlMs, then loads again', async () => {
    const c = new TtlCache<number>(100)
    let loads = 0
    const load = async () => ++loads
    expect(await c.get('k', load, 0)).toBe(1)
    expect(await c.get('k', load, 99)).toBe(1)
    expect(await c.get('k', load, 100)).toBe(2)
    c.clear()
    expect(await c.get('k', load, 101)).toBe(3)
  })

  it('shares one load between callers, keeps no failure, and caches nothing with ttl 0', async () => {
    const c = new TtlCache<number>(1000)
    let loads = 0
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10))
    expect(await Promise.all([c.get('k', slow, 0), c.get('k', slow, 1)])).toEqual([1, 1])
    await expect(c.get('bad', () => Promise.reject(new Error('x')), 0)).rejects.toThrow('x')
    expect(await c.get('bad', async () => 7, 1)).toBe(7)
    const none = new TtlCache<number>(0)
    expect(await none.get('k', async () => ++loads, 0)).toBe(2)
    expect(await none.get('k', async () => ++loads, 0)).toBe(3)
  })

  it('holds at most max entries, dropping the oldest', async () => {
    const c = new TtlCache<string>(1000, 2)
    for (const k of ['a', 'b', 'c']) await c.get(k, async () => k, 0)
    expect(await c.get('a', async () => 'again', 1)).toBe('again')
    expect(await c.get('c', async () => 'again', 1)).toBe('c')
  })
})

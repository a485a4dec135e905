import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOTLINE_SESSION as S } from '../src/seed/demo.ts'
import { client, type Harness, login, ok, send, startServer } from './harness.ts'
import { addStaff, callPayload, type Refs, refs } from './hotline-helpers.ts'

// Its own server: the burst spends a good part of each operator's per-minute allowance of calls.
let h: Harness
let r: Refs
const cookies: Record<string, string> = {}
const codeOf = (res: { ok: boolean; code?: string }) => (res.ok ? 'ok' : res.code)
const callCount = () => h.app.db.hotlineCall.count()
const as = (username: string) => client(h.url, { cookie: cookies[username]! })

beforeAll(async () => {
  h = await startServer()
  await addStaff(h, 'operator2', 'operator', 'rx', { sessionId: S, role: 'operator' })
  for (const u of ['operator', 'operator2']) cookies[u] = await login(h.url, u)
  r = await refs(h, cookies.operator!)
})
afterAll(async () => { await h?.close() })

describe('a burst of calls on a hotline day', () => {
  it('twenty calls saved at the same moment (written together) are each stored once, in order; a refused one among them leaves nothing', async () => {
    const one = await as('operator'), two = await as('operator2')
    const before = await callCount()
    const phone = '13600009999'
    const sends = Array.from({ length: 20 }, (_, i) => send(i % 2 ? two : one, 'call:log', callPayload(r, { phone, content: `同时保存的第${i}通` })))
    // In the middle of the burst: a handed-off call to a unit that does not exist.
    const refused = send(one, 'call:log', callPayload(r, { phone, disposition: 'handed_off', reply: undefined, unitId: 'no-such-unit' }))
    const calls = (await Promise.all(sends)).map((res) => ok(res))
    expect(codeOf(await refused)).toBe('BAD_REQUEST')
    expect(new Set(calls.map((c) => c.id)).size).toBe(20)
    expect(await callCount()).toBe(before + 20)
    // Each call counted the ones committed before it: the repeat counts are 0..19, one each.
    expect(calls.map((c) => c.repeatCount).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    const events = await h.app.db.sessionEvent.findMany({ where: { sessionId: S, type: 'call:logged' } })
    expect(events.filter((e) => calls.some((c) => e.payload.includes(c.id)))).toHaveLength(20)
    one.close(); two.close()
  })

})

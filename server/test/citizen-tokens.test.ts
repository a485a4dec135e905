import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, type Harness, ok, send, staff, startServer } from './harness.ts'

// Limits per device only hold if devices cannot be made up (issue 10, item 4).

let h: Harness
beforeAll(async () => { h = await startServer({ RATE_TOKENS_PER_IP: '5', TRUST_PROXY: '127.0.0.1' }) })
afterAll(async () => { await h?.close() })

const issue = (xff: string) => fetch(`${h.url}/api/citizens/token`, { method: 'POST', headers: { 'x-openday-csrf': '1', 'x-forwarded-for': xff } })
const invented = () => randomBytes(32).toString('base64url')
const forged = () => `${randomBytes(32).toString('base64url')}.${randomBytes(16).toString('base64url')}`

describe('server-issued citizen tokens', () => {
  it('200 invented tokens cannot push one question\'s count to 200 (nor to 1)', async () => {
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '请问公交线路会调整吗' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => client(h.url, { citizenToken: i % 2 ? invented() : forged() })))
    expect(results.every((r) => r.status === 'rejected' && /CITIZEN_TOKEN_INVALID/.test(String(r.reason)))).toBe(true)
    // Without a token a socket may watch but not vote.
    const anonymous = await client(h.url)
    expect((await send(anonymous, 'question:upvote', { questionId: q.id })) as { code?: string }).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect((await h.app.db.question.findUniqueOrThrow({ where: { id: q.id } })).upvotes).toBe(0)
    for (const s of [asker, mod, anonymous]) s.close()
  })

  it('issuance is limited per address, and an IPv6 client by its /64', async () => {
    const got = []
    for (let i = 0; i < 6; i++) got.push((await issue('203.0.113.5')).status)
    expect(got).toEqual([200, 200, 200, 200, 200, 429])
    // Rotating addresses inside one /64 does not help; another /64 is another subscriber.
    const v6 = []
    for (let i = 1; i <= 6; i++) v6.push((await issue(`2001:db8:1:2::${i.toString(16)}`)).status)
    expect(v6).toEqual([200, 200, 200, 200, 200, 429])
    expect((await issue('2001:db8:1:3::1')).status).toBe(200)
    const refused = await issue('203.0.113.5')
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
  })

  it('an issued token is one device: its vote counts once, and the limits per device apply to it', async () => {
    const token = ((await (await issue('198.51.100.20')).json()) as { token: string }).token
    const asker = await client(h.url, { citizenToken: token })
    const mod = await staff(h.url, 'moderator')
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '第二个问题' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    const again = await client(h.url, { citizenToken: token })
    expect(ok(await send(asker, 'question:upvote', { questionId: q.id })).upvotes).toBe(1)
    expect(ok(await send(again, 'question:upvote', { questionId: q.id })).upvotes).toBe(1)
    // 5 questions per device per minute, whichever socket of the device sends them (1 sent above).
    const sent = []
    for (let i = 0; i < 5; i++) sent.push((await send(i % 2 ? asker : again, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: `问题 ${i}` })).ok)
    expect(sent).toEqual([true, true, true, true, false])
    expect((await h.app.db.question.findUniqueOrThrow({ where: { id: q.id } })).upvotes).toBe(1)
    for (const s of [asker, mod, again]) s.close()
  })

  it('a token needs the CSRF header (another site\'s page cannot mint them in a visitor\'s browser)', async () => {
    const res = await fetch(`${h.url}/api/citizens/token`, { method: 'POST' })
    expect(res.status).toBe(403)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, type Client, clientId, type Harness, login, ok, send, startServer } from './harness.ts'

// A staff login is checked for every command, not just at the handshake (issue 10, item 1), and
// guessing passwords is slowed per account and per address that only trusted proxies may name (item 9).

let h: Harness
beforeAll(async () => { h = await startServer({ AUTH_SWEEP_SECONDS: '0.2', LOGIN_FAILURES_PER_ACCOUNT: '3' }) })
afterAll(async () => { await h?.close() })

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)
const closed = (s: Client) => new Promise<string>((resolve) => { if (!s.connected) resolve('closed'); s.once('disconnect', (reason) => resolve(reason)) })
const within = <T>(p: Promise<T>, ms = 3000) => Promise.race([p, new Promise<never>((_r, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))])

async function pendingQuestion(): Promise<string> {
  const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
  const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: '一个待审核的问题' }))
  c.close()
  return q.id
}

async function moderatorTabs(n: number): Promise<{ cookie: string; tabs: Client[] }> {
  const cookie = await login(h.url, 'moderator')
  const tabs = await Promise.all(Array.from({ length: n }, () => client(h.url, { cookie })))
  for (const t of tabs) expect(ok(await send(t, 'session:join', { sessionId: S })).staff).toBe(true)
  return { cookie, tabs }
}


describe('revoked logins end their sockets', () => {
  it('logout closes every tab of that login at once; the cookie no longer makes staff', async () => {
    const { cookie, tabs } = await moderatorTabs(2)
    const ends = tabs.map(closed)
    const res = await fetch(`${h.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-openday-csrf': '1' } })
    expect(res.ok).toBe(true)
    expect(await within(Promise.all(ends))).toEqual(['io server disconnect', 'io server disconnect'])
    const again = await client(h.url, { cookie })
    const id = await pendingQuestion()
    expect(code(await send(again, 'question:approve', { questionId: id }))).toBe('UNAUTHENTICATED')
    expect(ok(await send(again, 'session:join', { sessionId: S })).staff).toBe(false)
    expect((await h.app.db.question.findUnique({ where: { id } }))?.status).toBe('pending')
    again.close()
  })

  it('a disabled account, an expired and an idle login are refused at the next command and closed', async () => {
    // A server whose sweep never runs in the test: only the check of the command itself can refuse.
    const slow = await startServer({ AUTH_SWEEP_SECONDS: '3600' })
    const cases: [string, (userId: string) => Promise<unknown>][] = [
      ['disabled', (userId) => slow.app.db.user.update({ where: { id: userId }, data: { active: false } })],
      ['expired', (userId) => slow.app.db.authSession.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } })],
      ['idle', (userId) => slow.app.db.authSession.updateMany({ where: { userId }, data: { lastSeenAt: new Date(Date.now() - 121 * 60_000) } })],
    ]
    try {
      const mod = await slow.app.db.user.findUniqueOrThrow({ where: { username: 'moderator' } })
      const asker = await client(slow.url, { citizenToken: await citizenToken(slow.url) })
      for (const [what, end] of cases) {
        const tab = await client(slow.url, { cookie: await login(slow.url, 'moderator') })
        expect(ok(await send(tab, 'session:join', { sessionId: S })).staff).toBe(true)
        const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'n', body: `待审核的问题 ${what}` }))
        const end$ = closed(tab)
        await end(mod.id)
        expect([what, code(await send(tab, 'question:approve', { questionId: q.id }))]).toEqual([what, 'UNAUTHENTICATED'])
        expect(await within(end$)).toBe('io server disconnect')
        expect((await slow.app.db.question.findUnique({ where: { id: q.id } }))?.status).toBe('pending')
        await slow.app.db.user.update({ where: { id: mod.id }, data: { active: true } })
      }
      asker.close()
    } finally {
      await slow.close()
    }
  })

  it('the sweep closes an idle socket whose login expired without any command', async () => {
    const { cookie, tabs: [tab] } = await moderatorTabs(1)
    const end$ = closed(tab!)
    await h.app.db.authSession.updateMany({ where: { user: { username: 'moderator' } }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await within(end$)).toBe('io server disconnect')
    const me = await fetch(`${h.url}/api/auth/me`, { headers: { cookie } })
    expect(me.status).toBe(401)
  })

  it('a socket closes when its login reaches its absolute expiry, without waiting for a sweep or a command', async () => {
    const short = await startServer({ SESSION_TTL_HOURS: String(1.5 / 3600), AUTH_SWEEP_SECONDS: '3600' })
    try {
      const tab = await client(short.url, { cookie: await login(short.url, 'moderator') })
      const started = Date.now()
      expect(await within(closed(tab), 5000)).toBe('io server disconnect')
      expect(Date.now() - started).toBeGreaterThan(500)
    } finally {
      await short.close()
    }
  })

  it('revoking a user (disable, password reset) closes all their logins on every tab', async () => {
    const a = await moderatorTabs(1)
    const b = await moderatorTabs(1)
    const ends = [...a.tabs, ...b.tabs].map(closed)
    const mod = await h.app.db.user.findUniqueOrThrow({ where: { username: 'moderator' } })
    await h.app.auth.revokeUser(mod.id)
    expect(await within(Promise.all(ends))).toEqual(['io server disconnect', 'io server disconnect'])
    expect(await h.app.db.authSession.count({ where: { userId: mod.id } })).toBe(0)
  })

  it('every staff command keeps a login alive (idle timeout counts from the last one)', async () => {
    const { tabs: [tab] } = await moderatorTabs(1)
    const mod = await h.app.db.user.findUniqueOrThrow({ where: { username: 'moderator' } })
    // Last seen 119 minutes ago, within the 120-minute idle timeout: a command is fine and renews it.
    await h.app.db.authSession.updateMany({ where: { userId: mod.id }, data: { lastSeenAt: new Date(Date.now() - 119 * 60_000) } })
    ok(await send(tab!, 'session:join', { sessionId: S }))
    const row = await h.app.db.authSession.findFirstOrThrow({ where: { userId: mod.id }, orderBy: { createdAt: 'desc' } })
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(60_000)
    tab!.close()
  })
})

describe('login limits', () => {
  const attempt = (password: string, xff?: string, url = h.url) => fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openday-csrf': '1', ...(xff ? { 'x-forwarded-for': xff } : {}) },
    body: JSON.stringify({ username: 'guest', password }),
  })

  it('failures of one account make the next tries wait, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('wrong')).status).toBe(401)
    const refused = await attempt('guest-demo')
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
    await new Promise((r) => setTimeout(r, 1100))
    expect((await attempt('guest-demo')).status).toBe(200)
  })

  it('a forged X-Forwarded-For does not escape the per-address limit unless it comes from a trusted proxy', async () => {
    const direct = await startServer({ LOGIN_ATTEMPTS_PER_IP: '3', LOGIN_FAILURES_PER_ACCOUNT: '1000' })
    const proxied = await startServer({ LOGIN_ATTEMPTS_PER_IP: '3', LOGIN_FAILURES_PER_ACCOUNT: '1000', TRUST_PROXY: '127.0.0.1' })
    try {
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await attempt('wrong', `198.51.100.${i}`, direct.url)).status)
      expect(statuses).toEqual([401, 401, 401, 429, 429])
      // Behind a configured proxy the forwarded address is the client's: each is counted on its own.
      const viaProxy = []
      for (let i = 0; i < 5; i++) viaProxy.push((await attempt('wrong', `198.51.100.${i}`, proxied.url)).status)
      expect(viaProxy).toEqual([401, 401, 401, 401, 401])
    } finally {
      await direct.close()
      await proxied.close()
    }
  })

  it('a hop count for TRUST_PROXY is refused with a message naming the fix', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY: "1" is a hop count/)
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/not an IP address/)
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, loopback' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback'])
    expect(loadConfig({}).TRUST_PROXY).toEqual([])
  })
})

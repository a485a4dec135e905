import type { AuditActorDto, AuditEntryDto, AuditPageDto, CallStaffDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION, DEMO_USERS, demoPassword } from '../src/seed/demo.ts'
import { type Harness, login, startServer } from './harness.ts'
import { api, type Api, errCode } from './hotline-helpers.ts'

// The admin's audit log viewer: the admin's alone, paged newest first with a cursor, filtered by
// actor, action prefix, target and Beijing days. The whole file (server included: it runs in this
// process) runs in New York time, so a day judged in the machine's zone instead of the office's
// would fall on the wrong side of midnight.
const tzBefore = process.env.TZ
process.env.TZ = 'America/New_York'

let h: Harness
let a: Api
const cookies: Record<string, string> = {}
const STAFF = ['editor', 'host', 'guest', 'moderator', 'operator'] as const
const T = 'audit_test'

const page = (q: Record<string, string | number>, cookie = cookies.admin) =>
  a.json<AuditPageDto>(a.get(`/api/admin/audit?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`, cookie))

/** Every entry of a filter, following the cursor page by page. */
async function all(q: Record<string, string | number>, size = 100): Promise<{ items: AuditEntryDto[]; pages: number }> {
  const items: AuditEntryDto[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const p: AuditPageDto = await page({ ...q, size, ...(cursor ? { cursor } : {}) })
    items.push(...p.items)
    cursor = p.nextCursor
    pages++
  } while (cursor)
  return { items, pages }
}

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  for (const u of ['admin', ...STAFF]) cookies[u] = await login(h.url, u)
})
afterAll(async () => {
  await h?.close()
  if (tzBefore === undefined) delete process.env.TZ
  else process.env.TZ = tzBefore
})

describe('the audit log', () => {
  it('runs here in New York time', () => {
    expect(new Date('2026-05-01T12:00:00Z').getTimezoneOffset()).toBe(240)
  })

  it('is the admin\'s only: anonymous and every other role are refused, and nothing is written', async () => {
    const before = await h.app.db.auditLog.count()
    for (const p of ['/api/admin/audit', '/api/admin/audit?size=1', '/api/admin/audit/actors']) {
      expect(await errCode(a.get(p)), p).toBe('UNAUTHENTICATED')
      for (const u of STAFF) expect(await errCode(a.get(p, cookies[u])), `${p} ${u}`).toBe('FORBIDDEN')
    }
    // A wrong query from someone else is refused for who they are, not for the query.
    expect(await errCode(a.get('/api/admin/audit?size=0', cookies.moderator))).toBe('FORBIDDEN')
    expect(await h.app.db.auditLog.count()).toBe(before)
  })

  it('refuses malformed and hostile queries with BAD_REQUEST', async () => {
    const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    for (const q of [
      'size=0', 'size=101', 'size=ten', 'size=1.5', 'cursor=%21%21', `cursor=${'a'.repeat(201)}`, 'cursor=bm90LWpzb24', `cursor=${cursorOf(['not a date', 'x'])}`,
      `cursor=${cursorOf({ at: 1 })}`, 'from=2026-02-30', 'from=2026-5-1', 'to=20260501', 'from=2026-05-02&to=2026-05-01',
      'actorId=a%20b', 'actorId=x&actorId=y', 'action=auth%25', `action=${'a'.repeat(65)}`, 'targetType=a-b', 'targetId=%01x', 'targetId=', 'foo=1', '__proto__=x',
    ]) {
      expect(await errCode(a.get(`/api/admin/audit?${q}`, cookies.admin)), q).toBe('BAD_REQUEST')
    }
  })

  it('pages newest first: every entry exactly once, ties on the time ordered by id', async () => {
    const db = h.app.db
    const base = Date.UTC(2030, 0, 1)
    const times = [0, 1000, 1000, 1000, 2000, 3000, 3000].map((d) => new Date(base + d))
    for (const [i, at] of times.entries()) await db.auditLog.create({ data: { at, actorRole: 'admin', action: 'test.paging', targetType: T, targetId: `p${i}` } })
    const expected = (await db.auditLog.findMany({ where: { targetType: T, action: 'test.paging' } }))
      .sort((x, y) => y.at.getTime() - x.at.getTime() || (x.id < y.id ? 1 : -1)).map((r) => r.id)
    const { items, pages } = await all({ targetType: T, action: 'test.paging' }, 3)
    expect(pages).toBe(3)
    expect(items.map((i) => i.id)).toEqual(expected)
    const first = await page({ targetType: T, action: 'test.paging', size: 7 })
    expect(first.items).toHaveLength(7)
    expect(first.nextCursor).toBeNull()
    // The newest of the whole log comes first by default.
    const newest = await page({ size: 1 })
    expect(newest.items[0]!.targetType).toBe(T)
    expect(newest.nextCursor).not.toBeNull()
  })

  it('judges a date range in Beijing days, whatever the server\'s zone', async () => {
    const db = h.app.db
    // 2026-05-01 23:59:59.999 and 2026-05-02 00:00 in Beijing, and the same around the next midnight.
    const at = ['2026-05-01T15:59:59.999Z', '2026-05-01T16:00:00.000Z', '2026-05-02T15:59:59.999Z', '2026-05-02T16:00:00.000Z']
    for (const [i, t] of at.entries()) await db.auditLog.create({ data: { at: new Date(t), actorRole: 'admin', action: 'test.day', targetType: T, targetId: `d${i}` } })
    const ids = async (q: Record<string, string>) => (await all({ action: 'test.day', ...q })).items.map((i) => i.targetId).sort()
    expect(await ids({ from: '2026-05-02', to: '2026-05-02' })).toEqual(['d1', 'd2'])
    expect(await ids({ to: '2026-05-01' })).toEqual(['d0'])
    expect(await ids({ from: '2026-05-03' })).toEqual(['d3'])
    expect(await ids({ from: '2026-05-01', to: '2026-05-03' })).toEqual(['d0', 'd1', 'd2', 'd3'])
    expect(await ids({ from: '2026-04-30', to: '2026-04-30' })).toEqual([])
  })

  it('filters by actor, action prefix and target, each entry with the actor\'s name and role', async () => {
    const db = h.app.db
    const moderator = await db.user.findUniqueOrThrow({ where: { username: 'moderator' } })
    const byActor = await all({ actorId: moderator.id })
    expect(byActor.items.length).toBeGreaterThan(0)
    expect(byActor.items.every((i) => i.actor?.id === moderator.id)).toBe(true)
    expect(byActor.items[0]!.actor).toEqual({ id: moderator.id, username: 'moderator', displayName: '审核员 陈静', role: 'moderator' })
    expect(byActor.items.map((i) => i.action)).toContain('question.approve')

    // A change made through the admin's screens, found by its prefix and its target.
    const res = await a.put(`/api/admin/sessions/${DEMO_LIVE_SESSION}/staff/${(await db.user.findUniqueOrThrow({ where: { username: 'editor' } })).id}`, cookies.admin, { role: 'guest' })
    expect(res.status).toBe(200)
    const assignments = (await all({ action: 'assignment.' })).items
    expect(assignments).toHaveLength(1)
    expect(assignments[0]).toMatchObject({ action: 'assignment.add', actorRole: 'admin', actor: { username: 'admin', displayName: '市政务公开办 管理员' }, targetType: 'session', targetId: DEMO_LIVE_SESSION, detail: { username: 'editor', role: 'guest' } })
    expect((await all({ targetType: 'session', targetId: DEMO_LIVE_SESSION })).items.map((i) => i.action)).toEqual(expect.arrayContaining(['assignment.add', 'session.start']))
    // A prefix is a prefix: "auth.login" finds logins and failed logins; "_" is no wildcard; case does not matter.
    await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openday-csrf': '1' }, body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }) })
    const logins = (await all({ action: 'Auth.Login' })).items
    expect(new Set(logins.map((i) => i.action))).toEqual(new Set(['auth.login', 'auth.login_failed']))
    // A name that is no account is not kept (it may be a password typed in the wrong field).
    expect(logins.find((i) => i.action === 'auth.login_failed')).toMatchObject({ actor: null, actorRole: 'anonymous', targetId: 'unknown' })
    expect(JSON.stringify(logins)).not.toContain('nobody')
    expect((await all({ action: 'auth.login_' })).items.every((i) => i.action === 'auth.login_failed')).toBe(true)
    expect((await all({ action: 'test_day' })).items).toEqual([])

    const actors = await a.json<AuditActorDto[]>(a.get('/api/admin/audit/actors', cookies.admin))
    expect(actors.map((x) => x.username)).toEqual(expect.arrayContaining(['admin', 'host', 'moderator', 'operator', 'guest']))
    expect(actors.find((x) => x.username === 'operator')).toMatchObject({ displayName: '话务员 赵敏', role: 'operator' })
  })

  it('shows which call a number was revealed for, never the number, and never a password', async () => {
    const calls = await a.json<CallStaffDto[]>(a.get(`/api/hotline/sessions/${DEMO_HOTLINE_SESSION}/calls`, cookies.admin))
    const call = calls.find((c) => c.phoneMasked.startsWith('138'))!
    const revealed = await a.json<{ phone: string }>(a.post(`/api/hotline/calls/${call.id}/reveal`, cookies.admin, {}))
    expect(revealed.phone).toBe('13812345678')
    const reveals = (await all({ action: 'call.reveal' })).items
    expect(reveals).toHaveLength(1)
    expect(reveals[0]).toMatchObject({ targetType: 'hotline_call', targetId: call.id, detail: { sessionId: DEMO_HOTLINE_SESSION }, actor: { username: 'admin' } })
    const everything = JSON.stringify((await all({})).items)
    for (const secret of ['13812345678', '8533171', '13900001111', '张伟', '李秀英', 'wrong-password', ...DEMO_USERS.map((u) => demoPassword(u.username))]) {
      expect(everything.includes(secret), secret).toBe(false)
    }
  })
})

import type { AdminSessionDto, StaffAssignmentsChanged, StaffPersonDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../src/features/auth/service.ts'
import { rooms } from '../src/features/live/hub.ts'
import { DEMO_ARCHIVED_SESSION } from '../src/seed/demo.ts'
import type { TypedSocket } from '../src/socket/types.ts'
import { citizenToken, client, type Client, clientId, frames, type Harness, hasEvent, login, ok, send, startServer } from './harness.ts'
import { api, type Api, errCode } from './hotline-helpers.ts'

// The admin staffs sessions (issue 11, administration): every route is the admin's alone, bodies
// are checked, the rules hold (kinds, disabled accounts, archived sessions), every change is
// audited with it, and a change reaches the person's open sockets at once, without a reload.

let h: Harness
let a: Api
const cookies: Record<string, string> = {}
const EVENT = 'as-event'
const LIVE = 'as-live' // a published, live text interview without a moderator
const HOTLINE = 'as-hotline'
const HIDDEN = 'as-hidden' // a session of a planned (unpublished) event
const ids: Record<string, string> = {}
const STAFF = ['host', 'guest', 'moderator', 'operator', 'editor'] as const

const path = (sessionId: string, userId: string) => `/api/admin/sessions/${sessionId}/staff/${userId}`
const assign = (sessionId: string, userId: string, role: string, cookie: string | null = cookies.admin!) => a.put(path(sessionId, userId), cookie, { role })
const unassign = (sessionId: string, userId: string, cookie: string | null = cookies.admin!) => a.del(path(sessionId, userId), cookie)

/** What staffing may write: assignments and audit rows. A refused request changes neither. */
async function stored() {
  const db = h.app.db
  return { staff: await db.sessionStaff.findMany({ orderBy: [{ sessionId: 'asc' }, { userId: 'asc' }] }), audit: await db.auditLog.count() }
}

function nextChange(s: Client, ms = 3000): Promise<StaffAssignmentsChanged> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no staff:assignments event')), ms)
    s.once('staff:assignments', (c) => { clearTimeout(t); resolve(c) })
  })
}

/** The server's own socket of a test client (this process: the real object, data included). */
async function serverSocket(c: Client): Promise<TypedSocket> {
  const found = (await h.app.io.fetchSockets()).find((s) => s.id === c.id)
  if (!found) throw new Error('socket not found on the server')
  return found as unknown as TypedSocket
}

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  const db = h.app.db
  for (const u of ['admin', ...STAFF]) {
    cookies[u] = await login(h.url, u)
    ids[u] = (await db.user.findUniqueOrThrow({ where: { username: u } })).id
  }
  ids.retired = (await db.user.create({ data: { username: 'retired', displayName: '已停用 审核员', role: 'moderator', active: false, passwordHash: await hashPassword('retired-demo') } })).id
  const unit = await db.unit.findFirstOrThrow({ where: { code: 'rsj' } })
  const now = Date.now(), hour = 3_600_000
  const event = (id: string, status: string, startsAt = now - hour) => db.event.create({ data: {
    id, year: 2026, month: 6, theme: `${id} 主题`, form: 'text_interview', status, startsAt: new Date(startsAt), endsAt: new Date(startsAt + 2 * hour),
    hostUnits: { create: [{ unitId: unit.id, role: 'lead' }] },
  } })
  await event(EVENT, 'published')
  // Weeks ahead: its preview has not opened (sessions/visibility.ts), so it is hidden.
  await event(`${HIDDEN}-event`, 'planned', now + 30 * 24 * hour)
  const session = (id: string, eventId: string, kind: string) => db.session.create({ data: {
    id, eventId, kind, title: `${id} 标题`, status: 'live', startedAt: new Date(now - hour / 2), scheduledStart: new Date(now - hour), scheduledEnd: new Date(now + hour),
    staff: { create: [{ userId: ids.host!, role: 'host' }] },
  } })
  await session(LIVE, EVENT, 'text_interview')
  await session(HOTLINE, EVENT, 'hotline')
  await session(HIDDEN, `${HIDDEN}-event`, 'text_interview')
})
afterAll(async () => { await h?.close() })

describe('staffing routes', () => {
  it('are the admin\'s only: anonymous and every other role are refused, and nothing is written', async () => {
    const before = await stored()
    const routes: [string, (c: string | null) => Promise<Response>][] = [
      ['GET /api/admin/sessions', (c) => a.get('/api/admin/sessions', c)],
      ['GET /api/admin/staff-candidates', (c) => a.get('/api/admin/staff-candidates', c)],
      ['PUT staff', (c) => assign(LIVE, ids.moderator!, 'moderator', c)],
      ['DELETE staff', (c) => unassign(LIVE, ids.host!, c)],
    ]
    for (const [name, call] of routes) {
      expect(await errCode(call(null)), `${name} anonymous`).toBe('UNAUTHENTICATED')
      for (const u of STAFF) expect(await errCode(call(cookies[u]!)), `${name} ${u}`).toBe('FORBIDDEN')
    }
    // A refused body is refused for its sender's role first: nobody learns what a valid one is.
    expect(await errCode(a.put(path(LIVE, ids.moderator!), cookies.moderator, { role: 'nonsense' }))).toBe('FORBIDDEN')
    expect(await stored()).toEqual(before)
  })

  it('list every session with its event, time, status and staff, and the active accounts one may pick', async () => {
    const list = await a.json<AdminSessionDto[]>(a.get('/api/admin/sessions', cookies.admin))
    const live = list.find((s) => s.session.id === LIVE)!
    expect(live).toMatchObject({ event: { id: EVENT, theme: `${EVENT} 主题`, status: 'published' }, session: { status: 'live', kind: 'text_interview' }, roles: ['host', 'guest', 'moderator'] })
    expect(live.staff.map((s) => [s.user.username, s.role])).toEqual([['host', 'host']])
    expect(list.find((s) => s.session.id === HOTLINE)!.roles).toEqual(['host', 'guest', 'operator'])
    expect(list.find((s) => s.session.id === DEMO_ARCHIVED_SESSION)!.session.archivedAt).not.toBeNull()
    expect(list.find((s) => s.session.id === HIDDEN)!.event.status).toBe('planned')

    const res = await a.get('/api/admin/staff-candidates', cookies.admin)
    const text = await res.text()
    expect(text).not.toMatch(/passwordHash|\$argon2/)
    const people = JSON.parse(text) as StaffPersonDto[]
    expect(people.map((p) => p.username).sort()).toEqual([...STAFF].sort()) // not the admin, not the disabled account
    expect(people.find((p) => p.username === 'operator')).toMatchObject({ role: 'operator', displayName: '话务员 赵敏', unit: { name: '市12345政务服务便民热线中心' } })
  })

  it('refuse hostile and malformed requests with codes, and store nothing', async () => {
    const before = await stored()
    const raw = (body: string, type = 'application/json') => fetch(`${h.url}${path(LIVE, ids.moderator!)}`, {
      method: 'PUT', headers: { 'x-openday-csrf': '1', cookie: cookies.admin!, 'content-type': type }, body,
    })
    const cases: [string, Promise<Response>, string][] = [
      ['admin role', assign(LIVE, ids.moderator!, 'admin'), 'BAD_REQUEST'],
      ['unknown role', assign(LIVE, ids.moderator!, 'owner'), 'BAD_REQUEST'],
      ['no role', a.put(path(LIVE, ids.moderator!), cookies.admin, {}), 'BAD_REQUEST'],
      ['extra key', a.put(path(LIVE, ids.moderator!), cookies.admin, { role: 'moderator', userId: ids.editor }), 'BAD_REQUEST'],
      ['__proto__', raw('{"role":"moderator","__proto__":{"admin":true}}'), 'BAD_REQUEST'],
      ['array', raw('[{"role":"moderator"}]'), 'BAD_REQUEST'],
      ['role as array', raw('{"role":["moderator"]}'), 'BAD_REQUEST'],
      ['not JSON', raw('{"role":'), 'BAD_REQUEST'],
      ['text body', raw('role=moderator', 'text/plain'), 'BAD_REQUEST'],
      ['too large', raw(JSON.stringify({ role: 'moderator', pad: 'x'.repeat(70_000) })), 'PAYLOAD_TOO_LARGE'],
      ['bad session id', assign('as live', ids.moderator!, 'moderator'), 'BAD_REQUEST'],
      ['bad user id', assign(LIVE, `${'x'.repeat(65)}`, 'moderator'), 'BAD_REQUEST'],
      ['no such session', assign('as-none', ids.moderator!, 'moderator'), 'NOT_FOUND'],
      ['no such account', assign(LIVE, 'no-such-user', 'moderator'), 'NOT_FOUND'],
      ['not assigned', unassign(LIVE, ids.guest!), 'NOT_FOUND'],
      ['no CSRF header', fetch(`${h.url}${path(LIVE, ids.moderator!)}`, { method: 'PUT', headers: { cookie: cookies.admin!, 'content-type': 'application/json' }, body: '{"role":"moderator"}' }), 'FORBIDDEN'],
    ]
    for (const [name, res, code] of cases) expect(await errCode(res), name).toBe(code)
    expect(await stored()).toEqual(before)
  })

  it('keep the rules: roles by kind, no disabled account, no admin, nothing on an archived session', async () => {
    const before = await stored()
    expect(await errCode(assign(LIVE, ids.operator!, 'operator'))).toBe('BAD_REQUEST') // no calls in an interview
    expect(await errCode(assign(HOTLINE, ids.moderator!, 'moderator'))).toBe('BAD_REQUEST') // no questions on a hotline day
    expect(await errCode(assign(LIVE, ids.retired!, 'moderator'))).toBe('CONFLICT')
    expect(await errCode(assign(LIVE, ids.admin!, 'moderator'))).toBe('BAD_REQUEST')
    const archivedStaff = await h.app.db.sessionStaff.findFirstOrThrow({ where: { sessionId: DEMO_ARCHIVED_SESSION, role: 'moderator' } })
    expect(await errCode(assign(DEMO_ARCHIVED_SESSION, ids.editor!, 'guest'))).toBe('SESSION_CLOSED')
    expect(await errCode(assign(DEMO_ARCHIVED_SESSION, archivedStaff.userId, 'host'))).toBe('SESSION_CLOSED')
    expect(await errCode(unassign(DEMO_ARCHIVED_SESSION, archivedStaff.userId))).toBe('SESSION_CLOSED')
    expect(await stored()).toEqual(before)

    // An operator's account may moderate an interview: the assignment decides, not the account.
    const row = await a.json<AdminSessionDto>(assign(HOTLINE, ids.operator!, 'operator'))
    expect(row.staff.map((s) => [s.user.username, s.role])).toContainEqual(['operator', 'operator'])
    const audit = await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'assignment.add', targetId: HOTLINE } })
    expect(audit).toMatchObject({ actorId: ids.admin, actorRole: 'admin', targetType: 'session' })
    expect(JSON.parse(audit.detail)).toEqual({ userId: ids.operator, username: 'operator', role: 'operator' })
    // The same role again changes nothing and audits nothing.
    const count = await h.app.db.auditLog.count()
    await a.json(assign(HOTLINE, ids.operator!, 'operator'))
    expect(await h.app.db.auditLog.count()).toBe(count)
    const removed = await a.json<AdminSessionDto>(unassign(HOTLINE, ids.operator!))
    expect(removed.staff.map((s) => s.user.username)).not.toContain('operator')
    expect(JSON.parse((await h.app.db.auditLog.findFirstOrThrow({ where: { action: 'assignment.remove', targetId: HOTLINE } })).detail)).toEqual({ userId: ids.operator, username: 'operator', role: 'operator' })
  })
})

describe('an assignment reaches open sockets without a reload', () => {
  it('a moderator assigned while connected is told, joins again as staff and gets staff frames; removed, gets none and is refused', async () => {
    const citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(citizen, 'session:join', { sessionId: LIVE }))
    const submit = async (body: string) => ok(await send(citizen, 'question:submit', { sessionId: LIVE, clientId: clientId(), nickname: '网友', body }))
    // Two tabs of the same login: both must follow.
    const mod = await client(h.url, { cookie: cookies.moderator })
    const tab = await client(h.url, { cookie: cookies.moderator })
    const modFrames = frames(mod)
    expect(ok(await send(mod, 'session:join', { sessionId: LIVE })).staff).toBe(false)
    ok(await send(tab, 'session:join', { sessionId: LIVE }))
    const early = await submit('任命前提交的问题，待审核')
    await new Promise((r) => setTimeout(r, 150))
    expect(modFrames.events().some((e) => 'question' in e && e.question.id === early.id)).toBe(false)
    expect(await send(mod, 'question:approve', { questionId: early.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    const told = [nextChange(mod), nextChange(tab)]
    await a.json(assign(LIVE, ids.moderator!, 'moderator'))
    expect(await Promise.all(told)).toEqual([{ sessionId: LIVE, role: 'moderator' }, { sessionId: LIVE, role: 'moderator' }])
    // The page joins again (a fresh snapshot, no sinceSeq) and is staff now, pending questions included.
    const snap = ok(await send(mod, 'session:join', { sessionId: LIVE }))
    expect(snap.staff).toBe(true)
    expect(snap.questions?.find((q) => q.id === early.id)?.status).toBe('pending')
    const next = await submit('任命后提交的问题，待审核')
    await modFrames.waitFor(hasEvent('question:submitted', next.id))
    expect(ok(await send(mod, 'question:approve', { questionId: next.id })).status).toBe('approved')

    // A role change is told too; the new role decides at once.
    const toHost = nextChange(mod)
    await a.json(assign(LIVE, ids.moderator!, 'host'))
    expect(await toHost).toEqual({ sessionId: LIVE, role: 'host' })
    expect(await send(mod, 'question:approve', { questionId: early.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await a.json(assign(LIVE, ids.moderator!, 'moderator'))
    ok(await send(tab, 'session:join', { sessionId: LIVE }))
    expect((await serverSocket(tab)).rooms.has(rooms.staff(LIVE))).toBe(true)

    const gone = [nextChange(mod), nextChange(tab)]
    await a.json(unassign(LIVE, ids.moderator!))
    expect(await Promise.all(gone)).toEqual([{ sessionId: LIVE, role: null }, { sessionId: LIVE, role: null }])
    for (const c of [mod, tab]) {
      const s = await serverSocket(c)
      expect(s.rooms.has(rooms.staff(LIVE))).toBe(false)
      expect(s.data.staffOf.has(LIVE)).toBe(false)
      expect(s.rooms.has(rooms.session(LIVE))).toBe(true) // the event is public: still a viewer
    }
    // Not one more staff frame, without any re-join: a question submitted now stays out of sight.
    const seen = modFrames.all.length
    const late = await submit('撤销后提交的问题，待审核')
    await new Promise((r) => setTimeout(r, 200))
    expect(modFrames.all.slice(seen).flatMap((f) => f.events ?? []).some((e) => 'question' in e && e.question.id === late.id)).toBe(false)
    expect(await send(mod, 'question:approve', { questionId: late.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await h.app.db.question.findUniqueOrThrow({ where: { id: late.id } })).status).toBe('pending')
    // Older pages are the public's too: the pending question is not in them.
    const page = ok(await send(mod, 'session:page', { sessionId: LIVE, kind: 'questions', before: late.id }))
    expect(page.questions?.map((q) => q.id)).toEqual([next.id])
    // And a join now is a viewer's.
    expect(ok(await send(mod, 'session:join', { sessionId: LIVE })).staff).toBe(false)
    for (const c of [citizen, mod, tab]) c.close()
  })

  it('removed from a session of an unpublished event, the socket leaves it altogether', async () => {
    await a.json(assign(HIDDEN, ids.guest!, 'guest'))
    const guest = await client(h.url, { cookie: cookies.guest })
    expect(ok(await send(guest, 'session:join', { sessionId: HIDDEN })).staff).toBe(true)
    const gone = nextChange(guest)
    await a.json(unassign(HIDDEN, ids.guest!))
    expect(await gone).toEqual({ sessionId: HIDDEN, role: null })
    const s = await serverSocket(guest)
    expect(s.rooms.has(rooms.session(HIDDEN))).toBe(false)
    expect(s.rooms.has(rooms.staff(HIDDEN))).toBe(false)
    expect(await send(guest, 'session:join', { sessionId: HIDDEN })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    guest.close()
  })
})

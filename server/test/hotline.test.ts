import type { CalendarDayDto, CallStaffDto, DomainDto, HotlineFiguresDto, LiveFrame, SyncResult } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays, workCalendar } from '../src/lib/workdays.ts'
import { DEMO_HOTLINE_SESSION as S, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { citizenToken, client, type Client, frames, type Harness, login, ok, send, startServer, staff } from './harness.ts'
import { addHotlineSession, addStaff, api, type Api, callPayload, errCode, type Refs, refs } from './hotline-helpers.ts'

let h: Harness
let a: Api
let r: Refs
const cookies: Record<string, string> = {}

const loggedCall = (id: string) => (f: LiveFrame) => (f.events ?? []).some((e) => e.type === 'call:logged' && e.call.id === id)
const codeOf = (res: { ok: boolean; code?: string }) => (res.ok ? 'ok' : res.code)
const callCount = () => h.app.db.hotlineCall.count()
/** A socket of a staff member, on the login made once in beforeAll (logins are rate-limited per IP). */
const as = (username: string) => client(h.url, { cookie: cookies[username]! })

/** Public projection: exactly these keys, nothing else. */
const PUBLIC_KEYS = ['appealTypeId', 'createdAt', 'disposition', 'domainId', 'id']

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'operator2', 'operator', 'rx', { sessionId: S, role: 'operator' })
  for (const u of ['admin', 'operator', 'operator2', 'host', 'editor', 'moderator', 'guest']) cookies[u] = await login(h.url, u)
  r = await refs(h, cookies.operator!)
})
afterAll(async () => { await h?.close() })

describe('demo hotline day', () => {
  it('is live with calls logged through the service, a repeat caller and a work order for 人社局', async () => {
    const calls = await a.json<CallStaffDto[]>(a.get(`/api/hotline/sessions/${S}/calls`, cookies.operator))
    expect(calls.length).toBeGreaterThanOrEqual(4)
    const demo = calls.filter((c) => c.clientId.startsWith(`${S}-call-`))
    expect(demo.map((c) => c.repeatCount)).toEqual([0, 0, 1, 0])
    const handed = demo.find((c) => c.disposition === 'handed_off')!
    expect(handed.unitId).toBe(r.unit('rsj'))
    expect(handed.workOrderId).toBeTruthy()
    expect(handed.phoneMasked).toBe('0746-***3171')
    expect(demo[0]!.callerName).toBe('张*')
    const session = await a.json<{ session: { status: string; kind: string } }>(a.get(`/api/sessions/${S}`))
    expect(session.session).toMatchObject({ status: 'live', kind: 'hotline' })
  })
})

describe('logging calls over real sockets', () => {
  it('two operators logging at once each see the other\'s call live, as staff', async () => {
    const one = await as('operator'), two = await as('operator2')
    const f1 = frames(one), f2 = frames(two)
    for (const c of [one, two]) {
      const snap = ok(await send(c, 'session:join', { sessionId: S }))
      expect(snap.staff).toBe(true)
      // Staff snapshots carry the staff view of every call so far.
      expect((snap.calls as CallStaffDto[]).filter((x) => x.clientId.startsWith(`${S}-call-`)).map((x) => x.phoneMasked))
        .toEqual(['138****5678', '0746-***3171', '138****5678', '139****1111'])
    }
    const [c1, c2] = await Promise.all([
      send(one, 'call:log', callPayload(r, { phone: '13600000001', content: '一号话务员记录的来电' })),
      send(two, 'call:log', callPayload(r, { phone: '13600000002', content: '二号话务员记录的来电', disposition: 'handed_off', reply: undefined, unitId: r.unit('zjj'), appealTypeId: r.type('complaint') })),
    ])
    const call1 = ok(c1), call2 = ok(c2)
    expect(call1.operatorName).toBe('话务员 赵敏')
    expect(call2.operatorName).toBe('operator2')
    // Each sees the other's call in a staff frame: the staff view (masked number, content).
    const staffView = (id: string) => (f: LiveFrame) => (f.events ?? []).some((e) => e.type === 'call:logged' && e.call.id === id && 'content' in e.call)
    await f1.waitFor(staffView(call2.id))
    await f2.waitFor(staffView(call1.id))
    const full1 = f2.events().find((e) => e.type === 'call:logged' && e.call.id === call1.id && 'content' in e.call)
    expect(full1 && 'call' in full1 && (full1.call as CallStaffDto).phoneMasked).toBe('136****0001')
    expect(call2.workOrderId).toBeTruthy()
    // Every call is a row first: the event log holds both.
    const events = await h.app.db.sessionEvent.findMany({ where: { sessionId: S, type: 'call:logged' } })
    expect(events.filter((e) => e.payload.includes(call1.id) || e.payload.includes(call2.id))).toHaveLength(2)
    one.close(); two.close()
  })

  it('a board (citizen, or nobody) gets only the anonymous projection, live, in snapshots and in deltas', async () => {
    const board = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const anon = await client(h.url)
    const editor = await as('editor') // staff, but not of this session
    const watchers = [board, anon, editor]
    const fs = watchers.map(frames)
    const snaps: SyncResult[] = []
    for (const c of watchers) snaps.push(ok(await send(c, 'session:join', { sessionId: S })))
    for (const snap of snaps) {
      expect(snap.staff).toBe(false)
      expect(snap.calls!.length).toBeGreaterThanOrEqual(4)
      for (const c of snap.calls!) expect(Object.keys(c).sort()).toEqual(PUBLIC_KEYS)
    }
    const before = snaps[0]!.lastSeq

    const op = await as('operator')
    const secret = { phone: '13955556666', callerName: '欧阳秘密', content: '这是一段不应出现在大屏上的诉求内容', location: '幸福小区8栋' }
    const call = ok(await send(op, 'call:log', callPayload(r, { ...secret, reply: '答复内容也不公开' })))
    for (const f of fs) {
      const frame = await f.waitFor(loggedCall(call.id))
      const e = frame.events!.find((x) => x.type === 'call:logged')!
      expect('call' in e && Object.keys(e.call).sort()).toEqual(PUBLIC_KEYS)
    }
    const delta = ok(await send(board, 'session:join', { sessionId: S, sinceSeq: before }))
    expect(delta.mode).toBe('delta')
    const deltaCalls = delta.events!.filter((e) => e.type === 'call:logged')
    expect(deltaCalls.length).toBeGreaterThanOrEqual(1)
    for (const e of deltaCalls) expect('call' in e && Object.keys(e.call).sort()).toEqual(PUBLIC_KEYS)

    const figures = await a.json<HotlineFiguresDto>(a.get(`/api/hotline/sessions/${S}/figures`))
    const everything = JSON.stringify([snaps, fs.map((f) => f.all), delta, figures])
    for (const s of [secret.phone, '139****6666', secret.callerName, '欧*', secret.content, secret.location, '答复内容也不公开', call.operatorName, 'phone', 'callerName', 'content']) {
      expect(everything).not.toContain(s)
    }
    for (const c of [...watchers, op]) c.close()
  })

  it('keeps personal data out of the database in clear and out of the event log', async () => {
    const op = await as('operator')
    const call = ok(await send(op, 'call:log', callPayload(r, { phone: '138-0000-7777', callerName: '司马光明' })))
    const row = await h.app.db.hotlineCall.findUniqueOrThrow({ where: { id: call.id } })
    expect(row.phoneCipher).toMatch(/^v2:/)
    expect(row.phoneMasked).toBe('138****7777')
    const stored = JSON.stringify(row) + JSON.stringify(await h.app.db.sessionEvent.findMany({ where: { sessionId: S } }))
    expect(stored).not.toContain('13800007777')
    expect(stored).not.toContain('司马光明')
    expect(call.callerName).toBe('司***')
    op.close()
  })

  it('flags repeat callers however the number was typed', async () => {
    const op = await as('operator')
    const first = ok(await send(op, 'call:log', callPayload(r, { phone: '13911112222' })))
    const second = ok(await send(op, 'call:log', callPayload(r, { phone: '139 1111 2222' })))
    const third = ok(await send(op, 'call:log', callPayload(r, { phone: '139-1111-2222', callerName: undefined })))
    expect([first.repeatCount, second.repeatCount, third.repeatCount]).toEqual([0, 1, 2])
    expect(third.callerName).toBeNull()
    // A landline is masked to its area code and last four digits.
    expect(ok(await send(op, 'call:log', callPayload(r, { phone: '010-6234 5678' }))).phoneMasked).toBe('010-****5678')
    op.close()
  })

  it('a retry returns the stored call, never a second one, even when retries race', async () => {
    const op = await as('operator')
    const payload = callPayload(r, { disposition: 'handed_off', reply: undefined, unitId: r.unit('rsj') })
    const [x, y, z] = await Promise.all([send(op, 'call:log', payload), send(op, 'call:log', payload), send(op, 'call:log', payload)])
    expect(new Set([ok(x).id, ok(y).id, ok(z).id]).size).toBe(1)
    const again = ok(await send(op, 'call:log', payload))
    expect(again).toEqual(ok(x))
    expect(await h.app.db.hotlineCall.count({ where: { clientId: payload.clientId } })).toBe(1)
    expect(await h.app.db.workOrder.count({ where: { callId: again.id } })).toBe(1)
    const events = await h.app.db.sessionEvent.findMany({ where: { sessionId: S, type: 'call:logged' } })
    expect(events.filter((e) => e.payload.includes(again.id))).toHaveLength(1)
    expect(await h.app.db.auditLog.count({ where: { action: 'call.log', targetId: again.id } })).toBe(1)
    op.close()
  })

  it('computes the work order deadline from the appeal type and the admin\'s calendar', async () => {
    const op = await as('operator')
    const calendar = await a.json<CalendarDayDto[]>(a.get('/api/admin/calendar', cookies.operator))
    expect(calendar.some((d) => d.date === '2026-10-01' && d.kind === 'holiday')).toBe(true)
    const complaint = r.taxonomy.appealTypes.find((t) => t.code === 'complaint')!
    expect(complaint.deadlineDays).toBe(13)
    const call = ok(await send(op, 'call:log', callPayload(r, { appealTypeId: complaint.id, disposition: 'handed_off', reply: undefined, unitId: r.unit('rsj') })))
    const expected = addWorkingDays(new Date(call.startedAt), 13, 'Asia/Shanghai', workCalendar(calendar))
    expect(call.dueAt).toBe(expected.toISOString())

    // The admin declares the next three days holidays: the next deadline moves by exactly the working days among them.
    const days = [1, 2, 3].map((n) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10))
    for (const date of days) await a.json(a.put(`/api/admin/calendar/${date}`, cookies.admin, { date, kind: 'holiday', name: '测试假日' }))
    const later = ok(await send(op, 'call:log', callPayload(r, { appealTypeId: complaint.id, disposition: 'handed_off', reply: undefined, unitId: r.unit('rsj') })))
    const cal2 = await a.json<CalendarDayDto[]>(a.get('/api/admin/calendar', cookies.admin))
    expect(later.dueAt).toBe(addWorkingDays(new Date(later.startedAt), 13, 'Asia/Shanghai', workCalendar(cal2)).toISOString())
    const order = await h.app.db.workOrder.findUniqueOrThrow({ where: { callId: later.id } })
    expect(order.dueAt.toISOString()).toBe(later.dueAt)
    for (const date of days) expect((await a.del(`/api/admin/calendar/${date}`, cookies.admin)).status).toBe(200)
    expect(await h.app.db.auditLog.count({ where: { action: { in: ['calendar.put', 'calendar.delete'] }, targetId: { in: days } } })).toBe(6)
    op.close()
  })
})

describe('who may log and read calls', () => {
  it('only the session\'s operators and the admin log calls; nobody else changes anything', async () => {
    const before = await callCount()
    const citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
    expect(codeOf(await send(citizen, 'call:log', callPayload(r)))).toBe('UNAUTHENTICATED')
    for (const u of ['host', 'guest', 'editor', 'moderator']) {
      const c = await as(u)
      expect(codeOf(await send(c, 'call:log', callPayload(r))), u).toBe('FORBIDDEN')
      c.close()
    }
    expect(await callCount()).toBe(before)
    const admin = await as('admin')
    expect(ok(await send(admin, 'call:log', callPayload(r))).operatorName).toBe('市政务公开办 管理员')
    citizen.close(); admin.close()
  })

  it('lists calls to the session\'s staff and the admin only', async () => {
    const path = `/api/hotline/sessions/${S}/calls`
    expect(await errCode(a.get(path))).toBe('UNAUTHENTICATED')
    expect((await a.get(path)).status).toBe(401)
    expect(await errCode(a.get(path, cookies.editor))).toBe('FORBIDDEN')
    for (const u of ['admin', 'operator', 'host', 'guest']) expect((await a.get(path, cookies[u])).status, u).toBe(200)
    expect(await errCode(a.get(`/api/hotline/sessions/nope/calls`, cookies.admin))).toBe('NOT_FOUND')
  })

  it('reveals a number to the admin and the session\'s operators, with an audit entry each time', async () => {
    const op = await as('operator')
    const call = ok(await send(op, 'call:log', callPayload(r, { phone: '0755 8600 1234', callerName: '黄大仙' })))
    const path = `/api/hotline/calls/${call.id}/reveal`
    expect(await errCode(a.post(path))).toBe('UNAUTHENTICATED')
    for (const u of ['host', 'editor', 'moderator', 'guest']) expect(await errCode(a.post(path, cookies[u])), u).toBe('FORBIDDEN')
    expect(await h.app.db.auditLog.count({ where: { action: 'call.reveal', targetId: call.id } })).toBe(0)
    expect(await a.json(a.post(path, cookies.operator))).toEqual({ phone: '075586001234', callerName: '黄大仙' })
    expect(await a.json(a.post(path, cookies.admin))).toEqual({ phone: '075586001234', callerName: '黄大仙' })
    const audit = await h.app.db.auditLog.findMany({ where: { action: 'call.reveal', targetId: call.id } })
    const users = await h.app.db.user.findMany({ where: { username: { in: ['operator', 'admin'] } } })
    expect(audit.map((x) => x.actorId).sort()).toEqual(users.map((u) => u.id).sort())
    expect(audit[0]!.targetType).toBe('hotline_call')
    expect(audit[0]!.at.getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(await errCode(a.post('/api/hotline/calls/nope/reveal', cookies.admin))).toBe('NOT_FOUND')
    op.close()
  })
})

describe('hostile input', () => {
  let op: Client
  beforeAll(async () => { op = await as('operator') })
  afterAll(() => { op.close() })

  const bad = async (payload: unknown) => send(op, 'call:log', payload as never)

  it('is refused with a code and leaves nothing behind', async () => {
    const before = await callCount()
    const cases: [unknown, string, RegExp?][] = [
      [callPayload(r, { phone: '12345' }), 'BAD_REQUEST', /phone/],
      [callPayload(r, { phone: '00000000000' }), 'BAD_REQUEST', /phone/],
      [callPayload(r, { domainId: 'no-such-domain' }), 'BAD_REQUEST', /domainId/],
      [callPayload(r, { appealTypeId: 'no-such-type' }), 'BAD_REQUEST', /appealTypeId/],
      [callPayload(r, { disposition: 'handed_off', reply: undefined, unitId: 'no-such-unit' }), 'BAD_REQUEST', /unitId/],
      [callPayload(r, { disposition: 'handed_off', reply: undefined }), 'BAD_REQUEST', /unit/],
      [callPayload(r, { reply: undefined }), 'BAD_REQUEST', /reply/],
      [callPayload(r, { content: 'x'.repeat(2001) }), 'BAD_REQUEST', /content/],
      [callPayload(r, { content: '长'.repeat(12_000) }), 'PAYLOAD_TOO_LARGE'],
      [callPayload(r, { content: 'a\u0000b\u0007c' }), 'BAD_REQUEST', /control/],
      [JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(callPayload(r)).slice(1)}`), 'BAD_REQUEST'],
      [{ ...callPayload(r), operatorId: 'someone-else' }, 'BAD_REQUEST'],
      [{ ...callPayload(r), phone: 13812345678 }, 'BAD_REQUEST'],
      [{ ...callPayload(r), sessionId: { $ne: null } }, 'BAD_REQUEST'],
      [{ ...callPayload(r), disposition: 'deleted' }, 'BAD_REQUEST'],
      [{ ...callPayload(r), clientId: '../../x' }, 'BAD_REQUEST'],
      [callPayload(r, { startedAt: 'yesterday' }), 'BAD_REQUEST'],
      [callPayload(r, { startedAt: new Date(Date.now() + 3_600_000).toISOString(), endedAt: new Date(Date.now() + 7_200_000).toISOString() }), 'BAD_REQUEST', /future/],
      [callPayload(r, { startedAt: '2020-01-01T00:00:00.000Z', endedAt: '2020-01-01T00:05:00.000Z' }), 'BAD_REQUEST', /old/],
      ['call', 'BAD_REQUEST'],
      [null, 'BAD_REQUEST'],
      [[callPayload(r)], 'BAD_REQUEST'],
    ]
    for (const [payload, code, message] of cases) {
      const res = await bad(payload)
      expect(codeOf(res), JSON.stringify(payload).slice(0, 120)).toBe(code)
      if (message && !res.ok) expect(res.message).toMatch(message)
    }
    expect(await callCount()).toBe(before)
  })

  it('refuses an inactive domain, a non-hotline session, and sessions that are not live', async () => {
    const before = await callCount()
    const d = await a.json<DomainDto>(a.post('/api/admin/hotline/domains', cookies.admin, { name: '临时领域', nameEn: 'Temporary', sortOrder: 900, active: false }), 201)
    expect(codeOf(await bad(callPayload(r, { domainId: d.id })))).toBe('BAD_REQUEST')
    const admin = await as('admin')
    expect(codeOf(await send(admin, 'call:log', callPayload(r, { sessionId: DEMO_LIVE_SESSION })))).toBe('BAD_REQUEST')
    await addHotlineSession(h, 'hl-closed')
    expect(codeOf(await bad(callPayload(r, { sessionId: 'hl-closed' })))).toBe('CONFLICT')
    expect(codeOf(await send(admin, 'call:log', callPayload(r, { sessionId: 'no-such-session' })))).toBe('NOT_FOUND')
    expect(await callCount()).toBe(before)
    admin.close()
  })

  it('a clientId used in another session is a conflict, not a way to read that call', async () => {
    const payload = callPayload(r)
    ok(await bad(payload))
    await addHotlineSession(h, 'hl-other')
    const host = await as('host')
    ok(await send(host, 'session:start', { sessionId: 'hl-other' }))
    const res = await bad({ ...payload, sessionId: 'hl-other' })
    expect(codeOf(res)).toBe('CONFLICT')
    expect(JSON.stringify(res)).not.toContain(payload.content)
    host.close()
  })

  it('limits how many full numbers one person reveals (full exports have their own allowance: hotline-exports.test.ts)', async () => {
    const limited = await startServer({ RATE_REVEALS_PER_USER: '2' })
    try {
      const la = api(limited)
      const [opCookie, adminCookie] = [await login(limited.url, 'operator'), await login(limited.url, 'admin')]
      const op = await client(limited.url, { cookie: opCookie })
      const call = ok(await send(op, 'call:log', callPayload(await refs(limited, opCookie))))
      const reveal = (cookie: string) => la.post(`/api/hotline/calls/${call.id}/reveal`, cookie)
      for (let i = 0; i < 2; i++) expect((await reveal(opCookie)).status).toBe(200)
      expect(await errCode(reveal(opCookie))).toBe('RATE_LIMITED')
      // Per person: the admin still has an allowance.
      for (let i = 0; i < 2; i++) expect((await reveal(adminCookie)).status).toBe(200)
      expect(await errCode(reveal(adminCookie))).toBe('RATE_LIMITED')
      // Masked exports are not full numbers and stay available.
      expect((await la.get(`/api/hotline/sessions/${S}/calls.csv`, adminCookie)).status).toBe(200)
      op.close()
    } finally {
      await limited.close()
    }
  })

  it('limits how fast one operator can log', async () => {
    const limited = await startServer({ RATE_CALLS_PER_OPERATOR: '3' })
    try {
      const c = await staff(limited.url, 'operator')
      const lr = await refs(limited, await login(limited.url, 'operator'))
      const codes = []
      for (let i = 0; i < 4; i++) codes.push(codeOf(await send(c, 'call:log', callPayload(lr))))
      expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED'])
      c.close()
    } finally {
      await limited.close()
    }
  })
})

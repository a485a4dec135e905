import type { EventPreviewDto, QuestionStaffDto, UnitEventDto, UnitEventSummaryDto, YearEventDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenToken, client, clientId, type Harness, login, ok, send, startServer } from './harness.ts'

// Event previews (预告): a planned event opens to the public previewDays days before its Beijing
// date; citizens ask ahead while the session is scheduled (preEvent); the lead unit prepares it.

let h: Harness
const DAY = 86_400_000
const SOON = 'ev-soon' // planned, in 2 days: its preview (3 days) is open. Lead rsj, joint zjj.
const LATER = 'ev-later' // planned, in 10 days: not open yet. Lead rsj.
const GONE = 'ev-cancelled'
const DRAFT = 'ev-draft'
const OTHER = 'ev-zjj' // another unit's
const S_SOON = 'ev-soon-s'
const S_LATER = 'ev-later-s'
const S_ARCH = 'ev-later-archived'
let photoId = ''
let year = 0
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

beforeAll(async () => {
  h = await startServer({ ARCHIVE_CACHE_MS: '0' })
  const db = h.app.db
  const [rsj, zjj] = await Promise.all(['rsj', 'zjj'].map((code) => db.unit.findFirstOrThrow({ where: { code } })))
  const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } })
  const [host, moderator, editor] = await Promise.all([user('host'), user('moderator'), user('editor')])
  // A second unit's editor, and a host of rsj for the unit to assign (same password as `editor`).
  await db.user.create({ data: { username: 'editor2', role: 'unit_editor', displayName: '住建局 联络员', unitId: zjj!.id, passwordHash: editor.passwordHash } })
  await db.user.create({ data: { username: 'rsjhost', role: 'host', displayName: '人社局 主持人', unitId: rsj!.id, passwordHash: editor.passwordHash } })
  const now = Date.now()
  year = new Date(now + 2 * DAY).getFullYear()
  const event = (id: string, status: string, inDays: number, units: { unitId: string; role: string }[]) => db.event.create({ data: {
    id, year, month: 1, theme: `${id} 主题`, form: 'text_interview', status, startsAt: new Date(now + inDays * DAY), endsAt: new Date(now + inDays * DAY + 2 * 3_600_000),
    hostUnits: { create: units },
  } })
  await event(SOON, 'planned', 2, [{ unitId: rsj!.id, role: 'lead' }, { unitId: zjj!.id, role: 'joint' }])
  await event(LATER, 'planned', 10, [{ unitId: rsj!.id, role: 'lead' }])
  await event(GONE, 'cancelled', 1, [{ unitId: rsj!.id, role: 'lead' }])
  await event(DRAFT, 'draft', 1, [{ unitId: rsj!.id, role: 'lead' }])
  await event(OTHER, 'planned', 2, [{ unitId: zjj!.id, role: 'lead' }])
  const session = (id: string, eventId: string, status = 'scheduled') => db.session.create({ data: {
    id, eventId, kind: 'text_interview', title: id, status, scheduledStart: new Date(now + DAY), scheduledEnd: new Date(now + DAY + 3_600_000),
    ...(status === 'archived' ? { startedAt: new Date(now - 2 * 3_600_000), endedAt: new Date(now - 3_600_000), archivedAt: new Date(now - 3_600_000) } : {}),
    staff: { create: [{ userId: host.id, role: 'host' }, { userId: moderator.id, role: 'moderator' }] },
  } })
  await session(S_SOON, SOON)
  await session(S_LATER, LATER)
  await session(S_ARCH, LATER, 'archived')
  await session('ev-gone-s', GONE)
})
afterAll(async () => { await h?.close() })

const req = (method: string, path: string, cookie?: string, body?: unknown) => fetch(`${h.url}${path}`, {
  method, headers: { ...(cookie ? { cookie } : {}), 'x-openday-csrf': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
})
const get = (path: string, cookie?: string) => req('GET', path, cookie)
const answer = async (r: Response) => ({ status: r.status, body: await r.text() })
const json = async <T>(r: Response, status = 200): Promise<T> => {
  const text = await r.text()
  expect(r.status, text).toBe(status)
  return JSON.parse(text) as T
}

async function uploadPhoto(cookie: string, eventId: string, bytes = PNG) {
  const form = new FormData()
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'p.png')
  return fetch(`${h.url}/api/unit/events/${eventId}/photos`, { method: 'POST', headers: { cookie, 'x-openday-csrf': '1' }, body: form })
}

describe('event visibility around the preview opening', () => {
  it('a planned event is hidden before its opening (REST, socket join, uploads, archive) and shown after', async () => {
    const editor = await login(h.url, 'editor')
    photoId = (await json<{ id: string }>(await uploadPhoto(editor, LATER), 201)).id
    await json(await req('PUT', `/api/unit/events/${LATER}/guests`, editor, { guests: [{ name: '王局长', title: '局长', photoId }] }))

    const hidden = [`/api/events/${LATER}`, `/api/sessions/${S_LATER}`, `/api/archive/${S_ARCH}`, `/uploads/${photoId}`, `/api/events/${GONE}`, `/api/events/${DRAFT}`, `/api/sessions/ev-gone-s`]
    const missing = [`/api/events/nope`, `/api/sessions/nope`, `/api/archive/nope`, `/uploads/nope`, `/api/events/nope`, `/api/events/nope`, `/api/sessions/nope`]
    for (const [i, path] of hidden.entries()) {
      const [a, b] = [await answer(await get(path)), await answer(await get(missing[i]!))]
      expect(a.status, path).toBe(404)
      expect(a, path).toEqual(b)
    }
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    expect(await send(c, 'session:join', { sessionId: S_LATER })).toEqual(await send(c, 'session:join', { sessionId: 'nope' }))
    ok(await send(c, 'session:join', { sessionId: S_SOON }))
    expect((await get(`/api/events/${SOON}`)).status).toBe(200)
    expect((await get(`/api/sessions/${S_SOON}`)).status).toBe(200)
    const archived = async () => (await json<{ items: { session: { id: string } }[] }>(await get('/api/archive?size=50'))).items.map((i) => i.session.id)
    expect(await archived()).not.toContain(S_ARCH)
    const pub = (await json<{ id: string }[]>(await get('/api/events'))).map((e) => e.id)
    expect(pub).toContain(SOON)
    expect(pub).not.toContain(LATER)

    // Insiders (the lead unit's editor) preview it, never cached for the public.
    const staffView = await get(`/api/events/${LATER}`, editor)
    expect(staffView.headers.get('cache-control')).toBe('private, no-store')
    expect((await json<EventPreviewDto>(staffView)).public).toBe(false)
    const photo = await get(`/uploads/${photoId}`, editor)
    expect(photo.status).toBe(200)
    expect(photo.headers.get('cache-control')).toBe('private, no-store')
    expect((await get(`/uploads/${photoId}`, await login(h.url, 'editor2', 'editor-demo'))).status).toBe(404)

    // The year list names it as the plan does, without what waits for the page.
    const list = await json<YearEventDto[]>(await get(`/api/events?year=${year}`))
    const later = list.find((e) => e.id === LATER)!
    expect(later).toMatchObject({ public: false, guests: [], sessions: [], summary: '' })
    expect(list.find((e) => e.id === GONE)).toMatchObject({ status: 'cancelled', public: false, sessions: [] })
    expect(list.map((e) => e.id)).not.toContain(DRAFT)
    expect(list.find((e) => e.id === SOON)!.sessions.map((s) => s.id)).toEqual([S_SOON])

    // Move it to tomorrow: its preview is open now.
    await h.app.db.event.update({ where: { id: LATER }, data: { startsAt: new Date(Date.now() + DAY), endsAt: new Date(Date.now() + DAY + 3_600_000) } })
    for (const path of hidden.slice(0, 4)) expect((await get(path)).status, path).toBe(200)
    const page = await json<EventPreviewDto>(await get(`/api/events/${LATER}`))
    expect(page.public).toBe(true)
    expect(page.guests).toEqual([{ id: expect.any(String), name: '王局长', title: '局长', photoUrl: `/uploads/${photoId}` }])
    expect((await get(`/uploads/${photoId}`)).headers.get('cache-control')).toContain('public')
    expect(await archived()).toContain(S_ARCH)
    ok(await send(c, 'session:join', { sessionId: S_LATER }))
    // Cancelled stays closed whatever its date.
    for (const path of hidden.slice(4)) expect((await get(path)).status, path).toBe(404)
    c.close()
    await h.app.db.event.update({ where: { id: LATER }, data: { startsAt: new Date(Date.now() + 10 * DAY), endsAt: new Date(Date.now() + 10 * DAY + 3_600_000) } })
  })
})

describe('questions collected before the event (预约提问)', () => {
  it('go through masking, the word filter and moderation, marked preEvent; live ones are not', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const early = ok(await send(c, 'question:submit', { sessionId: S_SOON, clientId: clientId(), nickname: '网友', body: '电话13812345678，赌博的事怎么管？' }))
    expect(early).toMatchObject({ status: 'pending', preEvent: true, body: '电话138****5678，赌博的事怎么管？' })
    // Not while the event is not public.
    const hidden = await send(c, 'question:submit', { sessionId: S_LATER, clientId: clientId(), nickname: '网友', body: '还没开放' })
    expect(hidden.ok === false && hidden.code).toBe('NOT_FOUND')

    const mod = await client(h.url, { cookie: await login(h.url, 'moderator') })
    const joined = ok(await send(mod, 'session:join', { sessionId: S_SOON }))
    const queued = (joined.questions as QuestionStaffDto[]).find((q) => q.id === early.id)!
    expect(queued).toMatchObject({ status: 'pending', preEvent: true, sensitiveHits: ['赌博'] })
    expect((await h.app.db.question.findUniqueOrThrow({ where: { id: early.id } })).preEvent).toBe(true)
    ok(await send(mod, 'question:approve', { questionId: early.id }))

    const host = await client(h.url, { cookie: await login(h.url, 'host') })
    ok(await send(host, 'session:start', { sessionId: S_SOON }))
    const live = ok(await send(c, 'question:submit', { sessionId: S_SOON, clientId: clientId(), nickname: '网友', body: '现场的问题' }))
    expect(live.preEvent).toBe(false)
    expect((await h.app.db.question.findUniqueOrThrow({ where: { id: live.id } })).preEvent).toBe(false)
    for (const s of [c, mod, host]) s.close()
  })
})

describe('/api/unit/events: the unit prepares its event', () => {
  it('refuses the public and other roles, hides other units\' events, lets joint units only read', async () => {
    const c = await citizenToken(h.url)
    expect((await fetch(`${h.url}/api/unit/events`, { headers: { authorization: `Bearer ${c}` } })).status).toBe(401)
    expect((await get('/api/unit/events')).status).toBe(401)
    expect((await req('PATCH', `/api/unit/events/${SOON}`, undefined, { summary: 'x' })).status).toBe(401)
    const host = await login(h.url, 'host')
    expect((await get('/api/unit/events', host)).status).toBe(403)
    expect((await req('PATCH', `/api/unit/events/${SOON}`, host, { summary: 'x' })).status).toBe(403)

    const editor = await login(h.url, 'editor')
    const mine = await json<UnitEventSummaryDto[]>(await get('/api/unit/events', editor))
    expect(mine.map((e) => e.id)).toEqual(expect.arrayContaining([GONE, LATER, SOON]))
    expect(mine.map((e) => e.id)).not.toContain(OTHER)
    expect(mine.map((e) => e.id)).not.toContain(DRAFT)
    const other = [await answer(await get(`/api/unit/events/${OTHER}`, editor)), await answer(await get('/api/unit/events/nope', editor))]
    expect(other[0]!.status).toBe(404)
    expect(other[0]).toEqual(other[1])
    expect((await req('PATCH', `/api/unit/events/${OTHER}`, editor, { summary: 'x' })).status).toBe(404)
    expect((await uploadPhoto(editor, OTHER)).status).toBe(404)

    const joint = await login(h.url, 'editor2', 'editor-demo')
    const view = await json<UnitEventDto>(await get(`/api/unit/events/${SOON}`, joint))
    expect(view.editable).toBe(false)
    expect((await json<UnitEventSummaryDto[]>(await get('/api/unit/events', joint))).find((e) => e.id === SOON)!.role).toBe('joint')
    expect((await req('PATCH', `/api/unit/events/${SOON}`, joint, { summary: 'x' })).status).toBe(403)
    expect((await req('PUT', `/api/unit/events/${SOON}/guests`, joint, { guests: [] })).status).toBe(403)
    expect((await uploadPhoto(joint, SOON)).status).toBe(403)
    const admin = await login(h.url, 'admin')
    expect((await json<UnitEventDto>(await get(`/api/unit/events/${SOON}`, admin))).editable).toBe(false)
    expect((await req('PATCH', `/api/unit/events/${SOON}`, admin, { summary: 'x' })).status).toBe(403)
    // A cancelled event is not prepared any more.
    expect((await req('PATCH', `/api/unit/events/${GONE}`, editor, { summary: 'x' })).status).toBe(409)
  })

  it('edits description, venue, sign-up and the time within the day (SEQUENCE + 1), audited', async () => {
    const editor = await login(h.url, 'editor')
    const before = await h.app.db.event.findUniqueOrThrow({ where: { id: SOON } })
    const sameDay = await json<UnitEventDto>(await req('PATCH', `/api/unit/events/${SOON}`, editor, { summary: '介绍', location: '市民中心', signup: '电话报名' }))
    expect(sameDay).toMatchObject({ summary: '介绍', location: '市民中心', signup: '电话报名', sequence: before.sequence, editable: true })
    const moved = await json<UnitEventDto>(await req('PATCH', `/api/unit/events/${SOON}`, editor, { startTime: '09:30', endTime: '11:00' }))
    expect(moved.sequence).toBe(before.sequence + 1)
    const fmt = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso))
    const day = fmt(before.startsAt.toISOString()).slice(0, 10)
    expect(fmt(moved.startsAt)).toBe(`${day}, 09:30`)
    expect(fmt(moved.endsAt)).toBe(`${day}, 11:00`)
    const audit = await h.app.db.auditLog.findMany({ where: { targetType: 'event', targetId: SOON, action: 'event.prepare' } })
    expect(audit).toHaveLength(2)
  })

  it('refuses hostile and malformed bodies with BAD_REQUEST', async () => {
    const editor = await login(h.url, 'editor')
    const bodies: unknown[] = [{}, { summary: 'a\uD800b' }, { startTime: '25:00' }, { startTime: '9:30' }, { nope: 1 }, { summary: 'x'.repeat(4001) },
      { startTime: '12:00', endTime: '11:00' }, '{"summary":', [], { location: 7 }, { summary: 'a\u0000b' }]
    for (const body of bodies) {
      const r = await req('PATCH', `/api/unit/events/${SOON}`, editor, body)
      const text = await r.text()
      expect(r.status, `${JSON.stringify(body)} ${text}`).toBe(400)
      expect(text).toContain('BAD_REQUEST')
    }
    const guests: unknown[] = [{ guests: [{ id: 'not-a-guest', name: 'a', title: '' }] }, { guests: Array.from({ length: 21 }, () => ({ name: 'a', title: '' })) },
      { guests: [{ name: '', title: '' }] }, { guests: [{ name: 'a', title: '', photoId: 'not-an-upload' }] }, { guests: [{ name: 'a\uDC00', title: '' }] }]
    for (const body of guests) expect((await req('PUT', `/api/unit/events/${SOON}/guests`, editor, body)).status, JSON.stringify(body)).toBe(400)
    // A photo of another event cannot be borrowed.
    expect((await req('PUT', `/api/unit/events/${SOON}/guests`, editor, { guests: [{ name: 'a', title: '', photoId }] })).status).toBe(400)
    expect((await uploadPhoto(editor, SOON, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).status).toBe(400)
  })

  it('keeps guests in order (add, reorder, remove)', async () => {
    const editor = await login(h.url, 'editor')
    const one = await json<UnitEventDto>(await req('PUT', `/api/unit/events/${SOON}/guests`, editor, { guests: [{ name: '甲', title: '局长' }, { name: '乙', title: '副局长' }] }))
    const [a, b] = one.guests
    const two = await json<UnitEventDto>(await req('PUT', `/api/unit/events/${SOON}/guests`, editor, { guests: [{ id: b!.id, name: '乙', title: '副局长' }, { id: a!.id, name: '甲', title: '局长' }, { name: '丙', title: '处长' }] }))
    expect(two.guests.map((g) => g.name)).toEqual(['乙', '甲', '丙'])
    const three = await json<UnitEventDto>(await req('PUT', `/api/unit/events/${SOON}/guests`, editor, { guests: [{ id: a!.id, name: '甲', title: '局长' }] }))
    expect(three.guests.map((g) => g.id)).toEqual([a!.id])
  })

  it('assigns its own unit\'s accounts to its sessions only', async () => {
    const editor = await login(h.url, 'editor')
    const db = h.app.db
    const [rsjhost, gkbhost, guest] = await Promise.all(['rsjhost', 'host', 'guest'].map((username) => db.user.findUniqueOrThrow({ where: { username } })))
    const put = (cookie: string, eventId: string, sessionId: string, userId: string, role: unknown) => req('PUT', `/api/unit/events/${eventId}/sessions/${sessionId}/staff/${userId}`, cookie, { role })
    const view = await json<UnitEventDto>(await put(editor, LATER, S_LATER, rsjhost!.id, 'host'))
    expect(view.staff).toContainEqual(expect.objectContaining({ sessionId: S_LATER, userId: rsjhost!.id, role: 'host' }))
    expect(view.candidates.map((u) => u.username)).toContain('guest')
    expect(await db.auditLog.count({ where: { action: 'assignment.add', targetId: S_LATER, actorRole: 'unit_editor' } })).toBe(1)
    // Another unit's person, another event's session, a role a unit does not hand out, another unit's editor.
    expect((await put(editor, LATER, S_LATER, gkbhost!.id, 'host')).status).toBe(403)
    expect((await put(editor, LATER, S_SOON, guest!.id, 'guest')).status).toBe(404)
    expect((await put(editor, LATER, S_LATER, guest!.id, 'operator')).status).toBe(400)
    expect((await put(await login(h.url, 'editor2', 'editor-demo'), SOON, S_SOON, guest!.id, 'guest')).status).toBe(403)
    expect((await put(editor, OTHER, S_SOON, guest!.id, 'guest')).status).toBe(404)
    const removed = await json<UnitEventDto>(await req('DELETE', `/api/unit/events/${LATER}/sessions/${S_LATER}/staff/${rsjhost!.id}`, editor))
    expect(removed.staff.map((s) => s.userId)).not.toContain(rsjhost!.id)
  })
})

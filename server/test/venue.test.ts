import type { AgendaItemDto, InviteeDto, OpinionStaffDto, ParticipantOpinionsDto, PhotoDto, ReplyTaskDto, VenueRecordDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientId, type Harness, login, startServer } from './harness.ts'
import { addStaff, api } from './hotline-helpers.ts'
import { MAX_PER_PARTICIPANT } from '../src/features/opinions/service.ts'

// Issue 14, the day of a symposium: its agenda, the opinions recorded during it and sent from the
// participants' phones after check-in, their publication and written replies, the photos, and the
// public record the archive shows (names only where the role makes them public). SQLite and PostgreSQL.

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const EVENT = 'venue-symposium'
const LIVE = 'venue-interview'
const HOUR = 3_600_000
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const base = (id = EVENT) => `/api/unit/events/${id}`
const opinions = (who = 'editor') => a.json<OpinionStaffDto[]>(a.get(`${base()}/opinions`, cookies[who]))
const record = () => a.json<VenueRecordDto>(a.get(`/api/events/${EVENT}/record`))
let start: Date

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  const unit = async (code: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code } })).id
  start = new Date(Date.now() - HOUR)
  for (const [id, form] of [[EVENT, 'symposium'], [LIVE, 'interview_video']] as const) {
    await h.app.db.event.create({ data: {
      id, year: 2026, month: 12, theme: id === EVENT ? '营商环境座谈会' : '访谈', form, status: 'published', startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR),
      hostUnits: { create: [{ unitId: await unit('rsj'), role: 'lead' }, { unitId: await unit('zjj'), role: 'joint' }] },
      sessions: { create: [{ id: `${id}-s`, kind: form === 'symposium' ? 'symposium' : 'interview', title: '座谈', scheduledStart: start, scheduledEnd: new Date(start.getTime() + 3 * HOUR) }] },
    } })
  }
  await h.app.db.sessionStaff.create({ data: { sessionId: `${EVENT}-s`, userId: (await h.app.db.user.findUniqueOrThrow({ where: { username: 'moderator' } })).id, role: 'moderator' } })
  for (const u of ['admin', 'editor', 'zjj-editor', 'moderator', 'host']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

describe('the agenda', () => {
  const wall = (d: Date, plusMin: number) => new Date(d.getTime() + plusMin * 60_000 + 8 * HOUR).toISOString().slice(0, 16)
  it('the lead unit saves the whole list, sorted by time; the joint unit and staff read it; hostile lists store nothing', async () => {
    const items = [
      { startsAt: wall(start, 60), title: '代表发言', place: '三楼会议室', speaker: '' },
      { startsAt: wall(start, 0), endsAt: wall(start, 20), title: '主持人介绍', speaker: '李处长' },
    ]
    const saved = await a.json<AgendaItemDto[]>(a.put(`${base()}/agenda`, cookies.editor, { items }))
    expect(saved.map((i) => i.title)).toEqual(['主持人介绍', '代表发言'])
    // Wall times are the office's (Asia/Shanghai), whatever zone the machine has.
    expect(new Date(saved[0]!.startsAt).getTime()).toBe(Math.floor(start.getTime() / 60_000) * 60_000)
    expect(await a.json<AgendaItemDto[]>(a.get(`${base()}/agenda`, cookies.moderator))).toHaveLength(2)
    expect(await status(a.put(`${base()}/agenda`, cookies['zjj-editor'], { items }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.put(`${base()}/agenda`, cookies.moderator, { items }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get(`${base()}/agenda`, cookies.host))).toEqual([404, 'NOT_FOUND'])
    for (const bad of [
      { items: [{ startsAt: wall(start, 0), title: '' }] },
      { items: [{ startsAt: wall(start, 0), title: 'a\uD800' }] },
      { items: [{ startsAt: '2020-01-01T09:00', title: '远在会期之外' }] },
      { items: [{ startsAt: wall(start, 30), endsAt: wall(start, 10), title: '先结束后开始' }] },
      { items: [{ startsAt: wall(start, 0), title: 'x', extra: 1 }] },
    ]) expect(await status(a.put(`${base()}/agenda`, cookies.editor, bad))).toEqual([400, 'BAD_REQUEST'])
    expect((await a.json<AgendaItemDto[]>(a.get(`${base()}/agenda`, cookies.editor))).map((i) => i.title)).toEqual(['主持人介绍', '代表发言'])
    expect(await status(a.get(`${base(LIVE)}/agenda`, cookies.editor))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('opinions', () => {
  let deputy: InviteeDto
  let citizen: InviteeDto
  let token: string
  beforeAll(async () => {
    deputy = await a.json<InviteeDto>(a.post(`${base()}/invitees`, cookies.editor, { category: 'npc_deputy', name: '陈代表', org: '市人大代表' }), 201)
    citizen = await a.json<InviteeDto>(a.post(`${base()}/invitees`, cookies.editor, { category: 'citizen', name: '刘市民', phone: '13600001111' }), 201)
    token = (await a.json<{ token: string }>(a.get(`${base()}/invitees/${citizen.id}/code`, cookies.editor))).token
    await a.post(`/api/admin/sensitive-words`, cookies.admin, { word: '内幕' })
  })

  it('the recorder writes who said what; it is public at once, masked, unless the filter holds it', async () => {
    const said = await a.json<OpinionStaffDto>(a.post(`${base()}/opinions`, cookies.moderator, { clientId: clientId(), inviteeId: deputy.id, category: 'citizen', body: '建议简化开办企业流程，电话13912345678' }), 201)
    // The invitee decides the speaker and the category, not the form.
    expect(said).toMatchObject({ source: 'recorded', speaker: '陈代表', category: 'npc_deputy', status: 'published', hits: [] })
    expect(said.body).not.toContain('13912345678')
    const held = await a.json<OpinionStaffDto>(a.post(`${base()}/opinions`, cookies['zjj-editor'], { clientId: clientId(), speaker: '一位企业家', category: 'expert', body: '听说有内幕' }), 201)
    expect(held).toMatchObject({ status: 'pending', hits: ['内幕'] })
    const rec = await record()
    expect(rec.opinions.map((o) => o.body)).toEqual([said.body])
    expect(rec.opinions[0]).toMatchObject({ speaker: '陈代表', category: 'npc_deputy', reply: null, awaitingReply: false })
  })

  it('the same clientId is the same opinion, also twice at the same moment; hostile entries store nothing', async () => {
    const before = (await opinions()).length
    const body = { clientId: clientId(), speaker: '', category: 'expert', body: '同一条意见' }
    const both = await Promise.all([a.post(`${base()}/opinions`, cookies.moderator, body), a.post(`${base()}/opinions`, cookies.moderator, body)])
    expect(both.map((r) => r.status)).toEqual([201, 201])
    const [x, y] = await Promise.all(both.map((r) => r.json() as Promise<OpinionStaffDto>))
    expect(x!.id).toBe(y!.id)
    for (const bad of [
      { ...body, clientId: clientId(), body: '' },
      { ...body, clientId: clientId(), body: '坏的\uDC00' },
      { ...body, clientId: clientId(), category: 'boss' },
      { ...body, clientId: clientId(), inviteeId: 'nope' },
      { ...body, clientId: clientId(), extra: true },
    ]) expect((await a.post(`${base()}/opinions`, cookies.moderator, bad)).status).toBeGreaterThanOrEqual(400)
    expect(await opinions()).toHaveLength(before + 1)
    expect(await status(a.post(`${base()}/opinions`, cookies.host, { ...body, clientId: clientId() }))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.post(`${base(LIVE)}/opinions`, cookies.editor, { ...body, clientId: clientId() }))).toEqual([404, 'NOT_FOUND'])
  })

  it('a participant sends from the phone only after check-in; theirs waits for the unit', async () => {
    const send = (body: string, id = clientId()) => a.post(`/api/invitations/${encodeURIComponent(token)}/opinions`, null, { clientId: id, body })
    expect(await a.json<ParticipantOpinionsDto>(a.get(`/api/invitations/${encodeURIComponent(token)}/opinions`))).toEqual({ canSend: false, reason: 'not_checked_in', opinions: [] })
    expect(await status(send('还没签到'))).toEqual([403, 'FORBIDDEN'])
    expect((await a.json<{ ok: boolean }>(a.post(`${base()}/checkin`, cookies.moderator, { token }))).ok).toBe(true)
    const sent = await a.json<{ id: string; status: string }>(send('希望社区多开几场政策宣讲，我的电话13600001111'), 201)
    expect(sent.status).toBe('pending')
    const mine = await a.json<ParticipantOpinionsDto>(a.get(`/api/invitations/${encodeURIComponent(token)}/opinions`))
    expect(mine.canSend).toBe(true)
    expect(mine.opinions).toHaveLength(1)
    expect(mine.opinions[0]!.body).not.toContain('13600001111')
    expect(await status(a.get(`/api/invitations/${encodeURIComponent(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)}/opinions`))).toEqual([404, 'NOT_FOUND'])
    expect(await status(send('\uD800'))).toEqual([400, 'BAD_REQUEST'])
    // A phone that loops on send is stopped; the same clientId again is still the same opinion.
    const again = await a.json<{ id: string }>(a.post(`/api/invitations/${encodeURIComponent(token)}/opinions`, null, { clientId: 'loop-0000', body: '重复' }), 201)
    for (let k = 2; k < MAX_PER_PARTICIPANT; k++) await a.json(send(`第${k}条`), 201)
    expect(await status(send('再多一条'))).toEqual([429, 'RATE_LIMITED'])
    expect((await a.json<{ id: string }>(a.post(`/api/invitations/${encodeURIComponent(token)}/opinions`, null, { clientId: 'loop-0000', body: '重复' }), 201)).id).toBe(again.id)
    await h.app.db.opinion.deleteMany({ where: { inviteeId: citizen.id, id: { notIn: [sent.id] } } })
    const staff = (await opinions()).find((o) => o.id === sent.id)!
    expect(staff).toMatchObject({ source: 'participant', speaker: '刘市民', category: 'citizen', status: 'pending' })
    expect((await record()).opinions.some((o) => o.id === sent.id)).toBe(false)
    const row = await h.app.db.opinion.findUniqueOrThrow({ where: { id: sent.id } })
    expect(JSON.stringify(row)).not.toContain('13600001111')
  })

  it('the lead unit publishes or hides (audited); a citizen is not named on the public record', async () => {
    const sent = (await opinions()).find((o) => o.source === 'participant')!
    expect(await status(a.post(`${base()}/opinions/${sent.id}/status`, cookies['zjj-editor'], { status: 'published' }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`${base()}/opinions/${sent.id}/status`, cookies.moderator, { status: 'published' }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`${base()}/opinions/${sent.id}/status`, cookies.editor, { status: 'pending' }))).toEqual([400, 'BAD_REQUEST'])
    expect((await a.json<OpinionStaffDto>(a.post(`${base()}/opinions/${sent.id}/status`, cookies.editor, { status: 'published' }))).status).toBe('published')
    const pub = (await record()).opinions.find((o) => o.id === sent.id)!
    expect(pub).toMatchObject({ category: 'citizen', speaker: null })
    expect(JSON.stringify(await record())).not.toContain('刘市民')
    const held = (await opinions()).find((o) => o.hits.length)!
    await a.json(a.post(`${base()}/opinions/${held.id}/status`, cookies.admin, { status: 'hidden' }))
    expect((await record()).opinions.some((o) => o.id === held.id)).toBe(false)
    expect(await h.app.db.auditLog.count({ where: { action: { in: ['opinion.published', 'opinion.hidden'] } } })).toBe(2)
    expect(await status(a.post(`${base()}/opinions/${held.id}/assign`, cookies.editor, { unitId: held.id }))).toEqual([409, 'CONFLICT'])
  })

  it('assigned to a unit, it owes a written reply there; once published the public record shows it', async () => {
    const o = (await opinions()).find((x) => x.source === 'participant')!
    const zjj = (await h.app.db.unit.findUniqueOrThrow({ where: { code: 'zjj' } })).id
    expect(await status(a.post(`${base()}/opinions/${o.id}/assign`, cookies['zjj-editor'], { unitId: zjj }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`${base()}/opinions/${o.id}/assign`, cookies.editor, { unitId: 'no-such-unit' }))).toEqual([400, 'BAD_REQUEST'])
    const both = await Promise.all([a.post(`${base()}/opinions/${o.id}/assign`, cookies.editor, { unitId: zjj }), a.post(`${base()}/opinions/${o.id}/assign`, cookies.admin, { unitId: zjj })])
    expect(both.map((r) => r.status).sort()).toEqual([200, 409])
    expect((await opinions()).find((x) => x.id === o.id)!.reply).toMatchObject({ unit: { id: zjj }, state: 'open', published: false })
    expect((await record()).opinions.find((x) => x.id === o.id)).toMatchObject({ reply: null, awaitingReply: true })
    const tasks = await a.json<ReplyTaskDto[]>(a.get('/api/replies', cookies['zjj-editor']))
    const t = tasks.find((x) => x.opinionId === o.id)!
    expect(t).toMatchObject({ kind: 'opinion', questionId: null })
    expect(t.question.body).toBe(o.body)
    // The lead unit's tasks list does not hold another unit's.
    expect((await a.json<ReplyTaskDto[]>(a.get('/api/replies', cookies.editor))).some((x) => x.opinionId === o.id)).toBe(false)
    const saved = await a.json<ReplyTaskDto>(a.put(`/api/replies/${t.id}`, cookies['zjj-editor'], { revision: t.revision, body: '下月起每个街道每季度一场政策宣讲。' }))
    await a.json(a.post(`/api/replies/${t.id}/publish`, cookies['zjj-editor'], { revision: saved.revision, note: '' }))
    const shown = (await record()).opinions.find((x) => x.id === o.id)!
    expect(shown.reply?.body).toBe('下月起每个街道每季度一场政策宣讲。')
    expect(shown.awaitingReply).toBe(false)
  })
})

describe('photos', () => {
  const upload = (cookie: string | undefined, bytes = PNG, caption = '与会代表发言') => {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'p.png')
    form.append('caption', caption)
    return fetch(`${h.url}${base()}/day-photos`, { method: 'POST', headers: { 'x-openday-csrf': '1', ...(cookie ? { cookie } : {}) }, body: form })
  }
  it('the lead unit adds them, judged by their bytes; the public record shows them; removed ones are no longer served', async () => {
    const p = await a.json<PhotoDto>(upload(cookies.editor), 201)
    expect(p).toMatchObject({ caption: '与会代表发言', position: 0 })
    const second = await a.json<PhotoDto>(upload(cookies.admin, PNG, '参观现场'), 201)
    expect(second.position).toBe(1)
    expect(await status(upload(cookies['zjj-editor']))).toEqual([403, 'FORBIDDEN'])
    expect(await status(upload(cookies.moderator))).toEqual([403, 'FORBIDDEN'])
    expect((await upload(cookies.editor, Buffer.from('<script>alert(1)</script>'))).status).toBe(400)
    // (A lone surrogate cannot travel in a UTF-8 form; the length is what a form can break.)
    expect(await status(upload(cookies.editor, PNG, '长'.repeat(201)))).toEqual([400, 'BAD_REQUEST'])
    expect((await record()).photos.map((x) => x.caption)).toEqual(['与会代表发言', '参观现场'])
    const img = await fetch(`${h.url}${p.url}`)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toContain('image/png')
    expect((await a.json<PhotoDto>(a.put(`${base()}/day-photos/${second.id}`, cookies.editor, { caption: '参观政务服务中心', position: 0 }))).caption).toBe('参观政务服务中心')
    expect(await status(a.put(`${base()}/day-photos/${second.id}`, cookies.editor, { caption: 'x', position: -1 }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(a.del(`${base()}/day-photos/${p.id}`, cookies['zjj-editor']))).toEqual([403, 'FORBIDDEN'])
    expect((await a.del(`${base()}/day-photos/${p.id}`, cookies.editor)).status).toBe(204)
    expect((await fetch(`${h.url}${p.url}`)).status).toBe(404)
    expect((await record()).photos.map((x) => x.caption)).toEqual(['参观政务服务中心'])
    expect(await h.app.db.auditLog.count({ where: { action: { in: ['photo.add', 'photo.remove'] }, targetId: EVENT } })).toBe(3)
    expect(await status(a.get(`${base(LIVE)}/day-photos`, cookies.editor))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('the public record', () => {
  it('counts who came by category, names deputies, is refused for other forms', async () => {
    const deputy = (await h.app.db.invitee.findFirstOrThrow({ where: { eventId: EVENT, name: '陈代表' } })).id
    expect((await a.json<{ ok: boolean }>(a.post(`${base()}/checkin`, cookies.moderator, { inviteeId: deputy }))).ok).toBe(true)
    const rec = await record()
    expect(rec.attendance.find((x) => x.category === 'npc_deputy')).toEqual({ category: 'npc_deputy', count: 1, names: ['陈代表'] })
    expect(rec.form).toBe('symposium')
    expect(rec.agenda).toHaveLength(2)
    const cit = rec.attendance.find((x) => x.category === 'citizen')!
    expect(cit).toEqual({ category: 'citizen', count: 1, names: [] })
    expect(await status(a.get(`/api/events/${LIVE}/record`))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get('/api/events/no-such/record'))).toEqual([404, 'NOT_FOUND'])
  })
})

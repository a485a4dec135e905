import type { AttendanceDto, CheckInResultDto, InviteeDto } from '@openday/protocol'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, login, startServer } from './harness.ts'
import { addStaff, api } from './hotline-helpers.ts'

// Issue 14, invitees and check-in for a symposium: who manages and checks in, the import taken
// whole or not at all, sign-ups within the deadline and capacity, phones encrypted and revealed
// with an audit row, codes that check in once (also two scans at the same moment), hostile bodies.
// SQLite and PostgreSQL.

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const EVENT = 'att-symposium'
const OTHER = 'att-other'
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const base = (id: string) => `/api/unit/events/${id}`
/** The same token with its last character changed (to a different one, whatever it was). */
const forge = (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  await addStaff(h, 'jyj-editor', 'unit_editor', 'jyj').catch(async () => {
    // The live-core demo has no 教育局: make it.
    await h.app.db.unit.create({ data: { code: 'jyj', name: '市教育局' } })
    await addStaff(h, 'jyj-editor', 'unit_editor', 'jyj')
  })
  const unit = async (code: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code } })).id
  const day = 86_400_000
  for (const [id, start] of [[EVENT, Date.now() + 5 * day], [OTHER, Date.now() + 9 * day]] as const) {
    await h.app.db.event.create({ data: {
      id, year: 2026, month: 12, theme: id === EVENT ? '乡村振兴政策座谈会' : '另一场座谈会', form: 'symposium', status: 'published', startsAt: new Date(start), endsAt: new Date(start + 3 * 3_600_000),
      hostUnits: { create: [{ unitId: await unit('rsj'), role: 'lead' }, { unitId: await unit('zjj'), role: 'joint' }] },
      sessions: { create: [{ id: `${id}-s`, kind: 'symposium', title: '座谈', scheduledStart: new Date(start), scheduledEnd: new Date(start + 3_600_000) }] },
    } })
  }
  await h.app.db.sessionStaff.create({ data: { sessionId: `${EVENT}-s`, userId: (await h.app.db.user.findUniqueOrThrow({ where: { username: 'moderator' } })).id, role: 'moderator' } })
  for (const u of ['admin', 'editor', 'zjj-editor', 'jyj-editor', 'moderator', 'host']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

const view = (who = 'editor', id = EVENT) => a.json<AttendanceDto>(a.get(`${base(id)}/attendance`, cookies[who]))
async function xlsx(rows: (string | number)[][]): Promise<FormData> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('邀请名单')
  ws.addRow(['类别', '姓名', '单位或职务', '手机号'])
  for (const r of rows) ws.addRow(r)
  const form = new FormData()
  form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'list.xlsx')
  return form
}
const importList = async (form: FormData, who = 'editor') => fetch(`${h.url}${base(EVENT)}/invitees/import`, { method: 'POST', headers: { 'x-openday-csrf': '1', cookie: cookies[who]! }, body: form })
const checkIn = (body: unknown, who = 'moderator', id = EVENT) => a.json<CheckInResultDto>(a.post(`${base(id)}/checkin`, cookies[who], body))

describe('the invitee list', () => {
  it('the lead unit adds one by one; the phone is masked on every screen and encrypted at rest', async () => {
    const inv = await a.json<InviteeDto>(a.post(`${base(EVENT)}/invitees`, cookies.editor, { category: 'npc_deputy', name: '张代表', org: '市人大代表', phone: '138 1234 5678' }), 201)
    expect(inv).toMatchObject({ category: 'npc_deputy', phone: '138****5678', status: 'confirmed', source: 'manual' })
    const row = await h.app.db.invitee.findUniqueOrThrow({ where: { id: inv.id } })
    expect(JSON.stringify(row)).not.toContain('13812345678')
    expect(await status(a.post(`${base(EVENT)}/invitees`, cookies.editor, { category: 'expert', name: '重复', phone: '13812345678' }))).toEqual([409, 'CONFLICT'])
  })

  it('only the lead unit and the admin manage it; the joint unit and the event\'s staff read it; others see nothing', async () => {
    const body = { category: 'citizen', name: '王市民' }
    expect(await status(a.post(`${base(EVENT)}/invitees`, cookies['zjj-editor'], body))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`${base(EVENT)}/invitees`, cookies.moderator, body))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`${base(EVENT)}/invitees`, cookies['jyj-editor'], body))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`${base(EVENT)}/attendance`, cookies['jyj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`${base(EVENT)}/attendance`, cookies.host))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`${base(EVENT)}/attendance`, null))).toEqual([401, 'UNAUTHENTICATED'])
    expect((await view('zjj-editor')).canManage).toBe(false)
    expect((await view('moderator')).invitees).toHaveLength(1)
    expect((await a.json<InviteeDto>(a.post(`${base(EVENT)}/invitees`, cookies.admin, body), 201)).name).toBe('王市民')
  })

  it('hostile bodies are refused with codes and store nothing', async () => {
    const before = (await view()).invitees.length
    for (const b of [{ category: 'boss', name: 'x' }, { category: 'citizen', name: '' }, { category: 'citizen', name: 'a\uD800' }, { category: 'citizen', name: 'x', phone: '123' }, { category: 'citizen', name: 'x', extra: 1 }]) {
      expect(await status(a.post(`${base(EVENT)}/invitees`, cookies.editor, b))).toEqual([400, 'BAD_REQUEST'])
    }
    expect((await view()).invitees).toHaveLength(before)
  })

  it('an XLSX list is taken whole, or not at all with the bad lines named', async () => {
    const before = (await view()).invitees.length
    const bad = await importList(await xlsx([['政协委员', '李委员', '市政协委员', 13900000001], ['领导', '赵', '', ''], ['专家学者', '钱教授', '', 'abc']]))
    expect(bad.status).toBe(400)
    const msg = ((await bad.json()) as { error: { message: string } }).error.message
    expect(msg).toContain('第 3 行')
    expect(msg).toContain('第 4 行')
    // A row that collides with a phone already listed rolls the whole list back too.
    expect((await importList(await xlsx([['政协委员', '李委员', '', 13900000001], ['专家学者', '冒名', '', 13812345678]]))).status).toBe(409)
    expect((await view()).invitees).toHaveLength(before)
    expect((await importList(await xlsx([['政协委员', '李委员', '', 13900000001], ['媒体', '记者小周', '市融媒体中心', '']]), 'zjj-editor')).status).toBe(403)
    const ok = await importList(await xlsx([['政协委员', '李委员', '市政协委员', 13900000001], ['媒体', '记者小周', '市融媒体中心', '']]))
    expect(ok.status).toBe(201)
    expect(await ok.json()).toEqual({ added: 2 })
    expect((await view()).invitees.filter((i) => i.source === 'import').map((i) => i.name)).toEqual(['李委员', '记者小周'])
  })

  it('the full number only through a reveal, which is audited', async () => {
    const inv = (await view()).invitees.find((i) => i.name === '张代表')!
    expect(await a.json(a.post(`${base(EVENT)}/invitees/${inv.id}/reveal`, cookies.editor, {}))).toEqual({ phone: '13812345678' })
    expect(await h.app.db.auditLog.count({ where: { action: 'invitee.reveal', targetId: EVENT } })).toBe(1)
  })
})

describe('sign-up', () => {
  const signup = (name: string, phone: string) => a.post(`/api/events/${EVENT}/signup`, null, { name, phone })
  it('is refused until the unit opens it; then within the capacity; the unit confirms', async () => {
    expect(await status(signup('市民甲', '13700000001'))).toEqual([409, 'NOT_OPEN'])
    expect(await a.json(a.get(`/api/events/${EVENT}/signup`))).toEqual({ open: false, deadline: null, placesLeft: null })
    const taken = (await view()).invitees.filter((i) => i.status !== 'declined').length
    await a.json(a.put(`${base(EVENT)}/attendance/settings`, cookies.editor, { signupOpen: true, signupDeadline: null, capacity: taken + 1 }))
    // Two at the same moment for the last place: one gets it.
    expect(await a.json(a.get(`/api/events/${EVENT}/signup`))).toMatchObject({ open: true, placesLeft: 1 })
    const both = await Promise.all([signup('市民甲', '13700000001'), signup('市民乙', '13700000002')])
    expect(both.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await status(signup('市民丙', '13700000003'))).toEqual([409, 'CONFLICT'])
    const pending = (await view()).invitees.find((i) => i.status === 'pending')!
    expect(pending).toMatchObject({ category: 'citizen', source: 'signup' })
    await a.json(a.post(`${base(EVENT)}/invitees/${pending.id}/status`, cookies.editor, { status: 'confirmed' }))
    await a.json(a.put(`${base(EVENT)}/attendance/settings`, cookies.editor, { signupOpen: true, signupDeadline: '2020-01-01T09:00', capacity: null }))
    expect(await status(signup('市民丁', '13700000004'))).toEqual([409, 'NOT_OPEN'])
    expect(await status(a.post(`/api/events/${EVENT}/signup`, null, { name: '市民戊', phone: '1' }))).toEqual([400, 'BAD_REQUEST'])
  })
})

describe('check-in', () => {
  it('a code checks in once, also when scanned twice at the same moment; forged, other events\' and unconfirmed codes are refused', async () => {
    const inv = (await view()).invitees.find((i) => i.name === '李委员')!
    const { token, url } = await a.json<{ token: string; url: string }>(a.get(`${base(EVENT)}/invitees/${inv.id}/code`, cookies.editor))
    expect(url).toContain('/invitation/')
    // The invitee's phone opens the invitation by its token alone; a forged one opens nothing.
    expect(await a.json(a.get(`/api/invitations/${encodeURIComponent(token)}`))).toMatchObject({ invitee: { name: '李委员', category: 'cppcc_member' }, event: { theme: '乡村振兴政策座谈会' } })
    expect(await status(a.get(`/api/invitations/${encodeURIComponent(forge(token))}`))).toEqual([404, 'NOT_FOUND'])
    const printed = await a.json<{ token: string }[]>(a.get(`${base(EVENT)}/invitations`, cookies.editor))
    expect(printed.map((p) => p.token)).toContain(token)
    const both = await Promise.all([checkIn({ token }), checkIn({ token }, 'zjj-editor')])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'already' })
    expect(await checkIn({ token: forge(token) })).toMatchObject({ ok: false, reason: 'forged' })
    expect(await checkIn({ token: 'nonsense' })).toMatchObject({ ok: false, reason: 'forged' })
    expect(await checkIn({ token }, 'admin', OTHER)).toMatchObject({ ok: false, reason: 'other_event' })
    const declined = await a.json<InviteeDto>(a.post(`${base(EVENT)}/invitees`, cookies.editor, { category: 'citizen', name: '未确认' }), 201)
    await a.json(a.post(`${base(EVENT)}/invitees/${declined.id}/status`, cookies.editor, { status: 'declined' }))
    expect(await status(a.get(`${base(EVENT)}/invitees/${declined.id}/code`, cookies.editor))).toEqual([409, 'CONFLICT'])
    expect(await checkIn({ inviteeId: declined.id })).toMatchObject({ ok: false, reason: 'not_confirmed' })
    // By name search at the door: the picked person, once.
    const zhang = (await view()).invitees.find((i) => i.name === '张代表')!
    expect(await checkIn({ inviteeId: zhang.id })).toMatchObject({ ok: true })
    expect(await checkIn({ inviteeId: zhang.id })).toMatchObject({ ok: false, reason: 'already' })
    expect(await status(a.post(`${base(EVENT)}/checkin`, cookies['jyj-editor'], { token }))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.post(`${base(EVENT)}/checkin`, cookies.moderator, { token, inviteeId: 'x' }))).toEqual([400, 'BAD_REQUEST'])
  })

  it('a code of an event long over is refused as expired', async () => {
    const rsj = (await h.app.db.unit.findUniqueOrThrow({ where: { code: 'rsj' } })).id
    const start = Date.now() - 3 * 86_400_000
    await h.app.db.event.create({ data: {
      id: 'att-past', year: 2026, month: 12, theme: '已结束的座谈会', form: 'symposium', status: 'published', startsAt: new Date(start), endsAt: new Date(start + 3_600_000),
      hostUnits: { create: [{ unitId: rsj, role: 'lead' }] },
    } })
    const inv = await a.json<InviteeDto>(a.post(`${base('att-past')}/invitees`, cookies.editor, { category: 'expert', name: '迟到的专家' }), 201)
    const { token } = await a.json<{ token: string }>(a.get(`${base('att-past')}/invitees/${inv.id}/code`, cookies.editor))
    expect(await checkIn({ token }, 'admin', 'att-past')).toMatchObject({ ok: false, reason: 'expired' })
    expect(await checkIn({ inviteeId: inv.id }, 'admin', 'att-past')).toMatchObject({ ok: false, reason: 'expired' })
    expect((await h.app.db.invitee.findUniqueOrThrow({ where: { id: inv.id } })).checkedInAt).toBeNull()
  })

  it('attendance by category is counted for the staff', async () => {
    const f = (await view('moderator')).figures
    expect(f.npc_deputy).toEqual({ confirmed: 1, checkedIn: 1 })
    expect(f.cppcc_member).toEqual({ confirmed: 1, checkedIn: 1 })
    expect(f.media).toEqual({ confirmed: 1, checkedIn: 0 })
  })
})

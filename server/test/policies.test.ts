import type { ArchiveDto, AuditPageDto, PolicyAdminItemDto, PolicyListItemDto, PolicyQuestionStaffDto, PolicyStaffDto, PolicyStaffListDto, PublicPolicyDto, QuestionStaffDto, ReplyTaskDto, SyncResult, UploadDto } from '@openday/protocol'
import { zipSync, strToU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays, workCalendar } from '../src/lib/workdays.ts'
import { citizenToken, client, clientId, type Harness, login, ok, send, staff, startServer } from './harness.ts'
import { addStaff, api } from './hotline-helpers.ts'

// Issue 14, the press release (政策发布): policy documents judged by their bytes, the interpretation
// and its 3-working-day rule, the briefing on the live core, citizens' questions on the policy's page
// after it, their moderation and written replies, the public page. SQLite and PostgreSQL.

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const EVENT = 'policy-release'
const SESSION = `${EVENT}-s`
const OTHER = 'policy-symposium'
const HOUR = 3_600_000
const TZ = 'Asia/Shanghai'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const docx = (parts: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]))))
const DOCX = docx({
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
  'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>政策</w:t></w:r></w:p></w:body></w:document>',
})
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const base = (id = EVENT) => `/api/unit/events/${id}`
/** A wall date in Beijing, `days` from now. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * HOUR).toISOString().slice(0, 10)

function multipart(path: string, cookie: string | null, file: { bytes: Buffer; name: string; type?: string } | null, fields: Record<string, string> = {}) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name)
  return fetch(`${h.url}${path}`, { method: 'POST', headers: { 'x-openday-csrf': '1', ...(cookie ? { cookie } : {}) }, body: form })
}
const upload = (file: { bytes: Buffer; name: string; type?: string } | null, fields: Record<string, string>, who: string | null = 'editor', id = EVENT) =>
  multipart(`${base(id)}/policies`, who ? cookies[who]! : null, file, fields)
const staffList = async (who = 'editor') => (await a.json<PolicyStaffListDto>(a.get(`${base()}/policies`, cookies[who]))).documents
const publicPolicy = (id: string, cookie: string | null = null) => a.json<PublicPolicyDto>(a.get(`/api/policies/${id}`, cookie))
const audits = async (action: string) => (await a.json<AuditPageDto>(a.get(`/api/admin/audit?action=${action}`, cookies.admin))).items

beforeAll(async () => {
  // Every ask here comes from one or two devices: the per-device question limit is not what is tested.
  h = await startServer({ RATE_QUESTIONS_PER_TOKEN: '100' })
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  const unit = async (code: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code } })).id
  const start = new Date(Date.now() - HOUR)
  for (const [id, form] of [[EVENT, 'press_release'], [OTHER, 'symposium']] as const) {
    await h.app.db.event.create({ data: {
      id, year: 2026, month: 12, theme: id === EVENT ? '稳就业政策新闻发布会' : '座谈', form, status: 'published', startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR),
      hostUnits: { create: [{ unitId: await unit('rsj'), role: 'lead' }, { unitId: await unit('zjj'), role: 'joint' }] },
      sessions: { create: [{ id: `${id}-s`, kind: form, title: id === EVENT ? '发布会' : '座谈', scheduledStart: start, scheduledEnd: new Date(start.getTime() + 3 * HOUR) }] },
    } })
  }
  const user = async (username: string) => (await h.app.db.user.findUniqueOrThrow({ where: { username } })).id
  await h.app.db.sessionStaff.createMany({ data: [{ sessionId: SESSION, userId: await user('host'), role: 'host' }, { sessionId: SESSION, userId: await user('moderator'), role: 'moderator' }] })
  for (const u of ['admin', 'editor', 'zjj-editor', 'moderator', 'host', 'operator']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

let pdf: PolicyStaffDto
let late: PolicyStaffDto

describe('policy documents', () => {
  it('the lead unit uploads a PDF: the type comes from the bytes, not the name or the claim', async () => {
    pdf = await a.json<PolicyStaffDto>(upload({ bytes: PDF, name: '稳就业若干措施.exe', type: 'text/html' }, { title: '关于进一步稳就业的若干措施', docNumber: '市政发〔2026〕12号', issuedAt: day(0) }), 201)
    expect(pdf).toMatchObject({ title: '关于进一步稳就业的若干措施', docNumber: '市政发〔2026〕12号', issuedAt: day(0), interpretation: null, late: false, overdue: false, canManage: true, questions: { pending: 0, approved: 0, rejected: 0 } })
    expect(pdf.file).toMatchObject({ mime: 'application/pdf', size: PDF.length, name: '稳就业若干措施.pdf' })
    const served = await fetch(`${h.url}${pdf.file.url}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await served.arrayBuffer()).equals(PDF)).toBe(true)
    // Due at the end of the 3rd working day after the issue day, on the office calendar.
    const cal = workCalendar(await h.app.db.calendarDay.findMany())
    const issued = new Date(`${day(0)}T00:00:00+08:00`)
    expect(pdf.dueAt).toBe(addWorkingDays(issued, 3, TZ, cal).toISOString())
  })

  it('a DOCX must really be a Word document; HTML, a plain ZIP, macros, empty or oversized files are refused with codes, nothing stored', async () => {
    late = await a.json<PolicyStaffDto>(upload({ bytes: DOCX, name: '实施细则.docx' }, { title: '实施细则', issuedAt: day(-10) }), 201)
    expect(late.file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const fields = { title: '坏文件', issuedAt: day(0) }
    for (const [bytes, code] of [
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'BAD_REQUEST'],
      [docx({ 'readme.txt': '不是 Word 文档' }), 'BAD_REQUEST'],
      [docx({ '[Content_Types].xml': '<Types/>', 'word/styles.xml': '<x/>' }), 'BAD_REQUEST'],
      [docx({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<x/>', 'word/vbaProject.bin': 'macro' }), 'BAD_REQUEST'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'BAD_REQUEST'],
      [Buffer.alloc(0), 'BAD_REQUEST'],
      [Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]), 'PAYLOAD_TOO_LARGE'],
    ] as const) expect(await status(upload({ bytes, name: 'x.pdf', type: 'application/pdf' }, fields))).toEqual([bytes.length > 1e6 ? 413 : 400, code])
    for (const bad of [
      { issuedAt: day(0) },
      { title: '', issuedAt: day(0) },
      { title: 'x', issuedAt: '2026-02-30' },
      { title: 'x', issuedAt: '明天' },
      { title: 'x', issuedAt: day(0), extra: '1' },
    ]) expect(await status(upload({ bytes: PDF, name: 'x.pdf' }, bad as Record<string, string>))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(upload(null, fields))).toEqual([400, 'BAD_REQUEST'])
    expect((await staffList()).map((d) => d.id)).toEqual([pdf.id, late.id])
    expect(await h.app.db.upload.count({ where: { eventId: EVENT } })).toBe(2)
  })

  it('the joint unit and the briefing staff read; only the lead unit and the admin change; others see nothing', async () => {
    const joint = await a.json<PolicyStaffListDto>(a.get(`${base()}/policies`, cookies['zjj-editor']))
    expect([joint.canManage, joint.documents.map((d) => d.canManage)]).toEqual([false, [false, false]])
    expect((await a.json<PolicyStaffListDto>(a.get(`${base()}/policies`, cookies.editor))).canManage).toBe(true)
    expect((await staffList('host')).length).toBe(2)
    expect((await staffList('admin')).every((d) => d.canManage)).toBe(true)
    expect(await status(upload({ bytes: PDF, name: 'x.pdf' }, { title: 'x', issuedAt: day(0) }, 'zjj-editor'))).toEqual([403, 'FORBIDDEN'])
    expect(await status(upload({ bytes: PDF, name: 'x.pdf' }, { title: 'x', issuedAt: day(0) }, 'host'))).toEqual([403, 'FORBIDDEN'])
    expect(await status(upload({ bytes: PDF, name: 'x.pdf' }, { title: 'x', issuedAt: day(0) }, null))).toEqual([401, 'UNAUTHENTICATED'])
    expect(await status(a.get(`${base()}/policies`, cookies.operator))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.put(`${base()}/policies/${pdf.id}`, cookies['zjj-editor'], { title: '改', issuedAt: day(0) }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(upload({ bytes: PDF, name: 'x.pdf' }, { title: 'x', issuedAt: day(0) }, 'editor', OTHER))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`${base(OTHER)}/policies`, cookies.editor))).toEqual([404, 'NOT_FOUND'])
    // Another event's document is not reached through this one.
    expect(await status(a.put(`${base(OTHER)}/policies/${pdf.id}`, cookies.editor, { title: '改', issuedAt: day(0) }))).toEqual([404, 'NOT_FOUND'])
    // A form's text fields reach the server as UTF-8 (a lone surrogate is replaced on the way); JSON carries it.
    expect(await status(a.put(`${base()}/policies/${pdf.id}`, cookies.editor, { title: '坏\uD800', issuedAt: day(0) }))).toEqual([400, 'BAD_REQUEST'])
    const renamed = await a.json<PolicyStaffDto>(a.put(`${base()}/policies/${pdf.id}`, cookies.editor, { title: '关于进一步稳就业的若干措施', docNumber: '市政发〔2026〕12号', issuedAt: day(0) }))
    expect(renamed.title).toBe(pdf.title)
  })
})

describe('the interpretation', () => {
  let picture: UploadDto
  const content = (over: Record<string, unknown> = {}) => ({
    summary: '面向高校毕业生和中小企业：社保补贴延长一年，创业担保贷款额度提高到30万元。',
    body: [{ type: 'text', text: '一、补贴对象……' }, { type: 'picture', uploadId: picture.id, caption: '申领流程图' }],
    qa: [{ question: '个体工商户能申请吗？', answer: '可以，按同等条件申请。' }],
    ...over,
  })
  const save = (id: string, body: unknown, who = 'editor') => a.put(`${base()}/policies/${id}/interpretation`, cookies[who], body)
  const publish = (id: string, who = 'editor') => a.post(`${base()}/policies/${id}/interpretation/publish`, cookies[who], {})

  it('is written with text, pictures of this event and Q&A; hostile bodies store nothing', async () => {
    picture = await a.json<UploadDto>(multipart(`${base()}/policy-pictures`, cookies.editor!, { bytes: PNG, name: 'a.png' }), 201)
    expect(await status(multipart(`${base()}/policy-pictures`, cookies.editor!, { bytes: PDF, name: 'a.png' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(multipart(`${base()}/policy-pictures`, cookies['zjj-editor']!, { bytes: PNG, name: 'a.png' }))).toEqual([403, 'FORBIDDEN'])
    const other = await h.app.db.upload.create({ data: { eventId: OTHER, mime: 'image/png', size: 1, sha256: 'x', path: 'x.png', uploaderId: 'x' } })
    for (const bad of [
      content({ body: [{ type: 'picture', uploadId: other.id }] }),
      content({ body: [{ type: 'picture', uploadId: 'nope' }] }),
      // The document's own file is an upload of the event, but not a picture.
      content({ body: [{ type: 'picture', uploadId: pdf.file.url.split('/').pop() }] }),
      content({ body: [{ type: 'video', src: 'x' }] }),
      content({ qa: [{ question: '空答案', answer: '' }] }),
      content({ summary: '坏\uDC00' }),
      content({ extra: 1 }),
    ]) expect(await status(save(pdf.id, bad))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(save(pdf.id, content(), 'zjj-editor'))).toEqual([403, 'FORBIDDEN'])
    expect((await staffList())[0]!.interpretation).toBeNull()
    const saved = await a.json<PolicyStaffDto>(save(pdf.id, content()))
    expect(saved.interpretation).toMatchObject({ state: 'draft', publishedAt: null, summary: content().summary, qa: content().qa })
    expect(saved.interpretation!.body[1]).toEqual({ type: 'picture', uploadId: picture.id, url: picture.url, caption: '申领流程图' })
    // A draft is not public.
    expect((await publicPolicy(pdf.id)).interpretation).toBeNull()
  })

  it('published on time is not late; published past 3 working days it is, and the admin sees it', async () => {
    expect(await status(publish(pdf.id, 'zjj-editor'))).toEqual([403, 'FORBIDDEN'])
    expect(await status(publish(late.id))).toEqual([409, 'CONFLICT'])
    const before = await a.json<PolicyAdminItemDto[]>(a.get('/api/admin/policies?late=true', cookies.admin))
    expect(before.map((p) => [p.id, p.overdue, p.late])).toEqual([[late.id, true, false]])
    const on = await a.json<PolicyStaffDto>(publish(pdf.id))
    expect(on).toMatchObject({ late: false, overdue: false, interpretation: { state: 'published' } })
    expect(await status(publish(pdf.id))).toEqual([409, 'CONFLICT'])
    await a.json(save(late.id, content({ body: [{ type: 'text', text: '细则解读' }] })))
    const tooLate = await a.json<PolicyStaffDto>(publish(late.id))
    expect(tooLate).toMatchObject({ late: true, overdue: false })
    const all = await a.json<PolicyAdminItemDto[]>(a.get('/api/admin/policies', cookies.admin))
    expect(all.map((p) => p.id).sort()).toEqual([pdf.id, late.id].sort())
    const lateOnes = await a.json<PolicyAdminItemDto[]>(a.get('/api/admin/policies?late=true', cookies.admin))
    expect(lateOnes).toEqual([expect.objectContaining({ id: late.id, late: true, leadUnit: '市人力资源和社会保障局', event: { id: EVENT, theme: '稳就业政策新闻发布会' } })])
    expect(await status(a.get('/api/admin/policies', cookies.editor))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get('/api/admin/policies?late=maybe', cookies.admin))).toEqual([400, 'BAD_REQUEST'])
    const rows = await audits('policy.interpretation_publish')
    expect(rows.map((r) => r.targetId).sort()).toEqual([pdf.id, late.id].sort())
  })

  it('the public page shows the document and the published interpretation; a coming policy is not public; a document is deleted with an audit row', async () => {
    const page = await publicPolicy(pdf.id)
    expect(page).toMatchObject({ title: pdf.title, docNumber: '市政发〔2026〕12号', issuedAt: day(0), event: { id: EVENT }, briefing: { sessionId: SESSION, status: 'scheduled' }, questions: [], canAsk: false })
    expect(page.interpretation).toMatchObject({ summary: content().summary, qa: content().qa })
    const coming = await a.json<PolicyStaffDto>(upload({ bytes: PDF, name: 'c.pdf' }, { title: '下月起施行的办法', issuedAt: day(5) }), 201)
    expect(await status(a.get(`/api/policies/${coming.id}`))).toEqual([404, 'NOT_FOUND'])
    expect((await publicPolicy(coming.id, cookies.editor)).title).toBe('下月起施行的办法')
    const listed = await a.json<PolicyListItemDto[]>(a.get(`/api/events/${EVENT}/policies`))
    expect(listed.map((d) => [d.id, d.interpreted])).toEqual([[pdf.id, true], [late.id, true]])
    expect(await a.json<PolicyListItemDto[]>(a.get(`/api/events/${EVENT}/policies`, cookies.editor))).toHaveLength(3)
    expect(await status(a.del(`${base()}/policies/${coming.id}`, cookies['zjj-editor']))).toEqual([403, 'FORBIDDEN'])
    expect((await a.del(`${base()}/policies/${coming.id}`, cookies.editor)).status).toBe(204)
    expect(await status(a.get(`/api/policies/${coming.id}`, cookies.editor))).toEqual([404, 'NOT_FOUND'])
    expect((await audits('policy.delete')).map((r) => r.targetId)).toEqual([coming.id])
  })
})

describe('the briefing and the questions after it', () => {
  let token: string
  let asked: { id: string }
  let liveQuestion: string
  const ask = (body: Record<string, unknown>, id = pdf.id) => a.post(`/api/policies/${id}/questions`, null, { token, clientId: clientId(), nickname: '网友', ...body })
  const questions = (who = 'editor') => a.json<PolicyQuestionStaffDto[]>(a.get(`${base()}/policies/${pdf.id}/questions`, cookies[who]))

  it('runs on the live core: a question asked, approved and answered live, then the end', async () => {
    token = await citizenToken(h.url)
    expect(await status(ask({ body: '发布会开始前能问吗？' }))).toEqual([409, 'NOT_OPEN'])
    const host = await staff(h.url, 'host')
    const mod = await staff(h.url, 'moderator')
    const citizen = await client(h.url, { citizenToken: token })
    ok(await send(host, 'session:start', { sessionId: SESSION }))
    ok(await send(host, 'transcript:post', { sessionId: SESSION, clientId: clientId(), speaker: 'guest', speakerName: '王局长', body: '今天发布稳就业若干措施。' }))
    const q = ok(await send(citizen, 'question:submit', { sessionId: SESSION, clientId: clientId(), nickname: '小王', body: '补贴什么时候到账？' }))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    ok(await send(host, 'question:answer', { questionId: q.id, answer: '次月到账。' }))
    liveQuestion = q.id
    expect(await status(ask({ body: '直播中能在政策页问吗？' }))).toEqual([409, 'NOT_OPEN'])
    ok(await send(host, 'session:end', { sessionId: SESSION }))
    for (const s of [host, mod, citizen]) s.close()
    expect((await publicPolicy(pdf.id)).briefing).toMatchObject({ status: 'archived' })
    expect((await publicPolicy(pdf.id)).canAsk).toBe(true)
  })

  it('a citizen asks on the policy page: masked, filtered, idempotent on clientId; hostile bodies refused with codes', async () => {
    await a.post('/api/admin/sensitive-words', cookies.admin, { word: '内幕' })
    const before = await h.app.db.question.count({ where: { sessionId: SESSION } })
    const cid = clientId()
    const first = await a.json<{ id: string; status: string }>(ask({ clientId: cid, body: '灵活就业人员怎么申请？我的电话13912345678' }), 201)
    expect(first.status).toBe('pending')
    const again = await a.json<{ id: string }>(ask({ clientId: cid, body: '重发' }), 201)
    expect(again.id).toBe(first.id)
    const other = await citizenToken(h.url)
    expect(await status(a.post(`/api/policies/${pdf.id}/questions`, null, { token: other, clientId: cid, nickname: '别人', body: '同一个 clientId' }))).toEqual([409, 'CONFLICT'])
    asked = first
    // Twice at the same moment (two tabs, a retry racing its original): one question.
    const raced = clientId()
    const both = await Promise.all([ask({ clientId: raced, body: '同时发送的问题' }), ask({ clientId: raced, body: '同时发送的问题' })])
    expect(both.map((r) => r.status)).toEqual([201, 201])
    const [x, y] = await Promise.all(both.map((r) => r.json() as Promise<{ id: string }>))
    expect(x!.id).toBe(y!.id)
    const held = await a.json<{ id: string }>(ask({ body: '听说有内幕消息' }), 201)
    for (const bad of [
      { body: '' }, { body: '坏\uD800' }, { body: '好的问题', extra: 1 }, { body: '好的问题', nickname: '' }, { body: '好的问题', clientId: 'x' },
    ]) expect(await status(ask(bad))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(a.post(`/api/policies/${pdf.id}/questions`, null, { token: 'made-up', clientId: clientId(), nickname: 'x', body: '伪造的设备' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(ask({ body: '没有这个政策' }, 'nope'))).toEqual([404, 'NOT_FOUND'])
    expect(await h.app.db.question.count({ where: { sessionId: SESSION } })).toBe(before + 3)
    const list = (await questions()).filter((q) => q.id !== x!.id)
    expect(list.map((q) => q.id)).toEqual([first.id, held.id])
    expect(list[0]!.body).not.toContain('13912345678')
    expect(list[1]!.sensitiveHits).toEqual(['内幕'])
    expect((await staffList())[0]!.questions).toEqual({ pending: 3, approved: 0, rejected: 0 })
    // Pending: not on the public page.
    expect((await publicPolicy(pdf.id)).questions).toEqual([])
  })

  it('the archived session stays consistent: snapshots show a pending one only to staff and its author', async () => {
    const anon = await client(h.url)
    const mine = await client(h.url, { citizenToken: token })
    const host = await staff(h.url, 'host')
    const pub = ok(await send(anon, 'session:join', { sessionId: SESSION }))
    expect(pub.mode).toBe('snapshot')
    expect(pub.questions!.map((q) => q.id)).toEqual([liveQuestion])
    const own = ok(await send(mine, 'session:join', { sessionId: SESSION }))
    expect(own.questions!.map((q) => q.id)).toContain(asked.id)
    const st = ok(await send(host, 'session:join', { sessionId: SESSION })) as SyncResult
    expect((st.questions as QuestionStaffDto[]).find((q) => q.id === asked.id)).toMatchObject({ status: 'pending', preEvent: false })
    for (const s of [anon, mine, host]) s.close()
    const archive = await a.json<ArchiveDto>(a.get(`/api/archive/${SESSION}`))
    expect(archive.questions.map((q) => q.id)).toEqual([liveQuestion])
    expect(archive.figures).toMatchObject({ answered: 1, awaitingReply: 0 })
  })

  it('the lead unit approves one (a written reply owed) and rejects another; the joint unit may not', async () => {
    const [first, raced, held] = await questions()
    expect(raced!.body).toBe('同时发送的问题')
    const path = (q: { id: string }, what: string) => `${base()}/policies/${pdf.id}/questions/${q.id}/${what}`
    expect(await status(a.post(path(first!, 'approve'), cookies['zjj-editor'], {}))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(path(first!, 'approve'), cookies.host, {}))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(path({ id: liveQuestion }, 'approve'), cookies.editor, {}))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.post(path(held!, 'reject'), cookies.editor, { reason: '' }))).toEqual([400, 'BAD_REQUEST'])
    // The live core refuses moderation on the archived session: the policy page's list is the way.
    const mod = await staff(h.url, 'moderator')
    expect(await send(mod, 'question:approve', { questionId: first!.id })).toMatchObject({ ok: false, code: 'SESSION_CLOSED' })
    mod.close()
    const lastSeq = (await h.app.db.session.findUniqueOrThrow({ where: { id: SESSION } })).seq
    const approved = await a.json<PolicyQuestionStaffDto>(a.post(path(first!, 'approve'), cookies.editor, {}))
    expect(approved).toMatchObject({ status: 'approved', reply: { state: 'open', published: false } })
    expect(await status(a.post(path(first!, 'approve'), cookies.editor, {}))).toEqual([409, 'CONFLICT'])
    const rejected = await a.json<PolicyQuestionStaffDto>(a.post(path(held!, 'reject'), cookies.editor, { reason: '与本政策无关' }))
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '与本政策无关', reply: null })
    expect(await status(a.post(path(held!, 'approve'), cookies.editor, {}))).toEqual([409, 'CONFLICT'])
    expect((await audits('policy.question_approve')).map((r) => r.targetId)).toEqual([first!.id])
    // A viewer who re-joins from before gets the approval as a delta, the rejection not at all.
    const anon = await client(h.url)
    const delta = ok(await send(anon, 'session:join', { sessionId: SESSION, sinceSeq: lastSeq }))
    anon.close()
    expect(delta.mode).toBe('delta')
    expect(delta.events!.map((e) => [e.type, 'question' in e ? e.question.id : null])).toEqual([['question:approved', first!.id]])
    const page = await publicPolicy(pdf.id)
    expect(page.questions).toEqual([expect.objectContaining({ id: first!.id, reply: null, awaitingReply: true })])
    const archive = await a.json<ArchiveDto>(a.get(`/api/archive/${SESSION}`))
    expect(archive.questions.map((q) => q.id).sort()).toEqual([liveQuestion, first!.id].sort())
    expect(archive.figures).toMatchObject({ answered: 1, rejected: 1, awaitingReply: 1 })
  })

  it('its written reply is written in the replies UI\'s API, and once published the policy page shows it', async () => {
    const tasks = await a.json<ReplyTaskDto[]>(a.get(`/api/replies?sessionId=${SESSION}`, cookies.editor))
    const t = tasks.find((x) => x.questionId === asked.id)!
    expect(t).toMatchObject({ kind: 'question', unit: { name: '市人力资源和社会保障局' }, state: 'open', canEdit: true })
    const saved = await a.json<ReplyTaskDto>(a.put(`/api/replies/${t.id}`, cookies.editor, { revision: t.revision, body: '灵活就业人员在“就业服务”窗口或网上申请。' }))
    await a.json(a.post(`/api/replies/${t.id}/publish`, cookies.editor, { revision: saved.revision, note: '' }))
    const page = await publicPolicy(pdf.id)
    expect(page.questions[0]).toMatchObject({ id: asked.id, awaitingReply: false, reply: { body: '灵活就业人员在“就业服务”窗口或网上申请。', onTime: true } })
    const archive = await a.json<ArchiveDto>(a.get(`/api/archive/${SESSION}`))
    expect(archive.replies[asked.id]?.body).toBe('灵活就业人员在“就业服务”窗口或网上申请。')
    expect(archive.figures.awaitingReply).toBe(0)
    // Its questions keep the document: it is not deleted under them.
    expect(await status(a.del(`${base()}/policies/${pdf.id}`, cookies.editor))).toEqual([409, 'CONFLICT'])
    expect((await staffList())[0]!.questions).toEqual({ pending: 1, approved: 1, rejected: 1 })
  })
})

import type { ArchiveDto, AuditPageDto, ReplySettingsDto, ReplyTaskDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION, DEMO_UPCOMING_SESSION } from '../src/seed/demo.ts'
import { addWorkingDays, workCalendar } from '../src/lib/workdays.ts'
import { citizenToken, client, clientId, type Harness, login, ok, send, staff, startServer } from './harness.ts'
import { addStaff, api, parseCsv, xlsxRows } from './hotline-helpers.ts'

// Issue 12, written replies (书面答复): the tasks a session's end makes, who may write and check
// them, corrections as versions, the archive's replies and figures. SQLite and PostgreSQL.

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  for (const u of ['admin', 'editor', 'zjj-editor', 'host', 'moderator']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

const tasks = (query = '', who = 'editor') => a.json<ReplyTaskDto[]>(a.get(`/api/replies${query}`, cookies[who]))
const save = (t: { id: string; revision: number }, body: string, who = 'editor') => a.put(`/api/replies/${t.id}`, cookies[who], { revision: t.revision, body })
const publish = (t: { id: string; revision: number }, note = '', who = 'editor') => a.post(`/api/replies/${t.id}/publish`, cookies[who], { revision: t.revision, note })
const archive = (id: string) => a.json<ArchiveDto>(a.get(`/api/archive/${id}`))

async function endSession(sessionId: string) {
  const host = await staff(h.url, 'host')
  ok(await send(host, 'session:end', { sessionId }))
  host.close()
}

describe('a session ends with questions not answered live', () => {
  let mine: ReplyTaskDto[]
  it('each becomes a task of the lead unit, due in 5 working days on the office calendar', async () => {
    await endSession(DEMO_LIVE_SESSION)
    mine = await tasks(`?sessionId=${DEMO_LIVE_SESSION}`)
    // The demo's live interview: three questions approved, one answered live.
    expect(mine).toHaveLength(2)
    const ended = (await h.app.db.session.findUniqueOrThrow({ where: { id: DEMO_LIVE_SESSION } })).endedAt!
    const due = addWorkingDays(ended, 5, 'Asia/Shanghai', workCalendar(await h.app.db.calendarDay.findMany()))
    for (const t of mine) expect(t).toMatchObject({ state: 'open', dueAt: due.toISOString(), overdue: false, unit: { name: '市人力资源和社会保障局' }, canEdit: true, versions: [] })
  })

  it('another unit, other roles and the anonymous neither see nor write them', async () => {
    const t = mine[0]!
    // 住建局 sees its own (the demo's archived interview left one), none of 人社局's.
    const theirs = await tasks('', 'zjj-editor')
    expect(theirs.map((x) => x.unit?.name)).toEqual(theirs.map(() => '市住房和城乡建设局'))
    expect(theirs.map((x) => x.id)).not.toContain(t.id)
    expect(await status(a.get(`/api/replies/${t.id}`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(save(t, '别的单位', 'zjj-editor'))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get('/api/replies?unitId=x', cookies.editor))).toEqual([403, 'FORBIDDEN'])
    for (const who of ['host', 'moderator']) expect(await status(a.get('/api/replies', cookies[who]))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get('/api/replies', null))).toEqual([401, 'UNAUTHENTICATED'])
    // The admin reads every unit's tasks but writes none of a unit's.
    expect((await tasks(`?sessionId=${DEMO_LIVE_SESSION}`, 'admin')).map((x) => x.id).sort()).toEqual(mine.map((x) => x.id).sort())
    expect(await status(save(t, '代写', 'admin'))).toEqual([403, 'FORBIDDEN'])
  })

  it('refuses hostile and malformed bodies, and a stale revision, writing nothing', async () => {
    const t = mine[0]!
    for (const body of [{ revision: t.revision, body: '答复\uD800' }, { revision: t.revision, body: '长'.repeat(4001) }, { revision: t.revision, body: 'x', state: 'published' }, { body: 'x' }, '{"revision":'])
      expect(await status(a.put(`/api/replies/${t.id}`, cookies.editor, body))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(publish(t))).toEqual([400, 'BAD_REQUEST']) // nothing written yet
    const saved = await a.json<ReplyTaskDto>(save(t, '初稿'))
    expect(await status(save(t, '旧版本上的修改'))).toEqual([409, 'CONFLICT'])
    expect((await a.json<ReplyTaskDto>(a.get(`/api/replies/${t.id}`, cookies.editor))).draft).toBe('初稿')
    mine[0] = saved
  })

  it('the unit publishes; the archive shows it under the question with the figures; a correction is a new version', async () => {
    const t = await a.json<ReplyTaskDto>(save(mine[0]!, '您好，创业担保贷款个人最高30万元，详见人社局官网。'))
    const published = await a.json<ReplyTaskDto>(publish(t))
    expect(published).toMatchObject({ state: 'published', onTime: true, versions: [{ number: 1, note: '' }] })
    let arch = await archive(DEMO_LIVE_SESSION)
    expect(arch.replies[t.questionId!]).toMatchObject({ body: '您好，创业担保贷款个人最高30万元，详见人社局官网。', onTime: true, versions: [{ number: 1 }] })
    expect(arch.replyFigures).toEqual({ due: 2, published: 1, onTime: 1, overdue: 0 })
    expect(arch.figures.awaitingReply).toBe(1)
    // The other task's draft is not public.
    const other = await a.json<ReplyTaskDto>(save(mine[1]!, '尚未发布的草稿'))
    expect(JSON.stringify(await archive(DEMO_LIVE_SESSION))).not.toContain('尚未发布的草稿')

    // A correction: same text refused, a note required; the first publication still decides "on time".
    expect(await status(publish(published))).toEqual([400, 'BAD_REQUEST'])
    const corrected = await a.json<ReplyTaskDto>(save(published, '您好，创业担保贷款个人最高30万元，合伙创业最高400万元。'))
    expect(corrected.state).toBe('published')
    expect(await status(publish(corrected))).toEqual([400, 'BAD_REQUEST'])
    const v2 = await a.json<ReplyTaskDto>(publish(corrected, '补充合伙创业额度'))
    expect(v2.versions.map((v) => [v.number, v.note])).toEqual([[1, ''], [2, '补充合伙创业额度']])
    expect(v2.firstPublishedAt).toBe(published.firstPublishedAt)
    arch = await archive(DEMO_LIVE_SESSION)
    expect(arch.replies[t.questionId!]!.body).toContain('合伙创业')
    expect(arch.replies[t.questionId!]!.versions[0]!.body).not.toContain('合伙创业')
    mine[1] = other
  })

  it('late: past its due date a task is overdue until answered, then published late', async () => {
    await h.app.db.replyTask.update({ where: { id: mine[1]!.id }, data: { dueAt: new Date(Date.now() - 86_400_000) } })
    expect((await tasks('?filter=overdue')).map((t) => t.id)).toEqual([mine[1]!.id])
    expect((await tasks('?filter=due')).map((t) => t.id)).not.toContain(mine[1]!.id)
    expect((await archive(DEMO_LIVE_SESSION)).replyFigures.overdue).toBe(1)
    const late = await a.json<ReplyTaskDto>(publish(await a.json<ReplyTaskDto>(a.get(`/api/replies/${mine[1]!.id}`, cookies.editor))))
    expect(late).toMatchObject({ state: 'published', onTime: false, overdue: false })
    expect((await archive(DEMO_LIVE_SESSION)).replyFigures).toEqual({ due: 2, published: 2, onTime: 1, overdue: 0 })
    expect((await tasks('?filter=done')).map((t) => t.id).sort()).toEqual(mine.map((t) => t.id).sort())
  })
})

describe('the office checks replies before they are published (先审后发)', () => {
  it('only the admin sets the rule; then a reply waits, can be returned with a reason, and is published on approval; all audited', async () => {
    expect(await status(a.put('/api/admin/reply-settings', cookies.editor, { requireCheck: true, workingDays: 3 }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.put('/api/admin/reply-settings', cookies.admin, { requireCheck: true, workingDays: 0 }))).toEqual([400, 'BAD_REQUEST'])
    expect(await a.json<ReplySettingsDto>(a.put('/api/admin/reply-settings', cookies.admin, { requireCheck: true, workingDays: 3 }))).toEqual({ requireCheck: true, workingDays: 3 })

    // A question collected before the event, never moderated, on another session that then ends.
    const S = DEMO_UPCOMING_SESSION
    const event = (await h.app.db.session.findUniqueOrThrow({ where: { id: S } })).eventId
    await h.app.db.event.update({ where: { id: event }, data: { startsAt: new Date(Date.now() + 3_600_000) } })
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '网友', body: '社保卡丢了在哪里补办？' }))
    c.close()
    expect(q).toMatchObject({ status: 'pending', preEvent: true })
    const host = await staff(h.url, 'host')
    ok(await send(host, 'session:start', { sessionId: S }))
    ok(await send(host, 'session:end', { sessionId: S }))
    host.close()
    const [t] = await tasks(`?sessionId=${S}`)
    expect(t).toMatchObject({ questionId: q.id, question: { preEvent: true, approved: false } })
    const ended = (await h.app.db.session.findUniqueOrThrow({ where: { id: S } })).endedAt!
    expect(t!.dueAt).toBe(addWorkingDays(ended, 3, 'Asia/Shanghai', workCalendar(await h.app.db.calendarDay.findMany())).toISOString())
    // Not public before its answer is.
    expect((await archive(S)).questions.map((x) => x.id)).not.toContain(q.id)

    const sent = await a.json<ReplyTaskDto>(publish(await a.json<ReplyTaskDto>(save(t!, '可到各社保经办网点或“智慧人社”APP补办。'))))
    expect(sent).toMatchObject({ state: 'checking', canEdit: false, versions: [] })
    expect(await status(save(sent, '改一下'))).toEqual([409, 'CONFLICT'])
    expect((await archive(S)).replies[q.id]).toBeUndefined()
    expect(await status(a.post(`/api/admin/replies/${t!.id}/approve`, cookies.editor, {}))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`/api/admin/replies/${t!.id}/return`, cookies.admin, { reason: '' }))).toEqual([400, 'BAD_REQUEST'])
    const back = await a.json<ReplyTaskDto>(a.post(`/api/admin/replies/${t!.id}/return`, cookies.admin, { reason: '请写明补办所需材料' }))
    expect(back).toMatchObject({ state: 'draft', reason: '请写明补办所需材料', canEdit: false })
    const again = await a.json<ReplyTaskDto>(publish(await a.json<ReplyTaskDto>(save(await a.json<ReplyTaskDto>(a.get(`/api/replies/${t!.id}`, cookies.editor)), '携带身份证到各社保经办网点，或在“智慧人社”APP补办。'))))
    expect(again.state).toBe('checking')
    const done = await a.json<ReplyTaskDto>(a.post(`/api/admin/replies/${t!.id}/approve`, cookies.admin, {}))
    expect(done).toMatchObject({ state: 'published', versions: [{ number: 1 }] })
    // The answered pre-event question is now on the archive, with its reply.
    const arch = await archive(S)
    expect(arch.questions.map((x) => x.id)).toContain(q.id)
    expect(arch.replies[q.id]!.body).toContain('身份证')

    const log = await a.json<AuditPageDto>(a.get(`/api/admin/audit?targetId=${t!.id}`, cookies.admin))
    expect(log.items.map((e) => e.action).reverse()).toEqual(['reply.draft', 'reply.submit', 'reply.return', 'reply.submit', 'reply.approve'])
    await a.json(a.put('/api/admin/reply-settings', cookies.admin, { requireCheck: false, workingDays: 5 }))
  })

  it('the admin may close a task without a reply, with a reason; a published one is corrected, never dismissed', async () => {
    const published = (await tasks(`?sessionId=${DEMO_LIVE_SESSION}`, 'admin'))[0]!
    expect(await status(a.post(`/api/admin/replies/${published.id}/dismiss`, cookies.admin, { reason: '重复' }))).toEqual([409, 'CONFLICT'])
    expect(await status(a.post(`/api/admin/replies/${published.id}/dismiss`, cookies.editor, { reason: '重复' }))).toEqual([403, 'FORBIDDEN'])
  })
})

describe("a session's questions as a spreadsheet", () => {
  it('XLSX and CSV with final states, live answers and written replies, for its units and staff only', async () => {
    const res = await a.get(`/api/sessions/${DEMO_LIVE_SESSION}/questions.xlsx`, cookies.editor)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const rows = await xlsxRows(res)
    expect(rows[0]).toEqual(['提问时间', '网友昵称', '提问内容', '会前征集', '状态', '未采用理由', '现场答复', '答复人', '现场答复时间', '书面答复', '答复时限', '书面答复时间', '按时答复', '更正次数'])
    const byBody = (b: string) => rows.find((r) => r[2] === b)!
    expect(byBody('创业担保贷款的额度和条件是什么？')[4]).toBe('已现场答复')
    const corrected = rows.find((r) => r[9]!.includes('合伙创业'))!
    expect([corrected[12], corrected[13]]).toEqual(['是', '1'])
    expect(rows.some((r) => r[12] === '否')).toBe(true) // the one answered late

    const csv = await a.get(`/api/sessions/${DEMO_LIVE_SESSION}/questions.csv`, cookies.host)
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM Excel needs to read Chinese
    const parsed = await parseCsv(bytes.toString('utf8').slice(1))
    expect(parsed[0]![0]).toBe('提问时间')
    expect(parsed.length).toBe(rows.length)

    expect(await status(a.get(`/api/sessions/${DEMO_LIVE_SESSION}/questions.xlsx`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`/api/sessions/${DEMO_LIVE_SESSION}/questions.csv`, null))).toEqual([401, 'UNAUTHENTICATED'])
  })
})

import type { PublicSurveyDto, SurveyDefinitionInput, SurveyInviteDto, SurveyResponseRowDto, SurveyResultsDto, SurveyStaffDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenToken, clientId, type Harness, login, startServer } from './harness.ts'
import { addStaff, api, parseCsv, xlsxRows } from './hotline-helpers.ts'
import ExcelJS from 'exceljs'

// Issue 13, surveys (问卷调查): who builds and runs them, skip logic and bad answers refused with
// nothing stored, one response per device (or code) held by the database under concurrency,
// versions, paper entry, moderation of free text, results and exports. SQLite and PostgreSQL.

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
beforeAll(async () => {
  h = await startServer({ SURVEY_IP_FLAG_OVER: '3', RATE_SURVEY_PER_DEVICE: '1000' })
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  for (const u of ['admin', 'editor', 'zjj-editor', 'host']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

const definition: SurveyDefinitionInput = {
  sections: [
    {
      id: 's1', title: '办事体验',
      questions: [
        { id: 'used', kind: 'single', title: '您近一年办理过社保业务吗？', required: true, options: [{ id: 'y', label: '办理过' }, { id: 'n', label: '没有' }] },
        { id: 'sat', kind: 'satisfaction', title: '您对办理过程满意吗？', required: true, showIf: { question: 'used', anyOf: ['y'] } },
        { id: 'chan', kind: 'multiple', title: '您通过哪些渠道办理？', max: 2, options: [{ id: 'hall', label: '大厅' }, { id: 'app', label: 'APP' }, { id: 'web', label: '网站' }] },
      ],
    },
    {
      id: 's2', title: '意见',
      questions: [
        { id: 'score', kind: 'rating', title: '总体评分', scale: 5, lowLabel: '很差', highLabel: '很好' },
        { id: 'rank', kind: 'ranking', title: '最希望改进', options: [{ id: 'q', label: '排队' }, { id: 'm', label: '材料' }] },
        { id: 'age', kind: 'number', title: '年龄', min: 16, max: 110 },
        { id: 'say', kind: 'text', title: '您的建议' },
      ],
    },
  ],
}
const good = { used: 'y', sat: 'satisfied', chan: ['hall'], score: 4, rank: ['q', 'm'], age: 40 }

let s: SurveyStaffDto
const save = (over: Partial<Record<string, unknown>> = {}, who = 'editor') => a.put(`/api/unit/surveys/${s.id}`, cookies[who], {
  revision: s.revision, title: s.title, intro: '请如实填写', department: '市人社局办公室', eventId: null, placement: 'standalone',
  opensAt: null, closesAt: null, access: 'device', definition, ...over,
})
const respond = (answers: Record<string, unknown>, token: string, extra: Record<string, unknown> = {}) =>
  a.post(`/api/surveys/${s.id}/responses`, null, { clientId: clientId(), token, answers, ...extra })
const results = () => a.json<SurveyResultsDto>(a.get(`/api/unit/surveys/${s.id}/results`, cookies.editor))
const stored = () => h.app.db.surveyResponse.count({ where: { surveyId: s.id } })

describe('a unit builds a questionnaire', () => {
  it('its editor creates and saves it; the definition is validated on the server', async () => {
    s = await a.json<SurveyStaffDto>(a.post('/api/unit/surveys', cookies.editor, { title: '社保经办满意度调查' }), 201)
    expect(s).toMatchObject({ status: 'draft', version: 1, unit: { name: '市人力资源和社会保障局' }, canEdit: true })
    // A tampered definition: a condition on a later question.
    const bad = structuredClone(definition)
    bad.sections[0]!.questions[0]!.showIf = { question: 'sat', anyOf: ['satisfied'] }
    expect(await status(save({ definition: bad }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(save({ opensAt: '2027-01-02T10:00', closesAt: '2027-01-01T10:00' }))).toEqual([400, 'BAD_REQUEST'])
    s = await a.json<SurveyStaffDto>(save())
    expect(s.definition.sections[1]!.questions).toHaveLength(4)
    expect(await status(save({ revision: s.revision - 1 }))).toEqual([409, 'CONFLICT'])
  })

  it('only the owning unit\'s editors and the admin see or change it', async () => {
    expect(await status(a.get(`/api/unit/surveys/${s.id}`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(save({}, 'zjj-editor'))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`/api/unit/surveys/${s.id}`, cookies.host))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get('/api/unit/surveys', null))).toEqual([401, 'UNAUTHENTICATED'])
    expect((await a.json<{ id: string }[]>(a.get('/api/unit/surveys', cookies['zjj-editor']))).map((x) => x.id)).not.toContain(s.id)
    expect((await a.json<{ id: string }[]>(a.get('/api/unit/surveys', cookies.admin))).map((x) => x.id)).toContain(s.id)
    // A draft is not public.
    expect(await status(a.get(`/api/surveys/${s.id}`))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('citizens answer it', () => {
  let token: string
  beforeAll(async () => {
    s = await a.json<SurveyStaffDto>(a.post(`/api/unit/surveys/${s.id}/state`, cookies.editor, { revision: s.revision, status: 'published' }))
    token = await citizenToken(h.url)
  })

  it('the public page has the definition; a fitting response is stored once per device', async () => {
    const pub = await a.json<PublicSurveyDto>(a.get(`/api/surveys/${s.id}`))
    expect(pub).toMatchObject({ phase: 'open', department: '市人社局办公室', version: 1 })
    expect(await status(respond(good, token))).toEqual([201, 'ok'])
    expect(await status(respond({ ...good, score: 5 }, token))).toEqual([409, 'ALREADY_ANSWERED'])
    // The same request again (its ack was lost) is answered as stored, with the same id.
    const cid = clientId()
    const other = await citizenToken(h.url)
    const first = await a.json<{ id: string }>(a.post(`/api/surveys/${s.id}/responses`, null, { clientId: cid, token: other, answers: good }), 201)
    const again = await a.json<{ id: string }>(a.post(`/api/surveys/${s.id}/responses`, null, { clientId: cid, token: other, answers: good }), 201)
    expect(again.id).toBe(first.id)
    expect(await stored()).toBe(2)
  })

  it('two responses at the same moment from one device: one is stored', async () => {
    const t = await citizenToken(h.url)
    // They differ only where no later figure looks, so whichever wins the results below hold.
    const res = await Promise.all([respond(good, t), respond({ ...good, age: 41 }, t), respond({ ...good, age: 42 }, t)])
    expect(res.map((r) => r.status).sort()).toEqual([201, 409, 409])
    expect(await stored()).toBe(3)
  })

  it('answers that do not fit are refused with a code, and nothing is stored', async () => {
    const t = await citizenToken(h.url)
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, used: 'maybe' }, 'used: UNKNOWN_OPTION'],
      [{ ...good, chan: ['hall', 'app', 'web'] }, 'chan: TOO_MANY'],
      [{ ...good, score: 6 }, 'score: OUT_OF_RANGE'],
      [{ ...good, used: 'n' }, 'sat: HIDDEN'],
      [{ ...good, nope: 'x' }, 'nope: UNKNOWN_QUESTION'],
      [{ chan: ['app'] }, 'used: REQUIRED'],
    ]
    for (const [answers, message] of cases) {
      const r = await respond(answers, t)
      expect(r.status).toBe(422)
      expect(await r.json()).toMatchObject({ error: { code: 'ANSWER_INVALID', message: expect.stringContaining(message) } })
    }
    expect(await status(respond(good, 'made-up'))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(respond({ say: 'a\uD800' }, t))).toEqual([400, 'BAD_REQUEST'])
    expect(await stored()).toBe(3)
  })

  it('free text is masked before it is stored and public only once approved', async () => {
    const t = await citizenToken(h.url)
    expect(await status(respond({ used: 'n', say: '希望延长服务时间，电话13812345678' }, t))).toEqual([201, 'ok'])
    const r = await results()
    const say = r.questions.find((q) => q.id === 'say')!
    expect(say.kind === 'text' && say.texts.map((x) => [x.body, x.status])).toEqual([['希望延长服务时间，电话138****5678', 'pending']])
    const row = await h.app.db.surveyResponse.findFirstOrThrow({ where: { surveyId: s.id, answers: { contains: 'say' } } })
    expect(row.answers).not.toContain('13812345678')
    // Not public before the unit publishes them; then without the pending text.
    expect(await status(a.get(`/api/surveys/${s.id}/results`))).toEqual([404, 'NOT_FOUND'])
    await a.json(a.post(`/api/unit/surveys/${s.id}/results-public`, cookies.editor, { public: true }))
    const pub = await a.json<SurveyResultsDto>(a.get(`/api/surveys/${s.id}/results`))
    expect(pub.valid).toBe(4)
    expect(pub.total).toBeUndefined()
    const pubSay = pub.questions.find((q) => q.id === 'say')!
    expect(pubSay.kind === 'text' && pubSay.texts).toEqual([])
    const textId = say.kind === 'text' ? say.texts[0]!.id : ''
    await a.json(a.post(`/api/unit/surveys/${s.id}/texts/${textId}`, cookies.editor, { status: 'approved' }))
    // The public results are cached for 10 s; the unit's own view is live.
    const live = (await results()).questions.find((q) => q.id === 'say')!
    expect(live.kind === 'text' && live.texts[0]!.status).toBe('approved')
  })

  it('counts, percentages, averages and the satisfaction rate', async () => {
    const r = await results()
    expect(r).toMatchObject({ valid: 4, total: 4, byChannel: { online: 4, paper: 0, phone: 0 } })
    const sat = r.questions.find((q) => q.id === 'sat')!
    expect(sat.kind === 'satisfaction' && [sat.answered, sat.satisfactionRate]).toEqual([3, 100])
    const score = r.questions.find((q) => q.id === 'score')!
    expect(score.kind === 'rating' && [score.answered, score.mean]).toEqual([3, 4])
    // Four responses from one address (127.0.0.1) with the threshold at three: flagged, not refused.
    expect(r.flaggedAddresses).toEqual({ addresses: 1, responses: 4 })
  })
})

describe('staff work on it', () => {
  it('paper questionnaires are entered with the channel and who typed them, audited', async () => {
    const r = await a.json<{ id: string }>(a.post(`/api/unit/surveys/${s.id}/responses`, cookies.editor, { clientId: clientId(), channel: 'paper', paperRef: 'P-001', answers: { ...good, sat: 'unsatisfied' } }), 201)
    expect(await status(a.post(`/api/unit/surveys/${s.id}/responses`, cookies.editor, { clientId: clientId(), channel: 'paper', answers: { score: 9 } }))).toEqual([422, 'ANSWER_INVALID'])
    expect(await status(a.post(`/api/unit/surveys/${s.id}/responses`, cookies['zjj-editor'], { clientId: clientId(), channel: 'paper', answers: good }))).toEqual([404, 'NOT_FOUND'])
    const rows = await a.json<SurveyResponseRowDto[]>(a.get(`/api/unit/surveys/${s.id}/responses`, cookies.editor))
    expect(rows[0]).toMatchObject({ id: r.id, channel: 'paper', enteredBy: '人社局 联络员', paperRef: 'P-001', flagged: false })
    expect(await h.app.db.auditLog.count({ where: { action: 'survey.response.enter', targetId: s.id } })).toBe(1)
    // A response counted out (with the reason), audited; the valid count follows.
    await a.json(a.post(`/api/unit/surveys/${s.id}/responses/${r.id}/validity`, cookies.editor, { valid: false, reason: '重复录入' }))
    expect((await results()).valid).toBe(4)
    await a.json(a.post(`/api/unit/surveys/${s.id}/responses/${r.id}/validity`, cookies.editor, { valid: true }))
    expect((await results()).valid).toBe(5)
  })

  it('a change after responses makes a new version; old responses keep theirs and still count', async () => {
    s = await a.json<SurveyStaffDto>(a.get(`/api/unit/surveys/${s.id}`, cookies.editor))
    const v2 = structuredClone(definition)
    v2.sections[0]!.questions[2]!.options = [{ id: 'hall', label: '大厅' }, { id: 'app', label: '政务APP' }, { id: 'mini', label: '小程序' }]
    s = await a.json<SurveyStaffDto>(save({ definition: v2 }))
    expect(s.version).toBe(2)
    expect(s.versions.map((v) => [v.number, v.responses])).toEqual([[1, 5], [2, 0]])
    const t = await citizenToken(h.url)
    expect(await status(respond({ ...good, chan: ['mini'] }, t))).toEqual([201, 'ok'])
    // 'web' was dropped in version 2: nobody chose it, but it would still be counted under its old label.
    const chan = (await results()).questions.find((q) => q.id === 'chan')!
    expect(chan.kind === 'multiple' && chan.options.map((o) => [o.id, o.label, o.count])).toEqual([['hall', '大厅', 4], ['app', '政务APP', 0], ['mini', '小程序', 1], ['web', '网站', 0]])
    // Saving the same definition again changes nothing.
    s = await a.json<SurveyStaffDto>(save({ definition: v2 }))
    expect(s.version).toBe(2)
  })

  it('exports: XLSX with responses and a codebook, CSV that Excel opens in Chinese', async () => {
    const res = await a.get(`/api/unit/surveys/${s.id}/responses.xlsx`, cookies.editor)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['答卷', '编码说明'])
    const header = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1)
    expect(header.slice(0, 8)).toEqual(['编号', '提交时间', '渠道', '录入人', '纸质编号', '问卷版本', '有效', '无效原因'])
    expect(header).toEqual(expect.arrayContaining(['used', 'sat', 'chan_1', 'chan_4', 'rank_1', 'score', 'say']))
    expect(wb.worksheets[0]!.rowCount).toBe(7)
    const code = wb.worksheets[1]!.getSheetValues().flat().map(String)
    expect(code).toEqual(expect.arrayContaining(['1=满意；2=基本满意；3=不满意', '1=办理过；2=没有']))
    const paper = (wb.worksheets[0]!.getRow(6).values as unknown[]).slice(1)
    expect(paper.slice(2, 6)).toEqual(['纸质', '人社局 联络员', 'P-001', 1])
    const csv = await a.get(`/api/unit/surveys/${s.id}/responses.csv`, cookies.editor)
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect((await parseCsv(bytes.toString('utf8')))[0]!.slice(0, 3)).toEqual(['编号', '提交时间', '渠道'])
    expect((await xlsxRows(await a.get(`/api/unit/surveys/${s.id}/responses.xlsx`, cookies.editor)))[0]![0]).toBe('编号')
    expect(await status(a.get(`/api/unit/surveys/${s.id}/responses.xlsx`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
  })

  it('closed, or not yet open: refused, nothing stored', async () => {
    const before = await stored()
    s = await a.json<SurveyStaffDto>(a.post(`/api/unit/surveys/${s.id}/state`, cookies.editor, { revision: s.revision, status: 'closed' }))
    expect(await status(respond(good, await citizenToken(h.url)))).toEqual([409, 'NOT_OPEN'])
    s = await a.json<SurveyStaffDto>(a.post(`/api/unit/surveys/${s.id}/state`, cookies.editor, { revision: s.revision, status: 'published' }))
    s = await a.json<SurveyStaffDto>(save({ opensAt: '2099-01-01T09:00', definition: s.definition }))
    expect(await status(respond(good, await citizenToken(h.url)))).toEqual([409, 'NOT_OPEN'])
    expect((await a.json<PublicSurveyDto>(a.get(`/api/surveys/${s.id}`))).phase).toBe('not_open')
    expect(await stored()).toBe(before)
  })
})

describe('by invitation: single-use codes', () => {
  let inv: SurveyInviteDto[]
  let sid: string
  it('codes for a list of invitees (names shown masked); one response per code, also at the same moment', async () => {
    let t = await a.json<SurveyStaffDto>(a.post('/api/unit/surveys', cookies.editor, { title: '代表委员座谈会后问卷' }), 201)
    sid = t.id
    t = await a.json<SurveyStaffDto>(a.put(`/api/unit/surveys/${sid}`, cookies.editor, { revision: t.revision, title: t.title, intro: '', department: '', eventId: null, placement: 'after', opensAt: null, closesAt: null, access: 'invite', definition: t.definition }))
    await a.json(a.post(`/api/unit/surveys/${sid}/state`, cookies.editor, { revision: t.revision, status: 'published' }))
    inv = await a.json<SurveyInviteDto[]>(a.post(`/api/unit/surveys/${sid}/invites`, cookies.editor, { labels: ['张三丰', '李四'], count: 1 }), 201)
    expect(inv.map((i) => i.label)).toEqual(['张**', '李*', ''])
    expect(inv.every((i) => /^[A-Z2-9]{8}$/.test(i.code))).toBe(true)
    const row = await h.app.db.surveyInvite.findFirstOrThrow({ where: { surveyId: sid } })
    expect(row.label).not.toContain('张')
    expect(row.code).not.toBe(inv[0]!.code)
    const answer = (code: string | undefined, token: string) => a.post(`/api/surveys/${sid}/responses`, null, { clientId: clientId(), token, answers: { q1: 'satisfied' }, ...(code ? { code } : {}) })
    const tok = await citizenToken(h.url)
    expect(await status(answer(undefined, tok))).toEqual([403, 'FORBIDDEN'])
    expect(await status(answer('ZZZZZZZZ', tok))).toEqual([403, 'FORBIDDEN'])
    // One device may hand in several codes (a family's phone); a code works once.
    expect(await status(answer(inv[0]!.code, tok))).toEqual([201, 'ok'])
    expect(await status(answer(inv[1]!.code, tok))).toEqual([201, 'ok'])
    const res = await Promise.all([answer(inv[2]!.code, await citizenToken(h.url)), answer(inv[2]!.code, await citizenToken(h.url))])
    expect(res.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await h.app.db.surveyResponse.count({ where: { surveyId: sid } })).toBe(3)
    const listed = await a.json<SurveyInviteDto[]>(a.get(`/api/unit/surveys/${sid}/invites`, cookies.editor))
    expect(listed.every((i) => i.usedAt !== null)).toBe(true)
  })
})

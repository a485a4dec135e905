import type { SummaryBlock, SummaryDto, SummaryListItemDto } from '@openday/protocol'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uploadFilePath } from '../src/features/uploads/service.ts'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { type Harness, login, ok, send, staff, startServer } from './harness.ts'
import { addStaff, api } from './hotline-helpers.ts'

// Issue 12, the summary (经验总结): made from the records after the event, written by the lead
// unit, submitted by its deadline, accepted or returned by the office; versions keep the figures.

const LIVE = `${DEMO_LIVE_SESSION}-event` // 人社局 leads
// A real 4×3 RGB picture (the 1-pixel fixtures elsewhere are too sparse for pdfkit's PNG reader).
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([len, Buffer.from(type), data, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2
  const rows = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w }, (_, x) => [200, 40 * x, 60 * y]).flat()])))
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}
const PNG = png(4, 3)
const HOTLINE = `${DEMO_HOTLINE_SESSION}-event` // 人社局 leads, the hotline centre (rx) joins
let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const get = (eventId: string, who = 'editor') => a.json<SummaryDto>(a.get(`/api/summaries/${eventId}`, cookies[who]))
const save = (s: { revision: number }, blocks: SummaryBlock[], eventId = LIVE, who = 'editor') => a.put(`/api/summaries/${eventId}`, cookies[who], { revision: s.revision, blocks })

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  await addStaff(h, 'rx-editor', 'unit_editor', 'rx')
  for (const u of ['admin', 'editor', 'zjj-editor', 'rx-editor', 'host']) cookies[u] = await login(h.url, u)
})
afterAll(async () => { await h?.close() })

describe('before and after the event', () => {
  it('is not written before the event is over; after it, the lead unit opens a draft made from the records', async () => {
    expect(await status(a.get(`/api/summaries/${LIVE}`, cookies.editor))).toEqual([409, 'CONFLICT'])
    expect((await a.json<SummaryListItemDto[]>(a.get('/api/summaries', cookies.editor))).map((x) => x.eventId)).not.toContain(LIVE)
    const host = await staff(h.url, 'host')
    for (const id of [DEMO_LIVE_SESSION, DEMO_HOTLINE_SESSION]) ok(await send(host, 'session:end', { sessionId: id }))
    host.close()
    const listed = await a.json<SummaryListItemDto[]>(a.get('/api/summaries', cookies.editor))
    expect(listed.find((x) => x.eventId === LIVE)).toMatchObject({ state: null, overdue: false, unit: { name: '市人力资源和社会保障局' } })

    const s = await get(LIVE)
    expect(s).toMatchObject({ state: 'draft', revision: 0, canEdit: true, versions: [] })
    expect(s.blocks[0]).toEqual({ type: 'heading', text: '一、活动基本情况' })
    expect((s.blocks[1] as { text: string }).text).toContain('以“稳就业 惠民生——就业创业政策解读”为主题')
    expect(s.figures.totals).toMatchObject({ received: 3, approved: 3, answeredLive: 1, repliesDue: 2 })
    // Due at the end of the day, 10 days after the event, Beijing time.
    expect(new Date(s.dueAt).toISOString()).toMatch(/T15:59:59\.999Z$/)
  })

  it('another unit, other roles and the anonymous cannot; a joint unit reads once the lead has started it', async () => {
    expect(await status(a.get(`/api/summaries/${LIVE}`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`/api/summaries/${LIVE}`, cookies.host))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get(`/api/summaries/${LIVE}`, null))).toEqual([401, 'UNAUTHENTICATED'])
    expect(await status(a.get(`/api/summaries/${HOTLINE}`, cookies['rx-editor']))).toEqual([404, 'NOT_FOUND'])
    const lead = await get(HOTLINE)
    const joint = await get(HOTLINE, 'rx-editor')
    expect(joint).toMatchObject({ canEdit: false, revision: lead.revision })
    expect(await status(save(joint, lead.blocks, HOTLINE, 'rx-editor'))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.put(`/api/summaries/${LIVE}`, cookies.admin, { revision: 0, blocks: lead.blocks }))).toEqual([403, 'FORBIDDEN'])
  })
})

describe('writing, submitting, deciding', () => {
  it('refuses hostile and malformed bodies and a stale revision, writing nothing', async () => {
    const s = await get(LIVE)
    const otherUpload = await h.app.db.upload.create({ data: { mime: 'image/png', size: 1, sha256: 'x', path: 'x', uploaderId: 'x' } })
    const bad: [string, unknown][] = [
      ['no blocks', { revision: s.revision, blocks: [] }],
      ['unknown block', { revision: s.revision, blocks: [{ type: 'video', text: 'x' }] }],
      ['lone surrogate', { revision: s.revision, blocks: [{ type: 'paragraph', text: '总结\uD800' }] }],
      ['empty list', { revision: s.revision, blocks: [{ type: 'list', items: [] }] }],
      ['extra key', { revision: s.revision, blocks: [{ type: 'heading', text: 'x', size: 1 }] }],
      ["another event's picture", { revision: s.revision, blocks: [{ type: 'photo', uploadId: otherUpload.id, caption: '' }] }],
      ['not JSON', '{"revision":'],
    ]
    for (const [why, body] of bad) expect([why, ...(await status(a.put(`/api/summaries/${LIVE}`, cookies.editor, body)))]).toEqual([why, 400, 'BAD_REQUEST'])
    const saved = await a.json<SummaryDto>(save(s, [...s.blocks, { type: 'list', items: ['经验一', '经验二'] }]))
    expect(saved.revision).toBe(s.revision + 1)
    expect(await status(save(s, s.blocks))).toEqual([409, 'CONFLICT'])
    expect((await get(LIVE)).blocks.at(-1)).toEqual({ type: 'list', items: ['经验一', '经验二'] })
  })

  it('submitted with the figures as counted then; locked; returned with a reason, resubmitted (late), accepted; audited', async () => {
    const s = await get(LIVE)
    const sent = await a.json<SummaryDto>(a.post(`/api/summaries/${LIVE}/submit`, cookies.editor, { revision: s.revision }))
    expect(sent).toMatchObject({ state: 'submitted', late: false, canEdit: false, versions: [{ number: 1, late: false }] })
    const v1 = await h.app.db.experienceSummaryVersion.findFirstOrThrow({ where: { number: 1, summary: { eventId: LIVE } } })
    expect(JSON.parse(v1.figures).totals.received).toBe(3)
    expect(await status(save(sent, sent.blocks))).toEqual([409, 'CONFLICT'])
    expect(await status(a.post(`/api/admin/summaries/${LIVE}/accept`, cookies.editor, {}))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post(`/api/admin/summaries/${LIVE}/return`, cookies.admin, { reason: '' }))).toEqual([400, 'BAD_REQUEST'])
    const back = await a.json<SummaryDto>(a.post(`/api/admin/summaries/${LIVE}/return`, cookies.admin, { reason: '请补充宣传报道情况' }))
    expect(back).toMatchObject({ state: 'returned', reason: '请补充宣传报道情况' })

    // Past its deadline now: accepted, marked late.
    await h.app.db.experienceSummary.update({ where: { eventId: LIVE }, data: { dueAt: new Date(Date.now() - 86_400_000) } })
    const mine = await get(LIVE)
    expect(mine.canEdit).toBe(true)
    expect((await a.json<SummaryListItemDto[]>(a.get('/api/summaries', cookies.editor))).find((x) => x.eventId === LIVE)!.overdue).toBe(true)
    const edited = await a.json<SummaryDto>(save(mine, [...mine.blocks, { type: 'paragraph', text: '市政府门户网站、永州日报作了报道。' }]))
    const again = await a.json<SummaryDto>(a.post(`/api/summaries/${LIVE}/submit`, cookies.editor, { revision: edited.revision }))
    expect(again).toMatchObject({ state: 'submitted', late: true, versions: [{ number: 1, late: false }, { number: 2, late: true }] })
    const accepted = await a.json<SummaryDto>(a.post(`/api/admin/summaries/${LIVE}/accept`, cookies.admin, {}))
    expect(accepted.state).toBe('accepted')
    expect(await status(a.post(`/api/admin/summaries/${LIVE}/accept`, cookies.admin, {}))).toEqual([409, 'CONFLICT'])
    const log = await a.json<{ items: { action: string }[] }>(a.get(`/api/admin/audit?targetType=summary&targetId=${LIVE}`, cookies.admin))
    expect(log.items.map((e) => e.action).reverse()).toEqual(['summary.draft', 'summary.submit', 'summary.return', 'summary.submit', 'summary.accept'])
  })

  it('only the admin sets the days it is due after the event', async () => {
    expect(await status(a.put('/api/admin/summary-settings', cookies.editor, { days: 5 }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.put('/api/admin/summary-settings', cookies.admin, { days: 0 }))).toEqual([400, 'BAD_REQUEST'])
    expect(await a.json(a.put('/api/admin/summary-settings', cookies.admin, { days: 15 }))).toEqual({ days: 15 })
    expect(await a.json(a.get('/api/admin/summary-settings', cookies.admin))).toEqual({ days: 15 })
  })
})

describe('the summary as an official document', () => {
  it('DOCX and PDF (Chinese text embedded) carry the text, the photos and the figures as tables', async () => {
    // A photo of the event: a picture of its live record, as an upload stores it (the session is archived by now).
    mkdirSync(join(h.dataDir, 'uploads'), { recursive: true })
    writeFileSync(uploadFilePath(h.dataDir, 'summary-fixture.png'), PNG)
    const { id: uploadId } = await h.app.db.upload.create({ data: { sessionId: DEMO_LIVE_SESSION, mime: 'image/png', size: PNG.length, sha256: 'fixture', path: 'summary-fixture.png', uploaderId: 'fixture' } })
    const s = await get(LIVE)
    const summaryRow = await h.app.db.experienceSummary.findUniqueOrThrow({ where: { eventId: LIVE } })
    // The summary is accepted above; a new photo goes in through the database, as a returned one would be edited.
    await h.app.db.experienceSummary.update({ where: { eventId: LIVE }, data: { content: JSON.stringify([...s.blocks, { type: 'photo', uploadId, caption: '访谈现场' }]) } })
    expect(summaryRow.state).toBe('accepted')
    const docx = await a.get(`/api/summaries/${LIVE}.docx`, cookies.editor)
    expect(docx.status).toBe(200)
    expect(docx.headers.get('content-type')).toContain('wordprocessingml')
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value
    for (const x of ['稳就业 惠民生——就业创业政策解读政务公开主题日活动经验总结', '一、活动基本情况', '市政府门户网站、永州日报作了报道。', '表2 互动和答复情况', '收到网友提问', '市人力资源和社会保障局', '访谈现场'])
      expect(text, x).toContain(x)
    const docxBytes = Buffer.from(await (await a.get(`/api/summaries/${LIVE}.docx`, cookies.editor)).arrayBuffer())
    expect(docxBytes.includes(Buffer.from('word/media/'))).toBe(true) // the picture itself is in the package
    const pdf = await a.get(`/api/summaries/${LIVE}.pdf`, cookies.admin)
    expect(pdf.status).toBe(200)
    const path = join(mkdtempSync(join(tmpdir(), 'summary-')), 's.pdf')
    writeFileSync(path, Buffer.from(await pdf.arrayBuffer()))
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    for (const x of ['一、活动基本情况', '表2互动和答复情况', '按时书面答复', '访谈现场']) expect(pdfText, x).toContain(x)
    expect(execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').length).toBeGreaterThan(2) // header lines + the image
    expect(await status(a.get(`/api/summaries/${LIVE}.docx`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
  })
})

import type { AuditPageDto, JournalDto, PublicityItemDto, UploadDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { type Harness, login, startServer } from './harness.ts'
import { addStaff, api } from './hotline-helpers.ts'

// Issue 12, publicity (加强宣传): the host units record what was published about their event; the
// office keeps the journals that earn bonus points. SQLite and PostgreSQL.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const LIVE = `${DEMO_LIVE_SESSION}-event` // 人社局 leads
const HOTLINE = `${DEMO_HOTLINE_SESSION}-event` // 人社局 leads, the hotline centre (rx) joins

let h: Harness
let a: ReturnType<typeof api>
const cookies: Record<string, string> = {}
const cookie = (who: string) => cookies[who]!
const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }
const item = (over: Record<string, unknown> = {}) => ({ outlet: 'gov_website', date: '2026-11-20', title: '主题日活动成功举办', source: '市政府门户网站', url: 'https://www.example.gov.cn/a/1', ...over })
const upload = (cookie: string, eventId: string) => {
  const form = new FormData()
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'shot.png')
  return fetch(`${h.url}/api/unit/events/${eventId}/publicity-files`, { method: 'POST', headers: { cookie, 'x-openday-csrf': '1' }, body: form })
}
let journals: JournalDto[]

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  await addStaff(h, 'rx-editor', 'unit_editor', 'rx')
  for (const u of ['admin', 'editor', 'zjj-editor', 'rx-editor', 'host']) cookies[u] = await login(h.url, u)
  journals = await a.json<JournalDto[]>(a.get('/api/journals', cookies.editor))
})
afterAll(async () => { await h?.close() })

describe('the journals', () => {
  it('start as the seed names them; only the admin lists, adds and changes them; a delisted one is not offered', async () => {
    expect(journals.map((j) => [j.name, j.bonus])).toEqual([['《政务管理服务工作》', true], ['《政务公开工作交流》', true]])
    expect(await status(a.post('/api/admin/journals', cookies.editor, { name: '《某刊》' }))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get('/api/admin/journals', cookies.editor))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.post('/api/admin/journals', cookies.admin, { name: journals[0]!.name }))).toEqual([409, 'CONFLICT'])
    expect(await status(a.post('/api/admin/journals', cookies.admin, { name: '' }))).toEqual([400, 'BAD_REQUEST'])
    const added = await a.json<JournalDto>(a.post('/api/admin/journals', cookies.admin, { name: '《湖南政务》', bonus: false }), 201)
    const off = await a.json<JournalDto>(a.put(`/api/admin/journals/${added.id}`, cookies.admin, { name: '《湖南政务》', bonus: false, active: false }))
    expect(off.active).toBe(false)
    expect((await a.json<JournalDto[]>(a.get('/api/journals', cookies.editor))).map((j) => j.id)).not.toContain(added.id)
    expect((await a.json<JournalDto[]>(a.get('/api/admin/journals', cookies.admin))).map((j) => j.id)).toContain(added.id)
    expect(await status(a.post(`/api/unit/events/${LIVE}/publicity`, cookies.editor, item({ outlet: 'journal', journalId: added.id })))).toEqual([400, 'BAD_REQUEST'])
  })
})

describe('publicity items', () => {
  it('the lead and joint units record them, with a screenshot; other units and roles cannot; each edits only its own', async () => {
    const file = await a.json<UploadDto>(upload(cookie('editor'), LIVE), 201)
    const mine = await a.json<PublicityItemDto>(a.post(`/api/unit/events/${LIVE}/publicity`, cookies.editor, item({ uploadId: file.id })), 201)
    expect(mine).toMatchObject({ outlet: 'gov_website', unit: { name: '市人力资源和社会保障局' }, file: { id: file.id, mime: 'image/png' }, canEdit: true })
    const inJournal = await a.json<PublicityItemDto>(a.post(`/api/unit/events/${HOTLINE}/publicity`, cookies['rx-editor'], item({ outlet: 'journal', journalId: journals[1]!.id, source: '', url: '' })), 201)
    expect(inJournal.journal).toEqual({ id: journals[1]!.id, name: '《政务公开工作交流》', bonus: true })

    expect(await status(a.post(`/api/unit/events/${LIVE}/publicity`, cookies['zjj-editor'], item()))).toEqual([404, 'NOT_FOUND'])
    expect(await status(upload(cookie('zjj-editor'), LIVE))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.get(`/api/unit/events/${LIVE}/publicity`, cookies['zjj-editor']))).toEqual([404, 'NOT_FOUND'])
    expect(await status(a.post(`/api/unit/events/${LIVE}/publicity`, cookies.host, item()))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.get(`/api/unit/events/${LIVE}/publicity`, null))).toEqual([401, 'UNAUTHENTICATED'])
    // The joint unit sees the lead's items on their shared event, but changes only its own.
    const shared = await a.json<PublicityItemDto>(a.post(`/api/unit/events/${HOTLINE}/publicity`, cookies.editor, item()), 201)
    const seen = await a.json<PublicityItemDto[]>(a.get(`/api/unit/events/${HOTLINE}/publicity`, cookies['rx-editor']))
    expect(seen.map((x) => [x.id, x.canEdit])).toEqual(expect.arrayContaining([[shared.id, false], [inJournal.id, true]]))
    expect(await status(a.put(`/api/publicity/${shared.id}`, cookies['rx-editor'], item({ title: '改别人的' })))).toEqual([403, 'FORBIDDEN'])
    expect(await status(a.del(`/api/publicity/${shared.id}`, cookies['rx-editor']))).toEqual([403, 'FORBIDDEN'])
    const edited = await a.json<PublicityItemDto>(a.put(`/api/publicity/${shared.id}`, cookies.editor, item({ title: '修改后的标题' })))
    expect(edited.title).toBe('修改后的标题')
    await a.json(a.del(`/api/publicity/${shared.id}`, cookies.admin))
    const log = await a.json<AuditPageDto>(a.get(`/api/admin/audit?targetId=${shared.id}`, cookies.admin))
    expect(log.items.map((e) => e.action).reverse()).toEqual(['publicity.create', 'publicity.update', 'publicity.delete'])
  })

  it('refuses hostile and malformed bodies with BAD_REQUEST and stores nothing', async () => {
    const other = await a.json<UploadDto>(upload(cookie('editor'), HOTLINE), 201)
    const before = await h.app.db.publicityItem.count()
    const bad: [string, unknown][] = [
      ['journal without a journal', item({ outlet: 'journal' })],
      ['a journal on a website item', item({ journalId: journals[0]!.id })],
      ['unknown outlet', item({ outlet: 'rumour' })],
      ['script url', item({ url: 'javascript:alert(1)' })],
      ['no such date', item({ date: '2026-02-30' })],
      ['lone surrogate', item({ title: '报道\uD800' })],
      ['empty title', item({ title: '' })],
      ['extra key', item({ unitId: 'x' })],
      ["another event's file", item({ uploadId: other.id })],
      ['unknown file', item({ uploadId: 'nope' })],
      ['not JSON', '{"outlet":'],
    ]
    for (const [why, body] of bad) expect([why, ...(await status(a.post(`/api/unit/events/${LIVE}/publicity`, cookies.editor, body)))]).toEqual([why, 400, 'BAD_REQUEST'])
    expect(await h.app.db.publicityItem.count()).toBe(before)
  })
})

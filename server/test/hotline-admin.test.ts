import type { ArchiveDto, CallStaffDto, DomainDto, HotlineFiguresDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_HEADERS } from '../src/features/hotline/export.ts'
import { DEMO_HOTLINE_SESSION as S, DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { client, type Harness, login, ok, send, startServer } from './harness.ts'
import { addHotlineSession, api, type Api, callPayload, errCode, parseCsv, type Refs, refs, xlsxRows } from './hotline-helpers.ts'

// The hotline's admin data (taxonomy, calendar), masked exports and figures; hotline.test.ts has the
// live part, hotline-exports.test.ts the full exports.

let h: Harness
let a: Api
let r: Refs
const cookies: Record<string, string> = {}
const codeOf = (res: { ok: boolean; code?: string }) => (res.ok ? 'ok' : res.code)
const as = (username: string) => client(h.url, { cookie: cookies[username]! })

beforeAll(async () => {
  h = await startServer()
  a = api(h)
  for (const u of ['admin', 'operator', 'host', 'editor']) cookies[u] = await login(h.url, u)
  r = await refs(h, cookies.operator!)
})
afterAll(async () => { await h?.close() })

describe('taxonomy as data', () => {
  it('the admin adds, renames and deactivates; others may not; the public list keeps old rows for old calls', async () => {
    const body = { name: '乡村振兴', nameEn: 'Rural revitalisation', sortOrder: 75, active: true }
    expect(await errCode(a.post('/api/admin/hotline/domains', cookies.operator, body))).toBe('FORBIDDEN')
    expect(await errCode(a.post('/api/admin/hotline/domains', null, body))).toBe('UNAUTHENTICATED')
    const d = await a.json<DomainDto>(a.post('/api/admin/hotline/domains', cookies.admin, body), 201)
    expect(d.code).toBe('rural_revitalisation')
    const op = await as('operator')
    const call = ok(await send(op, 'call:log', callPayload(r, { domainId: d.id })))
    const off = await a.json<DomainDto>(a.put(`/api/admin/hotline/domains/${d.id}`, cookies.admin, { ...body, name: '乡村振兴（停用）', active: false }))
    expect(off).toMatchObject({ id: d.id, code: 'rural_revitalisation', active: false })
    const tax = await a.json<{ domains: DomainDto[] }>(a.get('/api/hotline/taxonomy'))
    expect(tax.domains.find((x) => x.id === d.id)?.active).toBe(false)
    expect((await h.app.db.hotlineCall.findUnique({ where: { id: call.id } }))?.domainId).toBe(d.id)

    const type = r.taxonomy.appealTypes.find((t) => t.code === 'consultation')!
    const changed = await a.json<{ deadlineDays: number }>(a.put(`/api/admin/hotline/appeal-types/${type.id}`, cookies.admin, { name: type.name, nameEn: type.nameEn ?? undefined, sortOrder: type.sortOrder, active: true, deadlineDays: 4 }))
    expect(changed.deadlineDays).toBe(4)
    await a.json(a.put(`/api/admin/hotline/appeal-types/${type.id}`, cookies.admin, { name: type.name, sortOrder: type.sortOrder, active: true, deadlineDays: 3 }))
    expect(await errCode(a.put(`/api/admin/hotline/appeal-types/${type.id}`, cookies.admin, { name: 'x', sortOrder: 1, active: true, deadlineDays: 0 }))).toBe('BAD_REQUEST')
    expect(await errCode(a.put('/api/admin/hotline/domains/nope', cookies.admin, body))).toBe('NOT_FOUND')
    expect(await h.app.db.auditLog.count({ where: { targetId: d.id, action: { startsWith: 'hotline.domain' } } })).toBe(2)
    op.close()
  })

  it('checks calendar edits', async () => {
    expect(await errCode(a.put('/api/admin/calendar/2026-12-31', cookies.admin, { date: '2026-12-30', kind: 'holiday', name: 'x' }))).toBe('BAD_REQUEST')
    expect(await errCode(a.put('/api/admin/calendar/2026-13-01', cookies.admin, { date: '2026-13-01', kind: 'holiday', name: 'x' }))).toBe('BAD_REQUEST')
    expect(await errCode(a.put('/api/admin/calendar/2026-12-31', cookies.editor, { date: '2026-12-31', kind: 'holiday', name: 'x' }))).toBe('FORBIDDEN')
    expect(await errCode(a.del('/api/admin/calendar/2031-01-01', cookies.admin))).toBe('NOT_FOUND')
    expect(await errCode(a.get('/api/admin/calendar'))).toBe('UNAUTHENTICATED')
    expect(await errCode(a.get('/api/units'))).toBe('UNAUTHENTICATED')
  })
})

describe('exports', () => {
  it('gives staff masked spreadsheets (XLSX and CSV) that parse back to the calls', async () => {
    const calls = await a.json<CallStaffDto[]>(a.get(`/api/hotline/sessions/${S}/calls`, cookies.operator))
    const xlsx = await a.get(`/api/hotline/sessions/${S}/calls.xlsx`, cookies.operator)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="hotline-calls-demo-hotline\.xlsx"; filename\*=UTF-8''12345%E6%9D%A5%E7%94%B5/)
    const rows = await xlsxRows(xlsx)
    expect(rows[0]).toEqual([...CALL_HEADERS])
    expect(rows.length - 1).toBe(calls.length)
    const phone = rows[0]!.indexOf('电话'), name = rows[0]!.indexOf('来电人'), unit = rows[0]!.indexOf('承办单位')
    expect(rows.slice(1).map((x) => x[phone])).toEqual(calls.map((c) => c.phoneMasked))
    expect(rows.slice(1).every((x) => x[phone]!.includes('*'))).toBe(true)
    const demoHanded = rows.find((x) => x[phone] === '0746-***3171')!
    expect(demoHanded[unit]).toBe('市人力资源和社会保障局')
    expect(demoHanded[name]).toBe('李**')

    const csv = await a.get(`/api/hotline/sessions/${S}/calls.csv`, cookies.host)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const parsed = await parseCsv(bytes.toString('utf8').slice(1))
    expect(parsed[0]).toEqual([...CALL_HEADERS])
    expect(parsed.slice(1).map((x) => x[phone])).toEqual(calls.map((c) => c.phoneMasked))
    expect(bytes.toString('utf8')).not.toContain('13812345678')
  })

  it('refuses the masked export to those outside the session; full exports are in hotline-exports.test.ts', async () => {
    expect(await errCode(a.get(`/api/hotline/sessions/${S}/calls.csv`, cookies.editor))).toBe('FORBIDDEN')
    expect(await errCode(a.get(`/api/hotline/sessions/${S}/calls.csv`))).toBe('UNAUTHENTICATED')
    expect(await h.app.db.auditLog.count({ where: { action: 'call.export_full' } })).toBe(0)
  })
})

describe('figures and the archive', () => {
  it('counts calls by domain and type for everyone, without personal data', async () => {
    const calls = await a.json<CallStaffDto[]>(a.get(`/api/hotline/sessions/${S}/calls`, cookies.admin))
    const f = await a.json<HotlineFiguresDto>(a.get(`/api/hotline/sessions/${S}/figures`))
    expect(f.calls).toBe(calls.length)
    expect(f.answered + f.handedOff).toBe(f.calls)
    expect(Object.values(f.byDomain).reduce((x, y) => x + y, 0)).toBe(f.calls)
    expect(f.byAppealType[r.type('consultation')]).toBe(calls.filter((c) => c.appealTypeId === r.type('consultation')).length)
    expect(await errCode(a.get(`/api/hotline/sessions/${DEMO_LIVE_SESSION}/figures`))).toBe('NOT_FOUND')
  })

  it('an ended hotline day is archived with its figures and nothing personal', async () => {
    await addHotlineSession(h, 'hl-archive')
    const host = await as('host'), op = await as('operator')
    ok(await send(host, 'session:start', { sessionId: 'hl-archive' }))
    ok(await send(op, 'call:log', callPayload(r, { sessionId: 'hl-archive', phone: '13522223333', callerName: '档案人' })))
    ok(await send(op, 'call:log', callPayload(r, { sessionId: 'hl-archive', disposition: 'handed_off', reply: undefined, unitId: r.unit('rsj'), domainId: r.domain('social') })))
    ok(await send(host, 'session:end', { sessionId: 'hl-archive' }))
    expect(codeOf(await send(op, 'call:log', callPayload(r, { sessionId: 'hl-archive' })))).toBe('SESSION_CLOSED')
    const archive = await a.json<ArchiveDto>(a.get('/api/archive/hl-archive'))
    expect(archive.hotline).toMatchObject({ calls: 2, answered: 1, handedOff: 1, closed: 0, closedOnTime: 0, satisfactionRate: null })
    expect(archive.hotline!.byDomain).toEqual({ [r.domain('urban')]: 1, [r.domain('social')]: 1 })
    const text = JSON.stringify(archive)
    for (const s of ['13522223333', '135****3333', '档案人', '咨询占道经营']) expect(text).not.toContain(s)
    const other = await a.json<ArchiveDto>(a.get('/api/archive/demo-archived'))
    expect(other.hotline).toBeNull()
    host.close(); op.close()
  })
})

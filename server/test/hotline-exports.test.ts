import type { CallStaffDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_HEADERS } from '../src/features/hotline/export.ts'
import { ORDER_HEADERS } from '../src/features/workorders/export.ts'
import { DEMO_HOTLINE_SESSION as S } from '../src/seed/demo.ts'
import { client, type Harness, login, ok, send, startServer } from './harness.ts'
import { addStaff, api, callPayload, errCode, parseCsv, refs, xlsxRows } from './hotline-helpers.ts'

// Full exports (names and numbers in clear): only through a POST that passes the CSRF guard, and
// paid for row by row from the person's export allowance. Masked exports stay plain GETs that
// write nothing and spend nothing. The seeded hotline day has 4 calls and 1 work order.

const CALLS = `/api/hotline/sessions/${S}/calls`
const ORDERS = '/api/work-orders'
/** What the seeded calls hold in clear (server/src/seed/demo.ts); none of it may leave masked. */
const CLEAR = ['13812345678', '07468533171', '张伟', '李秀英']

const exportAudits = (h: Harness) => h.app.db.auditLog.count({ where: { action: { in: ['call.export_full', 'workorder.export_full'] } } })
const csvRows = async (res: Response) => parseCsv((await res.text()).replace(/^\uFEFF/, ''))

/** Logs `n` more answered calls on the demo hotline day, as the demo operator. */
async function logCalls(h: Harness, n: number): Promise<void> {
  const cookie = await login(h.url, 'operator')
  const r = await refs(h, cookie)
  const op = await client(h.url, { cookie })
  for (let i = 0; i < n; i++) ok(await send(op, 'call:log', callPayload(r, { phone: `1370000${String(1000 + i)}` })))
  op.close()
}

describe('a full export by a GET (a link on another site)', () => {
  let h: Harness
  // Exactly what the checks below need: one reveal, and the 4 calls plus the 1 work order.
  beforeAll(async () => { h = await startServer({ RATE_REVEALS_PER_USER: '1', RATE_EXPORT_ROWS_PER_USER: '5' }) })
  afterAll(async () => { await h?.close() })

  it('gives no clear number, writes no audit row and spends nothing; masked GETs stay as they were', async () => {
    const a = api(h)
    const admin = await login(h.url, 'admin')
    const auditsBefore = await h.app.db.auditLog.count()
    // A top-level navigation sends the SameSite=Lax cookie, but no custom header and no Origin.
    const navigate = (path: string) => fetch(`${h.url}${path}`, { headers: { cookie: admin, 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site' } })
    for (const path of [`${CALLS}.xlsx?full=1`, `${CALLS}.csv?full=1`, `${ORDERS}.xlsx?full=1`, `${ORDERS}.csv?full=1`]) {
      const res = await navigate(path)
      expect(res.status, path).toBe(403)
      const body = await res.text()
      expect(JSON.parse(body).error.code, path).toBe('FORBIDDEN')
      for (const secret of CLEAR) expect(body, path).not.toContain(secret)
    }
    // The masked files stay plain GETs, for a link as for the page.
    for (const path of [`${CALLS}.xlsx`, `${CALLS}.csv`, `${ORDERS}.xlsx`, `${ORDERS}.csv`, `${CALLS}.csv?full=0`]) {
      const res = await navigate(path)
      expect(res.status, path).toBe(200)
      const body = Buffer.from(await res.arrayBuffer()).toString('utf8')
      for (const secret of CLEAR) expect(body, path).not.toContain(secret)
    }
    expect(await h.app.db.auditLog.count()).toBe(auditsBefore)

    // Nothing was spent: the one reveal and the whole 5-row export allowance are still there.
    const calls = await a.json<CallStaffDto[]>(a.get(CALLS, admin))
    expect(calls).toHaveLength(4)
    expect((await a.post(`/api/hotline/calls/${calls[0]!.id}/reveal`, admin)).status).toBe(200)
    expect((await a.post(`${CALLS}.csv`, admin)).status).toBe(200)
    expect((await a.post(`${ORDERS}.csv`, admin, {})).status).toBe(200)
  })

  it('a POST without the CSRF header, or from another origin, is refused before anything is written; from the page it is not', async () => {
    const admin = await login(h.url, 'admin')
    const before = await exportAudits(h)
    const post = (path: string, headers: Record<string, string>) => fetch(`${h.url}${path}`, { method: 'POST', headers: { cookie: admin, ...headers } })
    const noHeader = await post(`${CALLS}.csv`, {})
    const crossSite = await post(`${ORDERS}.csv`, { 'x-openday-csrf': '1', origin: 'https://evil.example' })
    for (const res of [noHeader, crossSite]) {
      expect(res.status).toBe(403)
      const body = await res.text()
      for (const secret of CLEAR) expect(body).not.toContain(secret)
    }
    expect(await exportAudits(h)).toBe(before)
    // The same POST as the page sends it (the CSRF header, the page's own Origin), by another
    // admin: the allowance is per person and the test above spent the first admin's.
    await addStaff(h, 'admin2', 'admin', 'gkb')
    const page = await fetch(`${h.url}${ORDERS}.csv`, { method: 'POST', headers: { cookie: await login(h.url, 'admin2'), 'x-openday-csrf': '1', origin: new URL(h.app.config.PUBLIC_URL).origin } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('07468533171')
    expect(await exportAudits(h)).toBe(before + 1)
  })
})

describe('a full export by POST', () => {
  let h: Harness
  const cookies: Record<string, string> = {}
  beforeAll(async () => {
    h = await startServer()
    for (const u of ['admin', 'operator', 'host', 'editor', 'moderator', 'guest']) cookies[u] = await login(h.url, u)
  })
  afterAll(async () => { await h?.close() })

  it('gives the admin the calls with names and numbers in clear, as XLSX and CSV, with one audit row each', async () => {
    const a = api(h)
    const xlsx = await a.post(`${CALLS}.xlsx`, cookies.admin)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="hotline-calls-demo-hotline\.xlsx"/)
    expect(xlsx.headers.get('cache-control')).toBe('no-store')
    const rows = await xlsxRows(xlsx)
    expect(rows[0]).toEqual([...CALL_HEADERS])
    expect(rows).toHaveLength(5)
    const phone = rows[0]!.indexOf('电话'), name = rows[0]!.indexOf('来电人')
    expect(rows.some((x) => x[phone] === '07468533171' && x[name] === '李秀英')).toBe(true)
    expect(rows.some((x) => x[phone] === '13812345678' && x[name] === '张伟')).toBe(true)

    const csv = await a.post(`${CALLS}.csv`, cookies.admin, {})
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const parsed = await csvRows(csv)
    expect(parsed[0]).toEqual([...CALL_HEADERS])
    expect(parsed.slice(1).map((x) => x[phone]).sort()).toEqual(rows.slice(1).map((x) => x[phone]).sort())
    expect(parsed.slice(1).every((x) => !x[phone]!.includes('*'))).toBe(true)

    const audit = await h.app.db.auditLog.findMany({ where: { action: 'call.export_full', targetId: S }, orderBy: { at: 'asc' } })
    expect(audit.map((x) => [x.actorRole, JSON.parse(x.detail)])).toEqual([['admin', { calls: 4, format: 'xlsx' }], ['admin', { calls: 4, format: 'csv' }]])
    expect(audit[0]!.ip).toBeTruthy()
  })

  it('gives the admin the work orders in clear, filtered as asked, with an audit row', async () => {
    const a = api(h)
    const rows = await csvRows(await a.post(`${ORDERS}.csv`, cookies.admin, { status: 'assigned' }))
    expect(rows[0]).toEqual([...ORDER_HEADERS])
    const phone = rows[0]!.indexOf('电话'), name = rows[0]!.indexOf('来电人')
    expect(rows.slice(1).map((x) => [x[phone], x[name]])).toEqual([['07468533171', '李秀英']])
    const none = await xlsxRows(await a.post(`${ORDERS}.xlsx`, cookies.admin, { status: 'closed', overdue: true }))
    expect(none).toHaveLength(1)
    expect(await errCode(a.post(`${ORDERS}.csv`, cookies.admin, { status: 'lost' }))).toBe('BAD_REQUEST')
    expect(await errCode(a.post(`${ORDERS}.csv`, cookies.admin, { full: true }))).toBe('BAD_REQUEST')
    const audit = await h.app.db.auditLog.findMany({ where: { action: 'workorder.export_full' }, orderBy: { at: 'asc' } })
    expect(audit.map((x) => JSON.parse(x.detail))).toEqual([{ orders: 1, status: 'assigned', overdue: false, format: 'csv' }, { orders: 0, status: 'closed', overdue: true, format: 'xlsx' }])
  })

  it('refuses everyone but the admin, writing nothing', async () => {
    const a = api(h)
    const before = await exportAudits(h)
    for (const u of ['operator', 'host', 'editor', 'moderator', 'guest']) {
      for (const path of [`${CALLS}.xlsx`, `${CALLS}.csv`]) expect(await errCode(a.post(path, cookies[u])), `${u} ${path}`).toBe('FORBIDDEN')
    }
    for (const u of ['operator', 'editor']) expect(await errCode(a.post(`${ORDERS}.csv`, cookies[u], {})), u).toBe('FORBIDDEN')
    expect(await errCode(a.post(`${CALLS}.csv`, null))).toBe('UNAUTHENTICATED')
    expect(await errCode(a.post(`${ORDERS}.xlsx`, null, {}))).toBe('UNAUTHENTICATED')
    expect(await errCode(a.post('/api/hotline/sessions/nope/calls.csv', cookies.admin))).toBe('NOT_FOUND')
    expect(await exportAudits(h)).toBe(before)
  })
})

describe('the export allowance counts rows', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startServer({ RATE_EXPORT_ROWS_PER_USER: '6', RATE_REVEALS_PER_USER: '1' })
    await addStaff(h, 'admin2', 'admin', 'gkb')
  })
  afterAll(async () => { await h?.close() })

  it('a full export of N rows spends N points; one that would exceed what is left is refused whole, with no audit row', async () => {
    const a = api(h)
    const admin = await login(h.url, 'admin'), admin2 = await login(h.url, 'admin2')
    const audits = (action: string) => h.app.db.auditLog.count({ where: { action } })

    expect((await a.post(`${CALLS}.csv`, admin)).status).toBe(200) // 4 rows: 2 left
    await logCalls(h, 3) // the day now has 7 calls
    const tooMany = await a.post(`${CALLS}.xlsx`, admin)
    expect(tooMany.status).toBe(429)
    expect(await errCode(tooMany)).toBe('RATE_LIMITED')
    expect(await audits('call.export_full')).toBe(1)
    // The refused export spent nothing: the 2 points left buy two 1-row exports, then none.
    expect((await a.post(`${ORDERS}.csv`, admin, {})).status).toBe(200)
    expect((await a.post(`${ORDERS}.xlsx`, admin, {})).status).toBe(200)
    expect(await errCode(a.post(`${ORDERS}.csv`, admin, {}))).toBe('RATE_LIMITED')
    expect(await audits('workorder.export_full')).toBe(2)

    // Per person; an export larger than the whole allowance says so (no wait makes it fit).
    const whole = await a.post(`${CALLS}.csv`, admin2)
    expect(whole.status).toBe(429)
    expect(((await whole.json()) as { error: { message: string } }).error.message).toMatch(/7 .*more than the 6 allowed/)
    expect((await a.post(`${ORDERS}.csv`, admin2, {})).status).toBe(200)
    expect(await audits('call.export_full')).toBe(1)
    expect(await audits('workorder.export_full')).toBe(3)

    // Single reveals have their own allowance, untouched by the exports.
    const [call] = await a.json<CallStaffDto[]>(a.get(CALLS, admin))
    expect((await a.post(`/api/hotline/calls/${call!.id}/reveal`, admin)).status).toBe(200)
    expect(await errCode(a.post(`/api/hotline/calls/${call!.id}/reveal`, admin))).toBe('RATE_LIMITED')
  })
})

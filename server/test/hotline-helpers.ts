import type { LogCall, TaxonomyDto, UnitDto } from '@openday/protocol'
import { parseString } from '@fast-csv/parse'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import { hashPassword } from '../src/features/auth/service.ts'
import { DEMO_HOTLINE_SESSION, demoPassword } from '../src/seed/demo.ts'
import { clientId, type Harness } from './harness.ts'

// Shared by the hotline and work-order integration tests: REST with a staff cookie, valid call
// payloads, extra accounts, and a CSV reader to check exports as a spreadsheet would see them.

export type Api = ReturnType<typeof api>

export function api(h: Harness) {
  const req = async (method: string, path: string, cookie?: string | null, body?: unknown) => fetch(`${h.url}${path}`, {
    method,
    headers: { 'x-openday-csrf': '1', ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  return {
    req,
    get: (path: string, cookie?: string | null) => req('GET', path, cookie),
    post: (path: string, cookie?: string | null, body?: unknown) => req('POST', path, cookie, body),
    put: (path: string, cookie?: string | null, body?: unknown) => req('PUT', path, cookie, body),
    del: (path: string, cookie?: string | null) => req('DELETE', path, cookie),
    async json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
      const r = await res
      const text = await r.text()
      if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`)
      return JSON.parse(text) as T
    },
  }
}

export const errCode = async (r: Response | Promise<Response>) => ((await (await r).json()) as { error: { code: string } }).error.code

export interface Refs { taxonomy: TaxonomyDto; units: UnitDto[]; domain: (code: string) => string; type: (code: string) => string; unit: (code: string) => string }

export async function refs(h: Harness, cookie: string): Promise<Refs> {
  const a = api(h)
  const taxonomy = await a.json<TaxonomyDto>(a.get('/api/hotline/taxonomy'))
  const units = await a.json<UnitDto[]>(a.get('/api/units', cookie))
  return {
    taxonomy, units,
    domain: (code) => taxonomy.domains.find((d) => d.code === code)!.id,
    type: (code) => taxonomy.appealTypes.find((t) => t.code === code)!.id,
    unit: (code) => units.find((u) => u.code === code)!.id,
  }
}

/** A valid call as an operator's console sends it: answered unless told otherwise. */
export function callPayload(r: Refs, over: Partial<z.input<typeof LogCall>> = {}): z.input<typeof LogCall> {
  const startedAt = new Date(Date.now() - 3 * 60_000)
  return {
    sessionId: DEMO_HOTLINE_SESSION, clientId: clientId(), phone: '13700001234', callerName: '赵六',
    domainId: r.domain('urban'), appealTypeId: r.type('consultation'), location: '人民路', content: '咨询占道经营的管理规定',
    leader: '王建国', disposition: 'answered', reply: '已现场答复', startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + 60_000).toISOString(),
    ...over,
  }
}

/** An extra staff account (and optionally its assignment to a session) made straight in the database. */
export async function addStaff(h: Harness, username: string, role: string, unitCode: string, assign?: { sessionId: string; role: string }): Promise<void> {
  const unit = await h.app.db.unit.findUniqueOrThrow({ where: { code: unitCode } })
  const user = await h.app.db.user.create({ data: { username, role, displayName: username, unitId: unit.id, passwordHash: await hashPassword(demoPassword(username)) } })
  if (assign) await h.app.db.sessionStaff.create({ data: { sessionId: assign.sessionId, userId: user.id, role: assign.role } })
}

/** RFC 4180 as a spreadsheet reads it (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = []
    parseString<string[], string[]>(text).on('error', reject).on('data', (r: string[]) => rows.push(r)).on('end', () => resolve(rows))
  })
}

/** Another hotline session (scheduled) of the demo hotline event, with `operator` and `host` assigned. */
export async function addHotlineSession(h: Harness, id: string): Promise<void> {
  const users = await h.app.db.user.findMany({ where: { username: { in: ['operator', 'host'] } } })
  await h.app.db.session.create({ data: {
    id, eventId: `${DEMO_HOTLINE_SESSION}-event`, kind: 'hotline', title: `热线 ${id}`, scheduledStart: new Date(), scheduledEnd: new Date(Date.now() + 3_600_000),
    staff: { create: users.map((u) => ({ userId: u.id, role: u.username })) },
  } })
}

/** The first sheet of an XLSX download, every cell as text. */
export async function xlsxRows(res: Response): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
  const rows: string[][] = []
  wb.worksheets[0]!.eachRow((row) => { rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))) })
  return rows
}

import type { PlanGridDto } from '@openday/protocol'
import type { Harness } from './harness.ts'
import { api } from './hotline-helpers.ts'

// Shared by the plan tests: a plan year and approved proposals made straight in the database (the
// proposals feature is another branch's), and the grid's routes.

export const unitId = async (h: Harness, code: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code } })).id

export async function openYear(h: Harness, year: number, months = '5,6,7') {
  return h.app.db.planYear.create({ data: { year, months, deadline: new Date(Date.UTC(year, 2, 1)), previewDays: 5 } })
}

export async function approved(h: Harness, year: number, o: { unit: string; theme: string; form?: string; halfDay?: 'am' | 'pm'; joint?: string[]; status?: string; month?: number }) {
  return h.app.db.proposal.create({
    data: {
      year, unitId: await unitId(h, o.unit), theme: o.theme, form: o.form ?? 'text_interview', halfDay: o.halfDay ?? 'am', month: o.month ?? null,
      steps: '步骤', status: o.status ?? 'approved', contactsCipher: 'v1.secret-cipher-of-13900001111',
      jointUnits: { create: await Promise.all((o.joint ?? []).map(async (c) => ({ unitId: await unitId(h, c) }))) },
    },
  })
}

export function planApi(h: Harness, year: number) {
  const a = api(h)
  const base = `/api/admin/plan/${year}`
  return {
    a,
    grid: (cookie: string) => a.json<PlanGridDto>(a.get(base, cookie)),
    add: (cookie: string | null, body: unknown) => a.post(`${base}/entries`, cookie, body),
    update: (cookie: string | null, id: string, body: unknown) => a.put(`${base}/entries/${id}`, cookie, body),
    remove: (cookie: string | null, id: string, body: unknown) => a.req('DELETE', `${base}/entries/${id}`, cookie, body),
    publish: (cookie: string | null, body: unknown) => a.post(`${base}/publish`, cookie, body),
    entryOf: (g: PlanGridDto, proposalId: string) => g.entries.find((e) => e.proposalId === proposalId)!,
  }
}

export const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] }

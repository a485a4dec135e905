import type { PlanEntryUpdateBody, PlanGridDto, PlanPublishResult, PlanRevisionDto, PlanYearOptionDto, PublicPlanDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const admin = (year: number) => `/api/admin/plan/${year}`

/** The annual plan: the admin's grid (the server checks the role on every call) and the public plan. */
export const planApi = {
  years: () => request<PlanYearOptionDto[]>('GET', '/api/admin/plan'),
  grid: (year: number) => request<PlanGridDto>('GET', admin(year)),
  add: (year: number, proposalId: string, month: number) => request<PlanGridDto>('POST', `${admin(year)}/entries`, { proposalId, month }),
  update: (year: number, id: string, body: PlanEntryUpdateBody) => request<PlanGridDto>('PUT', `${admin(year)}/entries/${encodeURIComponent(id)}`, body),
  remove: (year: number, id: string, revision: number) => request<PlanGridDto>('DELETE', `${admin(year)}/entries/${encodeURIComponent(id)}`, { revision }),
  publish: (year: number, body: { state: string; note: string; confirmWarnings: boolean }) => request<PlanPublishResult>('POST', `${admin(year)}/publish`, body),
  current: (year: number) => request<PublicPlanDto>('GET', `/api/plan/${year}`),
  revision: (year: number, n: number) => request<PlanRevisionDto>('GET', `/api/plan/${year}/revisions/${n}`),
}

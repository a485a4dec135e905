import type {
  MissingUnitDto, PlanYearDto, ProposalDto, ProposalSaveBody, ProposalStatus, ProposalSummaryDto, ProposalVersionDto,
  RemindBody, UnitNoticeDto, UnitOptionDto, VersionDiffDto, YearCreateBody, YearNoticeDto, YearUpdateBody,
} from '@openday/protocol'
import { request } from '../lib/api.ts'

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString()
  return s ? `?${s}` : ''
}
const id = (x: string) => encodeURIComponent(x)

/** The year and the proposals (REST; the server checks the role and the unit of every call). */
export const proposalsApi = {
  years: () => request<PlanYearDto[]>('GET', '/api/admin/years'),
  createYear: (body: YearCreateBody) => request<PlanYearDto>('POST', '/api/admin/years', body),
  updateYear: (year: number, body: YearUpdateBody) => request<PlanYearDto>('PUT', `/api/admin/years/${year}`, body),
  missing: (year: number) => request<MissingUnitDto[]>('GET', `/api/admin/years/${year}/missing`),
  remind: (year: number, body: RemindBody) => request<{ reminded: number }>('POST', `/api/admin/years/${year}/remind`, body),
  adminList: (f: { year?: number; status?: ProposalStatus | ''; unitId?: string }) => request<ProposalSummaryDto[]>('GET', `/api/admin/proposals${q(f)}`),
  approve: (pid: string) => request<ProposalDto>('POST', `/api/admin/proposals/${id(pid)}/approve`, {}),
  returnIt: (pid: string, reason: string) => request<ProposalDto>('POST', `/api/admin/proposals/${id(pid)}/return`, { reason }),
  yearNotices: () => request<YearNoticeDto[]>('GET', '/api/years'),
  unitList: (year?: number) => request<ProposalSummaryDto[]>('GET', `/api/unit/proposals${q({ year })}`),
  create: (year: number) => request<ProposalDto>('POST', '/api/unit/proposals', { year }),
  get: (pid: string) => request<ProposalDto>('GET', `/api/proposals/${id(pid)}`),
  save: (pid: string, body: ProposalSaveBody) => request<ProposalDto>('PUT', `/api/proposals/${id(pid)}`, body),
  submit: (pid: string, revision: number) => request<ProposalDto>('POST', `/api/proposals/${id(pid)}/submit`, { revision }),
  versions: (pid: string) => request<ProposalVersionDto[]>('GET', `/api/proposals/${id(pid)}/versions`),
  diff: (pid: string, from: number, to: number) => request<VersionDiffDto>('GET', `/api/proposals/${id(pid)}/diff${q({ from, to })}`),
  notices: () => request<UnitNoticeDto[]>('GET', '/api/unit/notices'),
  readNotice: (nid: string) => request<UnitNoticeDto>('POST', `/api/unit/notices/${id(nid)}/read`, {}),
  units: () => request<UnitOptionDto[]>('GET', '/api/units'),
}

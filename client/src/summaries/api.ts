import type { SummaryBlock, SummaryDto, SummaryListItemDto, SummarySettingsDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)

/** The summaries (REST; the server checks the role and the unit of every call). */
export const summariesApi = {
  list: (year?: number) => request<SummaryListItemDto[]>('GET', `/api/summaries${year ? `?year=${year}` : ''}`),
  get: (eventId: string) => request<SummaryDto>('GET', `/api/summaries/${id(eventId)}`),
  save: (eventId: string, revision: number, blocks: SummaryBlock[]) => request<SummaryDto>('PUT', `/api/summaries/${id(eventId)}`, { revision, blocks }),
  submit: (eventId: string, revision: number) => request<SummaryDto>('POST', `/api/summaries/${id(eventId)}/submit`, { revision }),
  accept: (eventId: string) => request<SummaryDto>('POST', `/api/admin/summaries/${id(eventId)}/accept`, {}),
  returnIt: (eventId: string, reason: string) => request<SummaryDto>('POST', `/api/admin/summaries/${id(eventId)}/return`, { reason }),
  settings: () => request<SummarySettingsDto>('GET', '/api/admin/summary-settings'),
  saveSettings: (days: number) => request<SummarySettingsDto>('PUT', '/api/admin/summary-settings', { days }),
}

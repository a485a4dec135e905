import type { ReplyFilter, ReplySettingsBody, ReplySettingsDto, ReplyTaskDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)

/** Written replies (REST; the server checks the role and the unit of every call). */
export const repliesApi = {
  list: (filter: ReplyFilter, unitId?: string) => request<ReplyTaskDto[]>('GET', `/api/replies?filter=${filter}${unitId ? `&unitId=${id(unitId)}` : ''}`),
  get: (tid: string) => request<ReplyTaskDto>('GET', `/api/replies/${id(tid)}`),
  save: (tid: string, revision: number, body: string) => request<ReplyTaskDto>('PUT', `/api/replies/${id(tid)}`, { revision, body }),
  publish: (tid: string, revision: number, note: string) => request<ReplyTaskDto>('POST', `/api/replies/${id(tid)}/publish`, { revision, note }),
  approve: (tid: string) => request<ReplyTaskDto>('POST', `/api/admin/replies/${id(tid)}/approve`, {}),
  returnIt: (tid: string, reason: string) => request<ReplyTaskDto>('POST', `/api/admin/replies/${id(tid)}/return`, { reason }),
  dismiss: (tid: string, reason: string) => request<ReplyTaskDto>('POST', `/api/admin/replies/${id(tid)}/dismiss`, { reason }),
  settings: () => request<ReplySettingsDto>('GET', '/api/admin/reply-settings'),
  saveSettings: (body: ReplySettingsBody) => request<ReplySettingsDto>('PUT', '/api/admin/reply-settings', body),
}

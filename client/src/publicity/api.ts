import type { JournalBody, JournalDto, PublicityBody, PublicityItemDto, UploadDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)

/** Publicity and the journal list (REST; the server checks the role and the unit of every call). */
export const publicityApi = {
  list: (eventId: string) => request<PublicityItemDto[]>('GET', `/api/unit/events/${id(eventId)}/publicity`),
  create: (eventId: string, body: PublicityBody) => request<PublicityItemDto>('POST', `/api/unit/events/${id(eventId)}/publicity`, body),
  update: (itemId: string, body: PublicityBody) => request<PublicityItemDto>('PUT', `/api/publicity/${id(itemId)}`, body),
  remove: (itemId: string) => request<Record<string, never>>('DELETE', `/api/publicity/${id(itemId)}`),
  upload: (eventId: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<UploadDto>('POST', `/api/unit/events/${id(eventId)}/publicity-files`, form)
  },
  journals: () => request<JournalDto[]>('GET', '/api/journals'),
  adminJournals: () => request<JournalDto[]>('GET', '/api/admin/journals'),
  createJournal: (body: JournalBody) => request<JournalDto>('POST', '/api/admin/journals', body),
  updateJournal: (jid: string, body: JournalBody) => request<JournalDto>('PUT', `/api/admin/journals/${id(jid)}`, body),
}

import type { EventPreviewDto, PutGuests, UnitEventDto, UnitEventPatch, UnitEventSummaryDto, UploadDto, YearEventDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const e = encodeURIComponent

/** REST of the event pages and the unit's preparation (protocol/src/previews.ts). */
export const eventsApi = {
  year: (year: number) => request<YearEventDto[]>('GET', `/api/events?year=${year}`),
  preview: (id: string) => request<EventPreviewDto>('GET', `/api/events/${e(id)}`),
  icsUrl: (id: string) => `/api/events/${e(id)}.ics`,
  unitList: () => request<UnitEventSummaryDto[]>('GET', '/api/unit/events'),
  unitGet: (id: string) => request<UnitEventDto>('GET', `/api/unit/events/${e(id)}`),
  unitPatch: (id: string, body: UnitEventPatch) => request<UnitEventDto>('PATCH', `/api/unit/events/${e(id)}`, body),
  unitGuests: (id: string, body: PutGuests) => request<UnitEventDto>('PUT', `/api/unit/events/${e(id)}/guests`, body),
  unitPhoto: (id: string, file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<UploadDto>('POST', `/api/unit/events/${e(id)}/photos`, form)
  },
  unitAssign: (id: string, sessionId: string, userId: string, role: string) =>
    request<UnitEventDto>('PUT', `/api/unit/events/${e(id)}/sessions/${e(sessionId)}/staff/${e(userId)}`, { role }),
  unitUnassign: (id: string, sessionId: string, userId: string) =>
    request<UnitEventDto>('DELETE', `/api/unit/events/${e(id)}/sessions/${e(sessionId)}/staff/${e(userId)}`),
}

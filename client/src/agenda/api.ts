import type { AgendaBody, AgendaItemDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const unit = (eid: string) => `/api/unit/events/${encodeURIComponent(eid)}`

/** A symposium's agenda or an observation's route (REST; the whole list is saved at once). */
export const agendaApi = {
  list: (eid: string) => request<AgendaItemDto[]>('GET', `${unit(eid)}/agenda`),
  save: (eid: string, body: AgendaBody) => request<AgendaItemDto[]>('PUT', `${unit(eid)}/agenda`, body),
}

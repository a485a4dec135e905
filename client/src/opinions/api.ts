import type { OpinionRecordBody, OpinionSendBody, OpinionSentDto, OpinionStaffDto, ParticipantOpinionsDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)
const unit = (eid: string) => `/api/unit/events/${id(eid)}/opinions`

/** Opinions and suggestions of a symposium or an observation: the staff's, and the participant's by the invitation token. */
export const opinionsApi = {
  list: (eid: string) => request<OpinionStaffDto[]>('GET', unit(eid)),
  record: (eid: string, body: OpinionRecordBody) => request<OpinionStaffDto>('POST', unit(eid), body),
  setStatus: (eid: string, oid: string, status: 'published' | 'hidden') => request<OpinionStaffDto>('POST', `${unit(eid)}/${id(oid)}/status`, { status }),
  assign: (eid: string, oid: string, unitId: string) => request<OpinionStaffDto>('POST', `${unit(eid)}/${id(oid)}/assign`, { unitId }),
  mine: (token: string) => request<ParticipantOpinionsDto>('GET', `/api/invitations/${id(token)}/opinions`),
  send: (token: string, body: OpinionSendBody) => request<OpinionSentDto>('POST', `/api/invitations/${id(token)}/opinions`, body),
}

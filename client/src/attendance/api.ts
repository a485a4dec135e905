import type { AttendanceDto, AttendanceSettingsBody, CheckInBody, CheckInResultDto, InvitationDto, InviteeBody, InviteeDto, SignupBody, SignupInfoDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

const id = (x: string) => encodeURIComponent(x)
const unit = (eid: string) => `/api/unit/events/${id(eid)}`

/** Invitees and check-in (REST; the server checks the role and the event of every call). */
export const attendanceApi = {
  view: (eid: string) => request<AttendanceDto>('GET', `${unit(eid)}/attendance`),
  settings: (eid: string, body: AttendanceSettingsBody) => request<AttendanceDto>('PUT', `${unit(eid)}/attendance/settings`, body),
  add: (eid: string, body: InviteeBody) => request<InviteeDto>('POST', `${unit(eid)}/invitees`, body),
  importFile: (eid: string, file: File) => { const f = new FormData(); f.append('file', file); return request<{ added: number }>('POST', `${unit(eid)}/invitees/import`, f) },
  templateUrl: (eid: string) => `${unit(eid)}/invitees/template.xlsx`,
  setStatus: (eid: string, iid: string, status: 'confirmed' | 'declined') => request<InviteeDto>('POST', `${unit(eid)}/invitees/${id(iid)}/status`, { status }),
  reveal: (eid: string, iid: string) => request<{ phone: string }>('POST', `${unit(eid)}/invitees/${id(iid)}/reveal`, {}),
  invitations: (eid: string) => request<InvitationDto[]>('GET', `${unit(eid)}/invitations`),
  checkIn: (eid: string, body: CheckInBody) => request<CheckInResultDto>('POST', `${unit(eid)}/checkin`, body),
  signupInfo: (eid: string) => request<SignupInfoDto>('GET', `/api/events/${id(eid)}/signup`),
  signup: (eid: string, body: SignupBody) => request<{ id: string; status: 'pending' }>('POST', `/api/events/${id(eid)}/signup`, body),
  invitation: (token: string) => request<InvitationDto>('GET', `/api/invitations/${id(token)}`),
}

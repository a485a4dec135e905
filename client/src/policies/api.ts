import type { InterpretationBody, PolicyAdminItemDto, PolicyAskBody, PolicyAskedDto, PolicyDocumentBody, PolicyListItemDto, PolicyQuestionStaffDto, PolicyStaffDto, PolicyStaffListDto, PublicPolicyDto, UploadDto } from '@openday/protocol'
import { api, request } from '../lib/api.ts'
import { storeCitizenToken, storedCitizenToken } from '../lib/ids.ts'

const id = (x: string) => encodeURIComponent(x)
const unit = (eid: string) => `/api/unit/events/${id(eid)}`
const file = (f: File, fields: Record<string, string> = {}) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('file', f)
  return form
}

/** A press release's policies (protocol/src/policies.ts; the server checks the role and the event of every call). */
export const policiesApi = {
  list: (eid: string) => request<PolicyStaffListDto>('GET', `${unit(eid)}/policies`),
  add: (eid: string, f: File, meta: { title: string; docNumber: string; issuedAt: string }) => request<PolicyStaffDto>('POST', `${unit(eid)}/policies`, file(f, meta)),
  update: (eid: string, pid: string, body: PolicyDocumentBody) => request<PolicyStaffDto>('PUT', `${unit(eid)}/policies/${id(pid)}`, body),
  remove: (eid: string, pid: string) => request<null>('DELETE', `${unit(eid)}/policies/${id(pid)}`),
  picture: (eid: string, f: File) => request<UploadDto>('POST', `${unit(eid)}/policy-pictures`, file(f)),
  saveInterpretation: (eid: string, pid: string, body: InterpretationBody) => request<PolicyStaffDto>('PUT', `${unit(eid)}/policies/${id(pid)}/interpretation`, body),
  publishInterpretation: (eid: string, pid: string) => request<PolicyStaffDto>('POST', `${unit(eid)}/policies/${id(pid)}/interpretation/publish`, {}),
  questions: (eid: string, pid: string) => request<PolicyQuestionStaffDto[]>('GET', `${unit(eid)}/policies/${id(pid)}/questions`),
  approve: (eid: string, pid: string, qid: string) => request<PolicyQuestionStaffDto>('POST', `${unit(eid)}/policies/${id(pid)}/questions/${id(qid)}/approve`, {}),
  reject: (eid: string, pid: string, qid: string, reason: string) => request<PolicyQuestionStaffDto>('POST', `${unit(eid)}/policies/${id(pid)}/questions/${id(qid)}/reject`, { reason }),
  admin: (late: boolean) => request<PolicyAdminItemDto[]>('GET', `/api/admin/policies${late ? '?late=true' : ''}`),
  // ---- public ----
  eventList: (eid: string) => request<PolicyListItemDto[]>('GET', `/api/events/${id(eid)}/policies`),
  get: (pid: string) => request<PublicPolicyDto>('GET', `/api/policies/${id(pid)}`),
  /** The device's token ties the question to its asker (limits, "my question"); a device without one gets one first. */
  async ask(pid: string, body: Omit<PolicyAskBody, 'token'>): Promise<PolicyAskedDto> {
    let token = storedCitizenToken()
    if (!token) {
      token = (await api.citizenToken()).token
      storeCitizenToken(token)
    }
    return request<PolicyAskedDto>('POST', `/api/policies/${id(pid)}/questions`, { ...body, token })
  },
}

import type {
  InvitesBody, PaperResponseBody, PublicSurveyDto, PublicSurveyListItemDto, SurveyCreateBody, SurveyInviteDto, SurveyListItemDto,
  SurveyResponseBody, SurveyResponseRowDto, SurveyResultsDto, SurveySaveBody, SurveyStaffDto, SurveyTextDto,
} from '@openday/protocol'
import { api, request } from '../lib/api.ts'
import { storeCitizenToken, storedCitizenToken } from '../lib/ids.ts'

const id = (x: string) => encodeURIComponent(x)
const unit = (sid: string) => `/api/unit/surveys/${id(sid)}`

/** Surveys (REST; the server checks the role and the unit of every call). */
export const surveysApi = {
  list: () => request<SurveyListItemDto[]>('GET', '/api/unit/surveys'),
  create: (body: SurveyCreateBody) => request<SurveyStaffDto>('POST', '/api/unit/surveys', body),
  get: (sid: string) => request<SurveyStaffDto>('GET', unit(sid)),
  save: (sid: string, body: SurveySaveBody) => request<SurveyStaffDto>('PUT', unit(sid), body),
  setState: (sid: string, revision: number, status: 'published' | 'closed') => request<SurveyStaffDto>('POST', `${unit(sid)}/state`, { revision, status }),
  setResultsPublic: (sid: string, show: boolean) => request<SurveyStaffDto>('POST', `${unit(sid)}/results-public`, { public: show }),
  results: (sid: string) => request<SurveyResultsDto>('GET', `${unit(sid)}/results`),
  responses: (sid: string, before?: string) => request<SurveyResponseRowDto[]>('GET', `${unit(sid)}/responses${before ? `?before=${id(before)}` : ''}`),
  enter: (sid: string, body: PaperResponseBody) => request<{ id: string }>('POST', `${unit(sid)}/responses`, body),
  setValidity: (sid: string, rid: string, valid: boolean, reason: string) => request<SurveyResponseRowDto>('POST', `${unit(sid)}/responses/${id(rid)}/validity`, { valid, reason }),
  decideText: (sid: string, tid: string, status: 'approved' | 'rejected') => request<SurveyTextDto>('POST', `${unit(sid)}/texts/${id(tid)}`, { status }),
  invites: (sid: string) => request<SurveyInviteDto[]>('GET', `${unit(sid)}/invites`),
  addInvites: (sid: string, body: InvitesBody) => request<SurveyInviteDto[]>('POST', `${unit(sid)}/invites`, body),
  exportUrl: (sid: string, f: 'xlsx' | 'csv') => `${unit(sid)}/responses.${f}`,
  codebookUrl: (sid: string) => `${unit(sid)}/codebook.csv`,
  // ---- public ----
  publicList: (eventId?: string) => request<PublicSurveyListItemDto[]>('GET', `/api/surveys${eventId ? `?eventId=${id(eventId)}` : ''}`),
  publicGet: (sid: string) => request<PublicSurveyDto>('GET', `/api/surveys/${id(sid)}`),
  publicResults: (sid: string) => request<SurveyResultsDto>('GET', `/api/surveys/${id(sid)}/results`),
  /** The device's token proves "one response per device"; a device without one gets one first. */
  async respond(sid: string, body: Omit<SurveyResponseBody, 'token'>): Promise<{ id: string }> {
    let token = storedCitizenToken()
    if (!token) {
      token = (await api.citizenToken()).token
      storeCitizenToken(token)
    }
    return request<{ id: string }>('POST', `/api/surveys/${id(sid)}/responses`, { ...body, token })
  },
}

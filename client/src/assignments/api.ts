import { type AdminSessionDto, AssignmentPaths, type SessionRole, type StaffPersonDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

export const assignmentsApi = {
  sessions: () => request<AdminSessionDto[]>('GET', AssignmentPaths.sessions),
  candidates: () => request<StaffPersonDto[]>('GET', AssignmentPaths.candidates),
  assign: (sessionId: string, userId: string, role: SessionRole) => request<AdminSessionDto>('PUT', AssignmentPaths.staff(sessionId, userId), { role }),
  remove: (sessionId: string, userId: string) => request<AdminSessionDto>('DELETE', AssignmentPaths.staff(sessionId, userId)),
}

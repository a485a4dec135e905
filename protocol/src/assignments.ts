import { z } from 'zod'
import { type EventForm, Id, type Role, SessionRole } from './common.ts'
import type { IsoDate, SessionSummaryDto } from './dto.ts'

// Staffing a session (the admin's "场次人员安排"): who works a session, and as what.

/**
 * The roles a session of each kind takes. Operators log 12345 calls, which only a hotline day has;
 * moderators review citizens' questions (先审后发), which a hotline day does not take (callers
 * phone in); hosts and guests run every kind. The account's own role is not a restriction: in a
 * small office the operator of one day moderates another's interview, and the assignment, not the
 * account, decides what someone may do in a session (features/auth/actor.ts requireSessionRole).
 */
export function rolesForKind(kind: EventForm): readonly SessionRole[] {
  return kind === 'hotline' ? ['host', 'guest', 'operator'] : ['host', 'guest', 'moderator']
}

/** PUT /api/admin/sessions/:id/staff/:userId: assign, or change the role (one role per person and session). */
export const AssignStaffBody = z.strictObject({ role: SessionRole })
export type AssignStaffBody = z.infer<typeof AssignStaffBody>
export const AssignmentParams = z.strictObject({ id: Id, userId: Id })

/** A staff account as the picker shows it (active accounts only; never the password or its hash). */
export interface StaffPersonDto {
  id: string
  username: string
  displayName: string
  role: Role
  unit: { id: string; name: string; nameEn: string | null } | null
}

export interface SessionStaffDto { user: StaffPersonDto & { active: boolean }; role: SessionRole }

/** One session in the admin's staffing list. */
export interface AdminSessionDto {
  session: SessionSummaryDto & { archivedAt: IsoDate | null }
  event: { id: string; theme: string; status: string; form: EventForm }
  staff: SessionStaffDto[]
  /** rolesForKind(session.kind): what the picker offers. */
  roles: SessionRole[]
}

/**
 * Server -> the user's own sockets (`staff:assignments`): one of their assignments was added,
 * changed (role) or removed (role null). Their open pages join the session again, to get a
 * snapshot as what they now are, and reload their assignment list.
 */
export interface StaffAssignmentsChanged { sessionId: string; role: SessionRole | null }

export const AssignmentPaths = {
  sessions: '/api/admin/sessions',
  staff: (sessionId: string, userId: string) => `/api/admin/sessions/${encodeURIComponent(sessionId)}/staff/${encodeURIComponent(userId)}`,
  candidates: '/api/admin/staff-candidates',
} as const

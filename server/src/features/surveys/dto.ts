import type { PublicSurveyDto, PublicSurveyListItemDto, SurveyAccess, SurveyListItemDto, SurveyPlacement, SurveyStaffDto, SurveyStatus } from '@openday/protocol'
import type { Actor } from '../auth/actor.ts'
import { currentVersion, parseDefinition, type SurveyRow } from './repository.ts'

type Timed = { status: string; opensAt: Date | null; closesAt: Date | null }

/** Whether a survey takes responses at `now`: published, after its opening, before its closing. */
export function phaseOf(s: Timed, now: Date): PublicSurveyDto['phase'] {
  if (s.status === 'closed') return 'closed'
  if (s.status !== 'published') return 'not_open'
  if (s.closesAt && now >= s.closesAt) return 'closed'
  if (s.opensAt && now < s.opensAt) return 'not_open'
  return 'open'
}

/** The owning unit's editors and the admin edit a survey; nobody else. */
export const isEditor = (s: { unitId: string }, a: Actor) => a.role === 'admin' || (a.role === 'unit_editor' && a.unitId === s.unitId)

const iso = (d: Date | null) => d?.toISOString() ?? null

export function toListItem(s: SurveyRow, now: Date): SurveyListItemDto {
  return {
    id: s.id, title: s.title, unit: s.unit, event: s.event ? { id: s.event.id, theme: s.event.theme } : null,
    placement: s.placement as SurveyPlacement, status: s.status as SurveyStatus, open: phaseOf(s, now) === 'open',
    opensAt: iso(s.opensAt), closesAt: iso(s.closesAt), responses: s._count.responses, resultsPublic: s.resultsPublishedAt !== null,
  }
}

export function toStaffDto(s: SurveyRow, actor: Actor, now: Date, textsPending: number): SurveyStaffDto {
  return {
    ...toListItem(s, now),
    intro: s.intro, department: s.department, access: s.access as SurveyAccess, revision: s.revision, version: s.version,
    definition: parseDefinition(currentVersion(s).definition),
    versions: s.versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString(), responses: v._count.responses })),
    textsPending, canEdit: isEditor(s, actor),
  }
}

export function toPublicListItem(s: SurveyRow, now: Date): PublicSurveyListItemDto {
  return {
    id: s.id, title: s.title, unitName: s.unit.name, event: s.event ? { id: s.event.id, theme: s.event.theme } : null,
    placement: s.placement as SurveyPlacement, open: phaseOf(s, now) === 'open', opensAt: iso(s.opensAt), closesAt: iso(s.closesAt),
    resultsPublic: s.resultsPublishedAt !== null,
  }
}

export function toPublicDto(s: SurveyRow, now: Date): PublicSurveyDto {
  return {
    ...toPublicListItem(s, now),
    intro: s.intro, department: s.department || s.unit.name, access: s.access as SurveyAccess, phase: phaseOf(s, now),
    version: s.version, definition: parseDefinition(currentVersion(s).definition),
  }
}

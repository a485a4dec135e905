import type { AuditEntryDto, AuditFilter } from '@openday/protocol'

/** The filter form as typed (empty strings: no filter). */
export interface AuditForm { actorId: string; action: string; targetType: string; targetId: string; from: string; to: string }

export const EMPTY_FORM: AuditForm = { actorId: '', action: '', targetType: '', targetId: '', from: '', to: '' }

/** Action prefixes the services write today, offered as suggestions (any prefix may be typed). */
export const ACTION_PREFIXES = [
  'assignment.', 'auth.', 'auth.login_failed', 'call.', 'call.reveal', 'calendar.', 'hotline.', 'question.', 'session.', 'stage.', 'word.', 'workorder.',
] as const
export const TARGET_TYPES = ['session', 'user', 'question', 'hotline_call', 'work_order', 'sensitive_word', 'calendar_day', 'hotline_domain', 'appeal_type', 'StageRequest'] as const

/** The query the server gets: trimmed, without the empty fields. */
export function toFilter(form: AuditForm): AuditFilter {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(form)) if (v.trim()) out[k] = v.trim()
  return out as AuditFilter
}

/** A date range the server would refuse (from after to): said in the form before it is sent. */
export const rangeInvalid = (form: AuditForm): boolean => !!form.from && !!form.to && form.from > form.to

/** The list so far with the next page added (an entry already shown stays where it is). */
export function appendEntries(shown: readonly AuditEntryDto[], page: readonly AuditEntryDto[]): AuditEntryDto[] {
  const seen = new Set(shown.map((e) => e.id))
  return [...shown, ...page.filter((e) => !seen.has(e.id))]
}

/** The detail as recorded, as JSON text ("" for none). */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return ''
  if (typeof detail === 'string') return detail
  const s = JSON.stringify(detail)
  return s === '{}' ? '' : s
}

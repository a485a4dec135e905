import type { EventPreviewDto, YearEventDto } from '@openday/protocol'
import { toEventDto } from '../sessions/dto.ts'
import { isPublicEvent, previewOpensAt } from '../sessions/visibility.ts'
import { uploadUrl } from '../transcript/dto.ts'
import type { EventFull } from './repository.ts'

export function toPreviewDto(e: EventFull, hotlineNumber: string, now: Date): EventPreviewDto {
  const base = toEventDto(e)
  return {
    ...base,
    guests: e.guests.map((g) => ({ id: g.id, name: g.name, title: g.title, photoUrl: g.photoId ? uploadUrl(g.photoId) : null })),
    signup: e.signup,
    previewDays: e.previewDays,
    previewOpensAt: previewOpensAt(e).toISOString(),
    hotlineNumber: e.form === 'hotline' ? hotlineNumber : null,
    public: isPublicEvent(e, now),
  }
}

/**
 * The year list: a public event in full; one not open yet only as the published plan shows it
 * (theme, units, form, date) — its guests, description, venue and sessions wait for the opening.
 */
export function toYearDto(e: EventFull, now: Date): YearEventDto {
  const dto = toEventDto(e)
  if (isPublicEvent(e, now)) return { ...dto, public: true }
  return { ...dto, summary: '', location: '', guests: [], sessions: [], public: false }
}

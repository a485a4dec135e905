import type { EventDto, EventForm, SessionStatus, SessionSummaryDto } from '@openday/protocol'
import type { EventRow, SessionRow } from './repository.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toSessionDto(s: SessionRow): SessionSummaryDto {
  return {
    id: s.id, eventId: s.eventId, kind: s.kind as EventForm, title: s.title, status: s.status as SessionStatus,
    scheduledStart: s.scheduledStart.toISOString(), scheduledEnd: s.scheduledEnd.toISOString(),
    startedAt: iso(s.startedAt), endedAt: iso(s.endedAt),
  }
}

export function toEventDto(e: EventRow): EventDto {
  return {
    id: e.id, year: e.year, month: e.month, theme: e.theme, summary: e.summary, form: e.form as EventForm, status: e.status,
    startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), location: e.location,
    hostUnits: e.hostUnits.map((h) => ({ id: h.unit.id, code: h.unit.code, name: h.unit.name, nameEn: h.unit.nameEn, role: h.role === 'joint' ? 'joint' : 'lead' })),
    guests: e.guests.map((g) => ({ id: g.id, name: g.name, title: g.title })),
    sessions: e.sessions.map(toSessionDto),
  }
}

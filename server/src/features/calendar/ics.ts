import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { formLabel } from './labels.ts'

/** What a feed needs of one event (the Event row with its host units). */
export interface IcsEvent {
  id: string
  theme: string
  form: string
  status: string
  startsAt: Date
  endsAt: Date
  sequence: number
  updatedAt: Date
  createdAt: Date
  units: { id: string; name: string; role: 'lead' | 'joint' }[]
}

export interface IcsOptions {
  /** The calendar's name shown by the subscribing application. */
  name: string
  /** Where people open OpenDay (config PUBLIC_URL): each event links to its page there. */
  publicUrl: string
}

/** A UID that never changes for the event, so a re-download updates the same entry in a calendar. */
export const eventUid = (eventId: string): string => `${eventId}@openday`

export const eventUrl = (publicUrl: string, eventId: string): string => `${publicUrl.replace(/\/+$/, '')}/events/${encodeURIComponent(eventId)}`

/**
 * One iCalendar document. Times are written in UTC (DTSTART:...Z): unambiguous for every client
 * without a VTIMEZONE, and the instant stored is the Beijing time the plan fixed. DTSTAMP and
 * LAST-MODIFIED are the row's updatedAt, never "now": the same data gives the same bytes, so the
 * ETag holds and a subscriber's poll costs a 304.
 */
export function buildIcs(events: readonly IcsEvent[], opts: IcsOptions): string {
  const cal = ical({ name: opts.name, prodId: { company: 'OpenDay', product: 'theme-days', language: 'ZH' }, method: ICalCalendarMethod.PUBLISH })
  for (const ev of events) {
    const lead = ev.units.filter((u) => u.role === 'lead').map((u) => u.name)
    const joint = ev.units.filter((u) => u.role === 'joint').map((u) => u.name)
    const url = eventUrl(opts.publicUrl, ev.id)
    const lines = [`活动形式：${formLabel(ev.form)}`, `承办单位：${lead.join('、')}`]
    if (joint.length) lines.push(`联合承办单位：${joint.join('、')}`)
    if (ev.status === 'cancelled') lines.push('本次活动已取消。')
    lines.push(url)
    cal.createEvent({
      id: eventUid(ev.id),
      sequence: ev.sequence,
      start: ev.startsAt,
      end: ev.endsAt,
      stamp: ev.updatedAt,
      lastModified: ev.updatedAt,
      created: ev.createdAt,
      summary: ev.theme,
      description: lines.join('\n'),
      url,
      status: ev.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return cal.toString()
}

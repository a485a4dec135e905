import { type CalendarEventDto, EVENT_FORMS, type EventForm } from '@openday/protocol'
import { TIME_ZONE } from '../lib/format.ts'

/** What the calendar shows, all of it in the address (a link or a bookmark opens the same view). */
export interface CalendarView {
  year: number
  view: 'year' | 'month'
  month: number
  unit: string | null
  form: EventForm | null
}

const zoned = (at: Date) => {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: 'numeric' }).formatToParts(at)
  return { y: Number(p.find((x) => x.type === 'year')?.value), m: Number(p.find((x) => x.type === 'month')?.value) }
}

/** The Beijing month (1..12) of an instant, whatever zone the browser is in. */
export const beijingMonth = (iso: string): number => zoned(new Date(iso)).m

/** Reads the view from the query; anything malformed falls back to this Beijing year and month. */
export function viewFrom(params: URLSearchParams, now = new Date()): CalendarView {
  const today = zoned(now)
  const year = Number(params.get('year'))
  const month = Number(params.get('month'))
  const unit = params.get('unit')
  const form = params.get('form')
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : today.y,
    view: params.get('view') === 'month' ? 'month' : 'year',
    month: Number.isInteger(month) && month >= 1 && month <= 12 ? month : today.m,
    unit: unit && /^[A-Za-z0-9_-]{1,64}$/.test(unit) ? unit : null,
    form: form && (EVENT_FORMS as readonly string[]).includes(form) ? (form as EventForm) : null,
  }
}

/** The query of a view, leaving out what is the default. */
export function viewQuery(v: CalendarView): URLSearchParams {
  const q = new URLSearchParams({ year: String(v.year) })
  if (v.view === 'month') {
    q.set('view', 'month')
    q.set('month', String(v.month))
  }
  if (v.unit) q.set('unit', v.unit)
  if (v.form) q.set('form', v.form)
  return q
}

/** Events by Beijing month, months in order, only months that have events. */
export function byMonth(events: readonly CalendarEventDto[]): [number, CalendarEventDto[]][] {
  const out = new Map<number, CalendarEventDto[]>()
  for (const e of [...events].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const m = beijingMonth(e.startsAt)
    out.set(m, [...(out.get(m) ?? []), e])
  }
  return [...out].sort((a, b) => a[0] - b[0])
}

/** The month before or after, across the year boundary. */
export function stepMonth(v: CalendarView, delta: -1 | 1): CalendarView {
  const i = v.year * 12 + (v.month - 1) + delta
  return { ...v, year: Math.floor(i / 12), month: (i % 12) + 1 }
}

/** An absolute feed address, and the same as webcal:// for "subscribe" (calendar apps open it). */
export function feedUrls(path: string, origin: string): { https: string; webcal: string } {
  const https = new URL(path, origin).toString()
  return { https, webcal: https.replace(/^https?:/, 'webcal:') }
}

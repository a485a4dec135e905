import { type CalendarDto, calendarPaths } from '@openday/protocol'
import { request } from '../lib/api.ts'
import type { CalendarView } from './view.ts'

/** The year's public calendar, filtered on the server (the unit and form choices stay the whole year's). */
export function fetchCalendar(v: CalendarView): Promise<CalendarDto> {
  const q = new URLSearchParams()
  if (v.unit) q.set('unit', v.unit)
  if (v.form) q.set('form', v.form)
  const qs = q.toString()
  return request<CalendarDto>('GET', `${calendarPaths.year(v.year)}${qs ? `?${qs}` : ''}`)
}

import { z } from 'zod'
import { EventForm, Id } from './common.ts'

/*
 * The public outputs of the annual plan (issue 11). Every route here is public (no login) and
 * shows only what the plan already makes public: theme, form, date, units, status. A 'draft'
 * event is never in any of them.
 *
 *   GET /api/calendar/:year                  CalendarDto (query: unit, form — both optional)
 *   GET /api/calendar/:year.ics              the whole year's iCalendar feed (text/calendar)
 *   GET /api/calendar/:year/units/:unitId.ics  events the unit leads or joins
 *   GET /api/events/:id.ics                  one event (404 for a draft or unknown one)
 *   GET /api/plan/:year.docx                 the current published plan as an official document
 *   GET /api/plan/:year.pdf                  the same as PDF, Chinese fonts embedded
 *
 * The documents are made from the current PlanRevision snapshot (PlanYear.revision) and answer
 * NOT_FOUND before the first publication; the calendar and the feeds read the Event rows.
 */

/** A plan year in a path: four digits, so "2031.ics" and "abc" never reach a query. */
export const CalendarYear = z.string().regex(/^\d{4}$/, 'invalid year').transform(Number)
export const CalendarYearParam = z.strictObject({ year: CalendarYear })
export const CalendarUnitParam = z.strictObject({ year: CalendarYear, unitId: Id })

export const CalendarQuery = z.strictObject({
  unit: Id.optional(),
  form: EventForm.optional(),
})
export type CalendarQuery = z.infer<typeof CalendarQuery>

/** Statuses shown publicly on the calendar ('draft' never is). */
export const CalendarStatus = z.enum(['planned', 'published', 'done', 'cancelled'])
export type CalendarStatus = z.infer<typeof CalendarStatus>

export const CalendarUnit = z.object({ id: z.string(), name: z.string(), role: z.enum(['lead', 'joint']) })
export type CalendarUnit = z.infer<typeof CalendarUnit>

export const CalendarEventDto = z.object({
  id: z.string(),
  theme: z.string(),
  form: EventForm,
  month: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: CalendarStatus,
  units: z.array(CalendarUnit),
  /** Whether /events/:id shows the event yet (its preview has opened, or it is published/done). */
  previewOpen: z.boolean(),
  /** When the preview opens (00:00 Beijing, previewDays before the event's day), ISO. */
  previewOpensAt: z.string(),
})
export type CalendarEventDto = z.infer<typeof CalendarEventDto>

export const CalendarDto = z.object({
  year: z.number().int(),
  /** The published plan revision (0 = the plan is not published; the documents are not there yet). */
  revision: z.number().int(),
  publishedAt: z.string().nullable(),
  /** Every unit hosting an event of the year (the filter's choices), whatever the filter. */
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  events: z.array(CalendarEventDto),
})
export type CalendarDto = z.infer<typeof CalendarDto>

export const calendarPaths = {
  year: (year: number) => `/api/calendar/${year}`,
  yearIcs: (year: number) => `/api/calendar/${year}.ics`,
  unitIcs: (year: number, unitId: string) => `/api/calendar/${year}/units/${encodeURIComponent(unitId)}.ics`,
  eventIcs: (eventId: string) => `/api/events/${encodeURIComponent(eventId)}.ics`,
  planDocx: (year: number) => `/api/plan/${year}.docx`,
  planPdf: (year: number) => `/api/plan/${year}.pdf`,
} as const

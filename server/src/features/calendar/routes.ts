import { CalendarQuery, CalendarUnitParam, CalendarYearParam, IdParam } from '@openday/protocol'
import { createHash } from 'node:crypto'
import { type Response, Router } from 'express'
import type { CalendarService, FileOut } from './service.ts'

const ICS = 'text/calendar; charset=utf-8'
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * Validators on every file: a calendar application polls a subscribed feed every few hours, and
 * with If-None-Match / If-Modified-Since an unchanged feed is a bodiless 304 (express answers it
 * from the ETag and Last-Modified set here). max-age stays short: a new plan revision must reach
 * subscribers the same day.
 */
function sendFile(res: Response, out: FileOut, type: string, maxAge: number, filename?: string): void {
  if (filename) res.attachment(filename)
  res.set({
    'Content-Type': type,
    ETag: out.etag ?? `"${createHash('sha256').update(out.body).digest('base64url').slice(0, 27)}"`,
    'Last-Modified': out.lastModified.toUTCString(),
    'Cache-Control': `public, max-age=${maxAge}`,
  })
  res.send(out.body)
}

/** Mounted at /api: public routes, no login; 'draft' events are in none of them. */
export function calendarRoutes(calendar: CalendarService): Router {
  const r = Router()
  // The .ics routes first: "/calendar/:year" would also take "2031.ics" (and refuse it as a year).
  r.get('/calendar/:year.ics', async (req, res) => {
    const { year } = CalendarYearParam.parse(req.params)
    sendFile(res, await calendar.yearIcs(year), ICS, 300)
  })
  r.get('/calendar/:year/units/:unitId.ics', async (req, res) => {
    const { year, unitId } = CalendarUnitParam.parse(req.params)
    sendFile(res, await calendar.unitIcs(year, unitId), ICS, 300)
  })
  r.get('/calendar/:year', async (req, res) => {
    const { year } = CalendarYearParam.parse(req.params)
    res.set('Cache-Control', 'public, max-age=30')
    res.json(await calendar.calendar(year, CalendarQuery.parse(req.query)))
  })
  r.get('/events/:id.ics', async (req, res) => {
    const { id } = IdParam.parse(req.params)
    sendFile(res, await calendar.eventIcs(id), ICS, 300, `event-${id}.ics`)
  })
  r.get('/plan/:year.docx', async (req, res) => {
    const { year } = CalendarYearParam.parse(req.params)
    sendFile(res, await calendar.planDocx(year), DOCX, 60, `${year}年政务公开主题日活动计划.docx`)
  })
  r.get('/plan/:year.pdf', async (req, res) => {
    const { year } = CalendarYearParam.parse(req.params)
    sendFile(res, await calendar.planPdf(year), 'application/pdf', 60, `${year}年政务公开主题日活动计划.pdf`)
  })
  return r
}

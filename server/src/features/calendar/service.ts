import type { CalendarDto, CalendarEventDto, CalendarQuery, CalendarUnit, EventForm } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { planDocument, PlanSnapshot, type PlanDocument } from './document.ts'
import { planDocx } from './docx.ts'
import { buildIcs, type IcsEvent } from './ics.ts'
import { planPdf, type PdfFont } from './pdf.ts'
import { isPublicEvent, previewOpensAt } from '../sessions/visibility.ts'
import * as repo from './repository.ts'
import type { CalendarEventRow } from './repository.ts'

export interface CalendarDeps {
  db: Db
  timeZone: string
  publicUrl: string
  issuer: string
  title: string
  pdfFont: PdfFont
  now?: () => Date
}

/** A file answer with what a conditional GET needs (ETag, Last-Modified). */
export interface FileOut {
  body: Buffer | string
  lastModified: Date
  /** A strong validator; null = let the route hash the body. */
  etag: string | null
}

const unitsOf = (r: CalendarEventRow): CalendarUnit[] =>
  // Lead first, then joint units by name: the order of the documents.
  r.hostUnits.map((h) => ({ id: h.unit.id, name: h.unit.name, role: h.role === 'joint' ? 'joint' as const : 'lead' as const }))
    .sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'lead' ? -1 : 1))

const icsEvent = (r: CalendarEventRow): IcsEvent => ({ ...r, units: unitsOf(r) })

const lastModifiedOf = (rows: readonly { updatedAt: Date }[], floor: Date | null): Date =>
  new Date(Math.max(floor?.getTime() ?? 0, ...rows.map((r) => r.updatedAt.getTime())))

export function createCalendarService(deps: CalendarDeps) {
  const { db, timeZone } = deps
  const now = deps.now ?? (() => new Date())

  function toDto(r: CalendarEventRow, at: Date): CalendarEventDto {
    return {
      id: r.id, theme: r.theme, form: r.form as EventForm, month: r.month,
      startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(),
      status: r.status as CalendarEventDto['status'], units: unitsOf(r),
      previewOpen: isPublicEvent(r, at),
      previewOpensAt: previewOpensAt(r).toISOString(),
    }
  }

  async function document(year: number): Promise<{ doc: PlanDocument; publishedAt: Date; number: number }> {
    const rev = await repo.currentRevision(db, year)
    if (!rev) throw new AppError('NOT_FOUND', `the plan of ${year} is not published`)
    const parsed = PlanSnapshot.safeParse(JSON.parse(rev.snapshot))
    if (!parsed.success) throw new AppError('INTERNAL', `plan ${year} revision ${rev.number}: the snapshot is not a plan`)
    return { doc: planDocument(year, rev, parsed.data, { issuer: deps.issuer, title: deps.title, timeZone }), publishedAt: rev.publishedAt, number: rev.number }
  }

  const feedName = (year: number, unitName?: string) =>
    `${year}年政务公开主题日${unitName ? `（${unitName}）` : ''}`

  return {
    async calendar(year: number, q: CalendarQuery): Promise<CalendarDto> {
      const [rows, rev] = await Promise.all([repo.yearEvents(db, year), repo.currentRevision(db, year)])
      const at = now()
      const units = new Map<string, string>()
      for (const r of rows) for (const h of r.hostUnits) units.set(h.unit.id, h.unit.name)
      const events = rows
        .filter((r) => (!q.form || r.form === q.form) && (!q.unit || r.hostUnits.some((h) => h.unit.id === q.unit)))
        .map((r) => toDto(r, at))
      return {
        year, revision: rev?.number ?? 0, publishedAt: rev?.publishedAt.toISOString() ?? null,
        units: [...units].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
        events,
      }
    },

    async yearIcs(year: number): Promise<FileOut> {
      const rows = await repo.yearEvents(db, year)
      return { body: buildIcs(rows.map(icsEvent), { name: feedName(year), publicUrl: deps.publicUrl }), lastModified: lastModifiedOf(rows, null), etag: null }
    },

    async unitIcs(year: number, unitId: string): Promise<FileOut> {
      const unit = await repo.unit(db, unitId)
      if (!unit) throw new AppError('NOT_FOUND', 'no such unit')
      const rows = await repo.yearEvents(db, year, unitId)
      return { body: buildIcs(rows.map(icsEvent), { name: feedName(year, unit.name), publicUrl: deps.publicUrl }), lastModified: lastModifiedOf(rows, null), etag: null }
    },

    async eventIcs(id: string): Promise<FileOut> {
      const row = await repo.publicEvent(db, id)
      if (!row) throw new AppError('NOT_FOUND', 'no such event')
      return { body: buildIcs([icsEvent(row)], { name: row.theme, publicUrl: deps.publicUrl }), lastModified: row.updatedAt, etag: null }
    },

    async planDocx(year: number): Promise<FileOut> {
      const { doc, publishedAt, number } = await document(year)
      return { body: await planDocx(doc), lastModified: publishedAt, etag: `"plan-${year}-${number}-${publishedAt.getTime()}-docx"` }
    },

    async planPdf(year: number): Promise<FileOut> {
      const { doc, publishedAt, number } = await document(year)
      // pdfkit stamps its own ID and dates: the validator is the revision, not a hash of the bytes.
      return { body: await planPdf(doc, deps.pdfFont, publishedAt), lastModified: publishedAt, etag: `"plan-${year}-${number}-${publishedAt.getTime()}-pdf"` }
    },
  }
}

export type CalendarService = ReturnType<typeof createCalendarService>

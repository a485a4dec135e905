import { z } from 'zod'
import { Id, text } from './common.ts'
import type { IsoDate, UploadDto } from './dto.ts'
import { PlanDate } from './plan.ts'

// Publicity (加强宣传), issue 12: what the host units published about an event, and the journals
// whose publication earns bonus points in the annual assessment (kept by the office as data).
//   GET    /api/unit/events/:id/publicity -> PublicityItemDto[]            (admin; editors of the lead or a joint unit)
//   POST   /api/unit/events/:id/publicity {PublicityBody} -> PublicityItemDto (201; as above)
//   POST   /api/unit/events/:id/publicity-files (multipart "file") -> UploadDto (201; a screenshot or scan)
//   PUT    /api/publicity/:id {PublicityBody} -> PublicityItemDto          (its unit's editors; admin)
//   DELETE /api/publicity/:id -> {}                                        (its unit's editors; admin; audited)
//   GET    /api/journals -> JournalDto[]                                   (staff: the active ones, for the picker)
//   GET    /api/admin/journals -> JournalDto[]                             (admin: all)
//   POST   /api/admin/journals {JournalBody} -> JournalDto (201)           (admin)
//   PUT    /api/admin/journals/:id {JournalBody} -> JournalDto             (admin)

export const OUTLETS = ['media', 'gov_website', 'gov_new_media', 'journal'] as const
export type Outlet = (typeof OUTLETS)[number]

const Url = z.string().trim().max(500).refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'url: an http(s) address')

export const PublicityBody = z.strictObject({
  outlet: z.enum(OUTLETS),
  /** Required for outlet "journal", refused otherwise. */
  journalId: Id.nullable().default(null),
  /** The publication's date (YYYY-MM-DD). */
  date: PlanDate,
  title: text(1, 200),
  /** The outlet's name for media / website / new media (e.g. 永州日报, 市政府门户网站). */
  source: text(0, 100).default(''),
  url: Url.default(''),
  /** A screenshot or scan, uploaded first to /publicity-files of the same event. */
  uploadId: Id.nullable().default(null),
}).refine((b) => (b.outlet === 'journal') === (b.journalId !== null), { message: 'journalId: needed for a journal, and only for one', path: ['journalId'] })
export type PublicityBody = z.input<typeof PublicityBody>

export interface PublicityItemDto {
  id: string
  eventId: string
  unit: { id: string; name: string } | null
  outlet: Outlet
  journal: { id: string; name: string; bonus: boolean } | null
  date: string
  title: string
  source: string
  url: string
  file: UploadDto | null
  createdAt: IsoDate
  canEdit: boolean
}

export const JournalBody = z.strictObject({
  name: text(1, 100),
  /** Publication in it earns the assessment's bonus points. */
  bonus: z.boolean().default(true),
  active: z.boolean().default(true),
})
export type JournalBody = z.input<typeof JournalBody>

export interface JournalDto { id: string; name: string; bonus: boolean; active: boolean }

import { z } from 'zod'
import { type EventForm, Id, text } from './common.ts'
import type { IsoDate, SessionFigures } from './dto.ts'
import type { HotlineFiguresDto } from './hotline.ts'
import type { Outlet } from './publicity.ts'
import type { ReplyFigures } from './replies.ts'

// The summary (经验总结), issue 12: what was recorded about an event, as the draft's figures. Every
// number here is counted from the records (questions, replies, calls, work orders, publicity),
// never typed in; the unit writes the text around them.
//   GET  /api/summaries[?year=] -> SummaryListItemDto[]        (unit_editor: its led events that have ended; admin: all)
//   GET  /api/summaries/:eventId -> SummaryDto                 (lead and joint units' editors, admin; made from the
//                                                               records the first time it is opened after the event)
//   PUT  /api/summaries/:eventId {SummarySaveBody} -> SummaryDto     (lead unit's editors; draft or returned; CONFLICT: stale)
//   POST /api/summaries/:eventId/submit {SummarySubmitBody} -> SummaryDto (lead unit's editors; a version with the figures)
//   POST /api/admin/summaries/:eventId/accept {} -> SummaryDto       (admin; submitted only)
//   POST /api/admin/summaries/:eventId/return {SummaryReturnBody} -> SummaryDto (admin; submitted only)
//   GET/PUT /api/admin/summary-settings {SummarySettingsBody}        (admin: days after the event it is due)

export const SUMMARY_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const
export type SummaryState = (typeof SUMMARY_STATES)[number]

export const SummaryBlock = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), text: text(1, 100) }),
  z.strictObject({ type: z.literal('paragraph'), text: text(1, 4000) }),
  z.strictObject({ type: z.literal('list'), items: z.array(text(1, 500)).min(1).max(30) }),
  /** A picture of the event: an upload of one of its sessions or of the event itself. */
  z.strictObject({ type: z.literal('photo'), uploadId: Id, caption: text(0, 200) }),
])
export type SummaryBlock = z.infer<typeof SummaryBlock>
export const SummarySaveBody = z.strictObject({ revision: z.number().int().min(0), blocks: z.array(SummaryBlock).min(1).max(100) })
export type SummarySaveBody = z.input<typeof SummarySaveBody>
export const SummarySubmitBody = z.strictObject({ revision: z.number().int().min(0) })
export const SummaryReturnBody = z.strictObject({ reason: text(1, 1000) })
export const SummarySettingsBody = z.strictObject({ days: z.number().int().min(1).max(60) })
export type SummarySettingsDto = z.infer<typeof SummarySettingsBody>

export interface SummaryListItemDto {
  eventId: string
  theme: string
  startsAt: IsoDate
  unit: { id: string; name: string } | null
  /** null: not opened yet (no draft made). */
  state: SummaryState | null
  dueAt: IsoDate
  late: boolean
  overdue: boolean
}

export interface SummaryDto {
  eventId: string
  unit: { id: string; name: string } | null
  state: SummaryState
  blocks: SummaryBlock[]
  revision: number
  dueAt: IsoDate
  submittedAt: IsoDate | null
  late: boolean
  reason: string | null
  /** Counted from the records now (the versions keep what they were at each submission). */
  figures: SummaryFiguresDto
  versions: { number: number; submittedAt: IsoDate; late: boolean }[]
  canEdit: boolean
}

export interface SummaryFiguresDto {
  event: {
    id: string
    theme: string
    form: EventForm
    startsAt: IsoDate
    endsAt: IsoDate
    units: { name: string; role: 'lead' | 'joint' }[]
    guests: { name: string; title: string }[]
  }
  /** Each session of the event with its question and reply figures (peak viewers among them). */
  sessions: { id: string; title: string; status: string; figures: SessionFigures; replies: ReplyFigures }[]
  /** The event's totals over its sessions. */
  totals: { peakViewers: number; uniqueViewers: number; received: number; approved: number; answeredLive: number; repliesDue: number; repliesPublished: number; repliesOnTime: number }
  /** Hotline days: the calls by domain and appeal type (labels resolved), work orders and callbacks. */
  hotline: (Omit<HotlineFiguresDto, 'byDomain' | 'byAppealType'> & { byDomain: { name: string; calls: number }[]; byAppealType: { name: string; calls: number }[] }) | null
  publicity: { outlet: Outlet; title: string; date: string; source: string; journal: string | null; bonus: boolean }[]
  /** Pictures from the live record and the guests' photos, for the summary's illustrations. */
  photos: { uploadId: string; url: string; caption: string }[]
}

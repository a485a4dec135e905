import type { EventForm } from './common.ts'
import type { IsoDate, SessionFigures } from './dto.ts'
import type { HotlineFiguresDto } from './hotline.ts'
import type { Outlet } from './publicity.ts'
import type { ReplyFigures } from './replies.ts'

// The summary (经验总结), issue 12: what was recorded about an event, as the draft's figures. Every
// number here is counted from the records (questions, replies, calls, work orders, publicity),
// never typed in; the unit writes the text around them.

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
  totals: { peakViewers: number; received: number; approved: number; answeredLive: number; repliesDue: number; repliesPublished: number; repliesOnTime: number }
  /** Hotline days: the calls by domain and appeal type (labels resolved), work orders and callbacks. */
  hotline: (Omit<HotlineFiguresDto, 'byDomain' | 'byAppealType'> & { byDomain: { name: string; calls: number }[]; byAppealType: { name: string; calls: number }[] }) | null
  publicity: { outlet: Outlet; title: string; date: string; source: string; journal: string | null; bonus: boolean }[]
  /** Pictures from the live record and the guests' photos, for the summary's illustrations. */
  photos: { url: string; caption: string }[]
}

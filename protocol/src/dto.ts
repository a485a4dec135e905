import type { PollDto } from './polls.ts'
import type { PublicReplyDto, ReplyFigures } from './replies.ts'
import type { EventForm, QuestionStatus, Role, SessionRole, SessionStatus, Speaker } from './common.ts'
import type { HotlineFiguresDto } from './hotline.ts'

/** Dates travel as ISO-8601 strings (UTC); clients format them in the user's zone. */
export type IsoDate = string

export interface UnitDto { id: string; code: string; name: string; nameEn: string | null }
export interface GuestDto { id: string; name: string; title: string }

export interface SessionSummaryDto {
  id: string
  eventId: string
  kind: EventForm
  title: string
  status: SessionStatus
  scheduledStart: IsoDate
  scheduledEnd: IsoDate
  startedAt: IsoDate | null
  endedAt: IsoDate | null
}

export interface EventDto {
  id: string
  year: number
  month: number
  theme: string
  summary: string
  form: EventForm
  status: string
  startsAt: IsoDate
  endsAt: IsoDate
  location: string
  hostUnits: (UnitDto & { role: 'lead' | 'joint' })[]
  guests: GuestDto[]
  sessions: SessionSummaryDto[]
}

/** A question as the public sees it. */
export interface QuestionDto {
  id: string
  sessionId: string
  clientId: string
  nickname: string
  body: string
  status: QuestionStatus
  upvotes: number
  answer: string | null
  answeredBy: string | null
  mergedIntoId: string | null
  rejectReason: string | null
  createdAt: IsoDate
  approvedAt: IsoDate | null
  answeredAt: IsoDate | null
  replyDueAt: IsoDate | null
  /** Sent on the event's preview page before the session opened (预约提问). */
  preEvent: boolean
}

/** What moderators see in addition. Never sent to citizens. */
export interface QuestionStaffDto extends QuestionDto {
  sensitiveHits: string[]
  citizenId: string
}

export interface UploadDto { id: string; url: string; mime: string }

export interface TranscriptEntryDto {
  id: string
  sessionId: string
  clientId: string
  speaker: Speaker
  speakerName: string
  body: string
  image: UploadDto | null
  createdAt: IsoDate
}

export interface StaffUserDto {
  id: string
  username: string
  displayName: string
  role: Role
  unit: UnitDto | null
  /** A one-time password is in use: the login may do nothing but change it (POST /api/auth/password). */
  mustChangePassword: boolean
}

export interface AssignmentDto {
  session: SessionSummaryDto
  eventTheme: string
  role: SessionRole | 'admin'
}

export interface SessionFigures {
  received: number
  approved: number
  answered: number
  rejected: number
  awaitingReply: number
  peakViewers: number
}

export interface ArchiveDto {
  session: SessionSummaryDto & { archivedAt: IsoDate | null }
  event: EventDto
  transcript: TranscriptEntryDto[]
  /** Every question that was approved at some point, in final state, with its answer. */
  questions: QuestionDto[]
  figures: SessionFigures
  /** Video sessions: the stage recording (mp4), once it has been written after the end. */
  recording: { url: string; durationSeconds: number } | null
  /** Hotline sessions: the anonymous call figures; null for other kinds. */
  hotline: HotlineFiguresDto | null
  /** Written replies (书面答复) by question id: published ones only. */
  replies: Record<string, PublicReplyDto>
  replyFigures: ReplyFigures
  /** The live polls that ran, each round's final figures (those of a "presenter only" poll once shown). */
  polls: PollDto[]
}

export interface ArchiveListItemDto {
  session: SessionSummaryDto & { archivedAt: IsoDate | null }
  eventTheme: string
  hostUnits: string[]
  figures: SessionFigures
}

/** One page of the archive list: follow nextCursor (null on the last page) for the next one. */
export interface ArchiveListPageDto {
  items: ArchiveListItemDto[]
  nextCursor: string | null
  /** Archived sessions in the whole list, not in this page. */
  total: number
}

export interface SensitiveWordDto { id: string; word: string; createdAt: IsoDate }

import { z } from 'zod'
import type { StaffAssignmentsChanged } from './assignments.ts'
import { type Cmd, ClientId, Id, Speaker, text } from './common.ts'
import type { QuestionDto, QuestionStaffDto, SessionSummaryDto, TranscriptEntryDto } from './dto.ts'
import type { CallPublicDto, CallStaffDto, HotlineClientToServerEvents } from './hotline.ts'
import type { MediaClientToServerEvents, MediaServerToClientEvents } from './media.ts'
import type { PollClientToServerEvents, PollDto, PollResultsDto } from './polls.ts'

// ---- command payloads (client -> server), parsed with zod where they arrive ----
// strictObject: unknown keys (including "__proto__") are rejected, not silently dropped.

export const JoinSession = z.strictObject({ sessionId: Id, sinceSeq: z.number().int().min(0).optional() })
export const LeaveSession = z.strictObject({ sessionId: Id })
/** Older questions or live-record entries than a join's snapshot carried, before the given one. */
export const PageSession = z.strictObject({
  sessionId: Id,
  kind: z.enum(['questions', 'transcript']),
  before: Id,
  limit: z.number().int().min(1).max(100).optional(),
})
export type PageSession = z.infer<typeof PageSession>
export const SubmitQuestion = z.strictObject({
  sessionId: Id,
  clientId: ClientId,
  nickname: text(1, 20),
  body: text(2, 500),
})
export const UpvoteQuestion = z.strictObject({ questionId: Id })
export const ApproveQuestion = z.strictObject({ questionId: Id, body: text(2, 500).optional() })
export const RejectQuestion = z.strictObject({ questionId: Id, reason: text(1, 200) })
export const MergeQuestion = z.strictObject({ questionId: Id, intoId: Id })
export const MarkAnswering = z.strictObject({ questionId: Id })
export const AnswerQuestion = z.strictObject({ questionId: Id, answer: text(1, 5000) })
export const PostTranscript = z.strictObject({
  sessionId: Id,
  clientId: ClientId,
  speaker: Speaker,
  speakerName: text(1, 40),
  body: text(0, 5000),
  uploadId: Id.optional(),
}).refine((v) => v.body.length > 0 || v.uploadId, 'an entry needs text or a picture')
export const SessionCommand = z.strictObject({ sessionId: Id })

export type JoinSession = z.infer<typeof JoinSession>
export type SubmitQuestion = z.infer<typeof SubmitQuestion>
export type ApproveQuestion = z.infer<typeof ApproveQuestion>
export type RejectQuestion = z.infer<typeof RejectQuestion>
export type MergeQuestion = z.infer<typeof MergeQuestion>
export type AnswerQuestion = z.infer<typeof AnswerQuestion>
export type PostTranscript = z.infer<typeof PostTranscript>

// ---- broadcasts (server -> client) ----

/**
 * Every persisted state change of a session, in sequence order. Question events carry the
 * question's whole current state, so a client applies any of them with one upsert.
 */
export type LiveEvent =
  | { seq: number; type: 'question:submitted'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'question:approved'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'question:rejected'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'question:merged'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'question:answering'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'question:answered'; question: QuestionDto | QuestionStaffDto }
  | { seq: number; type: 'transcript:posted'; entry: TranscriptEntryDto }
  /** Hotline: staff get the whole (masked) call, everyone else the anonymous figures. */
  | { seq: number; type: 'call:logged'; call: CallStaffDto | CallPublicDto }
  /** Polls: drafts and edits reach staff only; opening, closing and showing everyone (results as the poll's visibility allows). */
  | { seq: number; type: 'poll:drafted' | 'poll:opened' | 'poll:closed' | 'poll:shown'; poll: PollDto }
  | { seq: number; type: 'session:started' | 'session:ended' | 'session:archived'; session: SessionSummaryDto }
export type LiveEventType = LiveEvent['type']

/**
 * One frame of a session's live stream. The server coalesces: state changes, upvote counts
 * and the viewer count leave as a few frames per second per viewer, never one per click.
 */
export interface LiveFrame {
  sessionId: string
  events?: LiveEvent[]
  /** questionId -> current upvote count, for questions whose count changed. */
  votes?: Record<string, number>
  viewers?: number
  /** pollId -> the current round's running figures, for polls whose figures this viewer may see and that changed. */
  polls?: Record<string, PollResultsDto>
}

/** Answer to session:join: either everything (snapshot) or what was missed since sinceSeq. */
export interface SyncResult {
  mode: 'snapshot' | 'delta'
  session: SessionSummaryDto
  lastSeq: number
  viewers: number
  /** Whether this connection joined as staff of the session (moderation queue included). */
  staff: boolean
  /** snapshot only: the transcript in order. */
  transcript?: TranscriptEntryDto[]
  /** snapshot: publicly visible questions, plus for staff every question, plus the caller's own. */
  questions?: (QuestionDto | QuestionStaffDto)[]
  /** snapshot of a hotline session: the calls so far (staff: CallStaffDto, others: CallPublicDto). */
  calls?: (CallStaffDto | CallPublicDto)[]
  /** delta only: events after sinceSeq that this connection may see. */
  events?: LiveEvent[]
  /** Current upvote counts of visible questions (votes are not in the event log). */
  votes: Record<string, number>
  /** The session's polls as this viewer sees them, with their current figures (poll votes are not in the event log either). */
  polls: PollDto[]
  /**
   * snapshot only: where older questions / entries begin (a snapshot holds the newest few hundred
   * of each): the id to send as session:page's `before`, or null when there is nothing older.
   */
  older?: { questions: string | null; transcript: string | null }
}

/** Answer to session:page: the next older items (oldest first), and where the page after them begins. */
export interface PageResult {
  kind: PageSession['kind']
  questions?: (QuestionDto | QuestionStaffDto)[]
  transcript?: TranscriptEntryDto[]
  /** The `before` of the next older page, or null at the beginning. */
  next: string | null
  votes: Record<string, number>
}


/**
 * The one typed map of commands. Payload types are what a well-behaved client sends; the server
 * still parses every payload with the schema of the same name, since types are not validation.
 */
export interface ClientToServerEvents extends MediaClientToServerEvents, HotlineClientToServerEvents, PollClientToServerEvents {
  'session:join': Cmd<typeof JoinSession, SyncResult>
  'session:leave': Cmd<typeof LeaveSession, null>
  'session:page': Cmd<typeof PageSession, PageResult>
  'session:start': Cmd<typeof SessionCommand, SessionSummaryDto>
  'session:end': Cmd<typeof SessionCommand, SessionSummaryDto>
  'question:submit': Cmd<typeof SubmitQuestion, QuestionDto>
  'question:upvote': Cmd<typeof UpvoteQuestion, { questionId: string; upvotes: number }>
  'question:approve': Cmd<typeof ApproveQuestion, QuestionStaffDto>
  'question:reject': Cmd<typeof RejectQuestion, QuestionStaffDto>
  'question:merge': Cmd<typeof MergeQuestion, QuestionStaffDto>
  'question:answering': Cmd<typeof MarkAnswering, QuestionStaffDto>
  'question:answer': Cmd<typeof AnswerQuestion, QuestionStaffDto>
  'transcript:post': Cmd<typeof PostTranscript, TranscriptEntryDto>
}

export interface ServerToClientEvents extends MediaServerToClientEvents {
  'live:frame': (frame: LiveFrame) => void
  /** To one user's sockets: an assignment of theirs changed (assignments.ts); join the session again. */
  'staff:assignments': (change: StaffAssignmentsChanged) => void
}

/** Sent by clients in the socket.io handshake `auth` (staff are identified by their cookie). */
export interface HandshakeAuth { citizenToken?: string }

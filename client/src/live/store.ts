import type {
  LiveEvent,
  LiveFrame,
  PageResult,
  QuestionDto,
  QuestionStaffDto,
  QuestionStatus,
  SessionSummaryDto,
  SyncResult,
  TranscriptEntryDto,
} from '@openday/protocol'
import { timeValue } from '../lib/format.ts'

export type AnyQuestion = QuestionDto | QuestionStaffDto

/** A transcript entry with the seq of the event that brought it (null: known only from our own ack). */
export interface TranscriptItem {
  entry: TranscriptEntryDto
  seq: number | null
}

export interface LiveError {
  code: string
  message: string
}

export interface LiveState {
  sessionId: string
  session: SessionSummaryDto | null
  /** seq at which `session` was last set, so an older delta cannot roll the status back. */
  sessionSeq: number
  /** True once a join has been answered: only then may a rejoin ask for a delta. */
  synced: boolean
  staff: boolean
  lastSeq: number
  viewers: number
  questions: Record<string, AnyQuestion>
  /** questionId -> seq of the event that last set it; absent when known only from an ack. */
  questionSeq: Record<string, number>
  transcript: TranscriptItem[]
  /** Current upvote counts (tallied by the server apart from the event log). */
  votes: Record<string, number>
  connected: boolean
  joinError: LiveError | null
  /** Where older questions / live-record entries begin (session:page's `before`); null: we have them all. */
  older: { questions: string | null; transcript: string | null }
}

export type LiveAction =
  | { type: 'reset'; sessionId: string }
  | { type: 'sync'; result: SyncResult }
  | { type: 'frame'; frame: LiveFrame }
  | { type: 'questionAck'; question: AnyQuestion }
  | { type: 'transcriptAck'; entry: TranscriptEntryDto }
  | { type: 'voteAck'; questionId: string; upvotes: number }
  | { type: 'sessionAck'; session: SessionSummaryDto }
  | { type: 'connection'; connected: boolean }
  | { type: 'joinFailed'; error: LiveError }
  | { type: 'page'; sessionId: string; result: PageResult }

export function initialLiveState(sessionId: string): LiveState {
  return {
    sessionId,
    session: null,
    sessionSeq: -1,
    synced: false,
    staff: false,
    lastSeq: 0,
    viewers: 0,
    questions: {},
    questionSeq: {},
    transcript: [],
    votes: {},
    connected: false,
    joinError: null,
    older: { questions: null, transcript: null },
  }
}

/**
 * What to send with session:join. Only a client that has been synced may ask for a delta: seqs
 * seen in frames before the first join answer say nothing about what came before them.
 */
export function joinPayload(state: LiveState): { sessionId: string; sinceSeq?: number } {
  return state.synced ? { sessionId: state.sessionId, sinceSeq: state.lastSeq } : { sessionId: state.sessionId }
}

// ---- pure helpers ----

function compareItems(a: TranscriptItem, b: TranscriptItem): number {
  const dt = timeValue(a.entry.createdAt) - timeValue(b.entry.createdAt)
  if (dt !== 0) return dt
  // Entries known only from our own ack have no seq yet; they are the newest we know of.
  const sa = a.seq ?? Number.POSITIVE_INFINITY
  const sb = b.seq ?? Number.POSITIVE_INFINITY
  return sa === sb ? 0 : sa < sb ? -1 : 1
}

/** Upserts by id and keeps the record sorted by createdAt then seq (sort is stable for ties). */
function upsertTranscript(list: TranscriptItem[], item: TranscriptItem): TranscriptItem[] {
  const i = list.findIndex((x) => x.entry.id === item.entry.id)
  if (i >= 0) {
    const old = list[i]!
    // An entry does not change once posted; keep the seq we know, and never trade it for none.
    if (old.seq !== null && (item.seq === null || item.seq <= old.seq)) return list
  }
  const next = i >= 0 ? list.map((x, j) => (j === i ? item : x)) : [...list, item]
  return next.sort(compareItems)
}

function applyEvent(state: LiveState, ev: LiveEvent): LiveState {
  const lastSeq = Math.max(state.lastSeq, ev.seq)
  switch (ev.type) {
    case 'question:submitted':
    case 'question:approved':
    case 'question:rejected':
    case 'question:merged':
    case 'question:answering':
    case 'question:answered': {
      const q = ev.question
      const known = state.questionSeq[q.id]
      // A delta can arrive after frames that already carried newer states of the same question.
      if (known !== undefined && known > ev.seq) return { ...state, lastSeq }
      // Staff get each event twice (public frame, then their own with staff fields): for the same
      // seq, the staff version wins whatever order they come in.
      const old = state.questions[q.id]
      if (known === ev.seq && old && isStaffQuestion(old) && !isStaffQuestion(q)) return { ...state, lastSeq }
      return {
        ...state,
        lastSeq,
        questions: { ...state.questions, [q.id]: q },
        questionSeq: { ...state.questionSeq, [q.id]: ev.seq },
      }
    }
    // Hotline calls are kept by the hotline screens (client/src/hotline), polls by client/src/polls.
    case 'call:logged':
    case 'poll:drafted':
    case 'poll:opened':
    case 'poll:closed':
    case 'poll:shown':
      return { ...state, lastSeq }
    case 'transcript:posted':
      return { ...state, lastSeq, transcript: upsertTranscript(state.transcript, { entry: ev.entry, seq: ev.seq }) }
    case 'session:started':
    case 'session:ended':
    case 'session:archived':
      if (ev.seq < state.sessionSeq) return { ...state, lastSeq }
      return { ...state, lastSeq, session: ev.session, sessionSeq: ev.seq }
  }
}

function applyEvents(state: LiveState, events: readonly LiveEvent[] | undefined): LiveState {
  if (!events || events.length === 0) return state
  // The server sends them in order; sorting costs nothing and makes replays order-proof.
  return [...events].sort((a, b) => a.seq - b.seq).reduce(applyEvent, state)
}

function applySnapshot(state: LiveState, r: SyncResult): LiveState {
  // The snapshot replaces everything, except what frames already told us that is newer than
  // the snapshot itself: a frame can overtake the join answer.
  const questions: Record<string, AnyQuestion> = {}
  const questionSeq: Record<string, number> = {}
  for (const q of r.questions ?? []) {
    questions[q.id] = q
    questionSeq[q.id] = r.lastSeq
  }
  for (const [id, seq] of Object.entries(state.questionSeq)) {
    const q = state.questions[id]
    if (q && seq > r.lastSeq) {
      questions[id] = q
      questionSeq[id] = seq
    }
  }
  let transcript: TranscriptItem[] = []
  for (const entry of r.transcript ?? []) transcript = upsertTranscript(transcript, { entry, seq: 0 })
  for (const item of state.transcript) {
    const newer = item.seq !== null && item.seq > r.lastSeq
    const ownUnconfirmed = item.seq === null && !transcript.some((x) => x.entry.id === item.entry.id)
    if (newer || ownUnconfirmed) transcript = upsertTranscript(transcript, item)
  }
  const keepSession = state.session !== null && state.sessionSeq > r.lastSeq
  return {
    ...state,
    session: keepSession ? state.session : r.session,
    sessionSeq: keepSession ? state.sessionSeq : r.lastSeq,
    synced: true,
    staff: r.staff,
    lastSeq: Math.max(state.lastSeq, r.lastSeq),
    viewers: r.viewers,
    questions,
    questionSeq,
    transcript,
    votes: { ...r.votes },
    joinError: null,
    older: r.older ?? { questions: null, transcript: null },
  }
}

/** Older items fill in behind what we have; anything we already know is as new or newer, so it stays. */
function applyPage(state: LiveState, r: PageResult): LiveState {
  if (r.kind === 'transcript') {
    let transcript = state.transcript
    for (const entry of r.transcript ?? []) transcript = upsertTranscript(transcript, { entry, seq: 0 })
    return { ...state, transcript, older: { ...state.older, transcript: r.next } }
  }
  const questions = { ...state.questions }
  const votes = { ...state.votes }
  for (const q of r.questions ?? []) {
    if (questions[q.id]) continue
    questions[q.id] = q
    votes[q.id] = r.votes[q.id] ?? q.upvotes
  }
  return { ...state, questions, votes, older: { ...state.older, questions: r.next } }
}

function applyDelta(state: LiveState, r: SyncResult): LiveState {
  const next = applyEvents(state, r.events)
  const keepSession = next.session !== null && next.sessionSeq > r.lastSeq
  return {
    ...next,
    session: keepSession ? next.session : r.session,
    sessionSeq: keepSession ? next.sessionSeq : r.lastSeq,
    synced: true,
    staff: r.staff,
    lastSeq: Math.max(next.lastSeq, r.lastSeq),
    viewers: r.viewers,
    votes: { ...next.votes, ...r.votes },
    joinError: null,
  }
}

const SESSION_RANK: Record<SessionSummaryDto['status'], number> = { scheduled: 0, live: 1, ended: 2, archived: 3 }

// pending -> approved -> answering -> answered; rejected and merged are final.
const RANK: Record<QuestionStatus, number> = { pending: 0, approved: 1, answering: 2, answered: 3, rejected: 3, merged: 3 }

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'reset':
      return initialLiveState(action.sessionId)
    case 'sync':
      if (action.result.session.id !== state.sessionId) return state
      return action.result.mode === 'snapshot' ? applySnapshot(state, action.result) : applyDelta(state, action.result)
    case 'frame': {
      const f = action.frame
      // Frames of a session we have left can still be in flight; they are not ours to show.
      if (f.sessionId !== state.sessionId) return state
      let next = applyEvents(state, f.events)
      if (f.votes) next = { ...next, votes: { ...next.votes, ...f.votes } }
      if (typeof f.viewers === 'number') next = { ...next, viewers: f.viewers }
      return next
    }
    case 'questionAck': {
      // An ack has no seq, so it cannot be ordered against events; it only moves a question
      // forward along its lifecycle, and the event that follows is authoritative.
      const q = action.question
      if (q.sessionId !== state.sessionId) return state
      const old = state.questions[q.id]
      if (old && RANK[q.status] <= RANK[old.status]) return state
      return { ...state, questions: { ...state.questions, [q.id]: q } }
    }
    case 'transcriptAck':
      if (action.entry.sessionId !== state.sessionId) return state
      return { ...state, transcript: upsertTranscript(state.transcript, { entry: action.entry, seq: null }) }
    case 'voteAck':
      return { ...state, votes: { ...state.votes, [action.questionId]: action.upvotes } }
    case 'sessionAck': {
      // Like question acks: no seq, so it may only move the session forward (scheduled -> live -> ended -> archived).
      const cur = state.session
      if (action.session.id !== state.sessionId) return state
      if (cur && SESSION_RANK[action.session.status] <= SESSION_RANK[cur.status]) return state
      return { ...state, session: action.session }
    }
    case 'connection':
      return { ...state, connected: action.connected }
    case 'joinFailed':
      return { ...state, joinError: action.error }
    case 'page':
      return action.sessionId === state.sessionId ? applyPage(state, action.result) : state
  }
}

// ---- selectors ----

export const PUBLIC_STATUSES: readonly QuestionStatus[] = ['approved', 'answering', 'answered']

export function upvotesOf(state: LiveState, q: AnyQuestion): number {
  return state.votes[q.id] ?? q.upvotes
}

export function questionsWithStatus(state: LiveState, statuses: readonly QuestionStatus[]): AnyQuestion[] {
  return Object.values(state.questions).filter((q) => statuses.includes(q.status))
}

const byCreated = (a: AnyQuestion, b: AnyQuestion) => timeValue(a.createdAt) - timeValue(b.createdAt)

/** Questions waiting for an answer, most upvoted first (ties: asked earlier first). */
export function openQuestionsByVotes(state: LiveState): AnyQuestion[] {
  return questionsWithStatus(state, ['answering', 'approved']).sort((a, b) => {
    if (a.status !== b.status) return a.status === 'answering' ? -1 : 1
    return upvotesOf(state, b) - upvotesOf(state, a) || byCreated(a, b)
  })
}

/** The public list: the question being answered, then open ones by votes, then answered ones (latest first). */
export function publicQuestions(state: LiveState): AnyQuestion[] {
  const answered = questionsWithStatus(state, ['answered']).sort(
    (a, b) => timeValue(b.answeredAt ?? b.createdAt) - timeValue(a.answeredAt ?? a.createdAt),
  )
  return [...openQuestionsByVotes(state), ...answered]
}

export function answeringNow(state: LiveState): AnyQuestion | null {
  return Object.values(state.questions).find((q) => q.status === 'answering') ?? null
}

/** Moderation queue: oldest first, as citizens asked them. */
export function pendingQueue(state: LiveState): AnyQuestion[] {
  return questionsWithStatus(state, ['pending']).sort(byCreated)
}

export function questionsByClientIds(state: LiveState, clientIds: readonly string[]): AnyQuestion[] {
  const mine = new Set(clientIds)
  return Object.values(state.questions)
    .filter((q) => mine.has(q.clientId))
    .sort((a, b) => byCreated(b, a))
}

/**
 * This device's questions: the ones it remembers asking, plus, for a citizen, every question in a
 * state the server only shows to its asker (so they survive cleared storage). Newest first.
 */
export function myQuestions(state: LiveState, clientIds: readonly string[]): AnyQuestion[] {
  const mine = new Set(clientIds)
  const privateOnly: readonly QuestionStatus[] = ['pending', 'rejected', 'merged']
  return Object.values(state.questions)
    .filter((q) => mine.has(q.clientId) || (!state.staff && privateOnly.includes(q.status)))
    .sort((a, b) => byCreated(b, a))
}

export function isStaffQuestion(q: AnyQuestion): q is QuestionStaffDto {
  return Array.isArray((q as QuestionStaffDto).sensitiveHits)
}

import { describe, expect, it } from 'vitest'
import type { LiveEvent, QuestionDto, QuestionStatus, SessionSummaryDto, SyncResult, TranscriptEntryDto } from '@openday/protocol'
import {
  answeringNow,
  initialLiveState,
  joinPayload,
  liveReducer,
  openQuestionsByVotes,
  myQuestions,
  pendingQueue,
  publicQuestions,
  questionsByClientIds,
  upvotesOf,
  type LiveAction,
  type LiveState,
} from './store.ts'

const SID = 'sess1'

const session = (status: SessionSummaryDto['status'] = 'live'): SessionSummaryDto => ({
  id: SID,
  eventId: 'ev1',
  kind: 'text_interview',
  title: 'Interview',
  status,
  scheduledStart: '2026-05-20T01:30:00.000Z',
  scheduledEnd: '2026-05-20T03:30:00.000Z',
  startedAt: status === 'scheduled' ? null : '2026-05-20T01:31:00.000Z',
  endedAt: null,
})

const question = (id: string, status: QuestionStatus, over: Partial<QuestionDto> = {}): QuestionDto => ({
  id,
  sessionId: SID,
  clientId: `client-${id}`,
  nickname: 'nick',
  body: `body of ${id}`,
  status,
  upvotes: 0,
  answer: null,
  answeredBy: null,
  mergedIntoId: null,
  rejectReason: null,
  createdAt: '2026-05-20T01:40:00.000Z',
  approvedAt: null,
  answeredAt: null,
  replyDueAt: null,
  preEvent: false,
  ...over,
})

const entry = (id: string, createdAt: string, body = id): TranscriptEntryDto => ({
  id,
  sessionId: SID,
  clientId: `c-${id}`,
  speaker: 'host',
  speakerName: 'Host',
  body,
  image: null,
  createdAt,
})

const qEvent = (seq: number, type: Extract<LiveEvent, { question: unknown }>['type'], q: QuestionDto): LiveEvent => ({ seq, type, question: q })
const tEvent = (seq: number, e: TranscriptEntryDto): LiveEvent => ({ seq, type: 'transcript:posted', entry: e })

const snapshot = (over: Partial<SyncResult> = {}): SyncResult => ({
  mode: 'snapshot',
  session: session(),
  lastSeq: 10,
  viewers: 3,
  staff: false,
  transcript: [],
  questions: [],
  votes: {},
  polls: [],
  ...over,
})

const delta = (over: Partial<SyncResult> = {}): SyncResult => ({
  mode: 'delta',
  session: session(),
  lastSeq: 10,
  viewers: 3,
  staff: false,
  events: [],
  votes: {},
  polls: [],
  ...over,
})

const run = (...actions: LiveAction[]): LiveState => actions.reduce(liveReducer, initialLiveState(SID))
const frame = (events: LiveEvent[], extra: { votes?: Record<string, number>; viewers?: number } = {}): LiveAction => ({
  type: 'frame',
  frame: { sessionId: SID, events, ...extra },
})

describe('snapshot', () => {
  it('replaces state and marks the client synced', () => {
    const s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved')], transcript: [entry('t1', '2026-05-20T01:35:00Z')], votes: { a: 4 } }) },
    )
    expect(s.synced).toBe(true)
    expect(s.lastSeq).toBe(10)
    expect(s.viewers).toBe(3)
    expect(Object.keys(s.questions)).toEqual(['a'])
    expect(s.transcript.map((x) => x.entry.id)).toEqual(['t1'])
    expect(upvotesOf(s, s.questions.a!)).toBe(4)
    expect(s.session?.status).toBe('live')
  })

  it('a second snapshot drops what it no longer contains', () => {
    const s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved'), question('b', 'approved')] }) },
      { type: 'sync', result: snapshot({ lastSeq: 12, questions: [question('a', 'answered')] }) },
    )
    expect(Object.keys(s.questions)).toEqual(['a'])
    expect(s.questions.a!.status).toBe('answered')
  })

  it('keeps frame events that overtook the join answer', () => {
    const s = run(
      frame([qEvent(11, 'question:approved', question('new', 'approved'))]),
      { type: 'sync', result: snapshot({ lastSeq: 10, questions: [question('old', 'approved')] }) },
    )
    expect(Object.keys(s.questions).sort()).toEqual(['new', 'old'])
    expect(s.lastSeq).toBe(11)
  })

  it('ignores answers for another session', () => {
    const s = run({ type: 'sync', result: snapshot({ session: { ...session(), id: 'other' } }) })
    expect(s.synced).toBe(false)
  })
})

describe('frames', () => {
  it('upserts questions by id with the whole question state', () => {
    const s = run(
      { type: 'sync', result: snapshot() },
      frame([qEvent(11, 'question:approved', question('a', 'approved'))]),
      frame([qEvent(12, 'question:answering', question('a', 'answering'))]),
      frame([qEvent(13, 'question:answered', question('a', 'answered', { answer: 'yes' }))]),
    )
    expect(Object.keys(s.questions)).toEqual(['a'])
    expect(s.questions.a!.status).toBe('answered')
    expect(s.questions.a!.answer).toBe('yes')
    expect(s.lastSeq).toBe(13)
  })

  it('applies duplicate events once, idempotently', () => {
    const ev = tEvent(11, entry('t1', '2026-05-20T01:35:00Z'))
    const qe = qEvent(12, 'question:approved', question('a', 'approved'))
    const s = run({ type: 'sync', result: snapshot() }, frame([ev, qe]), frame([ev, qe]), frame([ev]))
    expect(s.transcript).toHaveLength(1)
    expect(Object.keys(s.questions)).toEqual(['a'])
    expect(s.lastSeq).toBe(12)
  })

  it('keeps the staff version of a question when the public copy of the same event comes second', () => {
    const staffQ = { ...question('a', 'approved'), sensitiveHits: ['word'], citizenId: 'c1' }
    const s = run(
      { type: 'sync', result: snapshot({ staff: true }) },
      frame([qEvent(11, 'question:approved', staffQ)]),
      frame([qEvent(11, 'question:approved', question('a', 'approved'))]),
    )
    expect(s.questions.a).toEqual(staffQ)
    const t = run({ type: 'sync', result: snapshot({ staff: true }) }, frame([qEvent(11, 'question:approved', question('a', 'approved'))]), frame([qEvent(11, 'question:approved', staffQ)]))
    expect(t.questions.a).toEqual(staffQ)
  })

  it('never lets an older event overwrite a newer one', () => {
    const s = run(
      { type: 'sync', result: snapshot() },
      frame([qEvent(15, 'question:answered', question('a', 'answered', { answer: 'done' }))]),
      frame([qEvent(12, 'question:approved', question('a', 'approved'))]),
    )
    expect(s.questions.a!.status).toBe('answered')
    expect(s.lastSeq).toBe(15)
  })

  it('merges vote tallies and replaces the viewer count', () => {
    const s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved'), question('b', 'approved')], votes: { a: 1, b: 1 } }) },
      frame([], { votes: { a: 7 }, viewers: 120 }),
    )
    expect(s.votes).toEqual({ a: 7, b: 1 })
    expect(s.viewers).toBe(120)
  })

  it('ignores frames of another session', () => {
    const s = run({ type: 'sync', result: snapshot() }, { type: 'frame', frame: { sessionId: 'other', viewers: 99 } })
    expect(s.viewers).toBe(3)
  })

  it('keeps the transcript sorted by createdAt then seq, whatever the arrival order', () => {
    const s = run(
      { type: 'sync', result: snapshot({ transcript: [entry('t1', '2026-05-20T01:35:00Z')] }) },
      frame([tEvent(14, entry('t4', '2026-05-20T01:50:00Z'))]),
      frame([tEvent(12, entry('t2', '2026-05-20T01:40:00Z'))]),
      frame([tEvent(13, entry('t3', '2026-05-20T01:40:00Z'))]),
    )
    expect(s.transcript.map((x) => x.entry.id)).toEqual(['t1', 't2', 't3', 't4'])
  })

  it('session events update the status', () => {
    const s = run({ type: 'sync', result: snapshot({ session: session('scheduled') }) }, frame([{ seq: 11, type: 'session:started', session: session('live') }]))
    expect(s.session?.status).toBe('live')
  })
})

describe('reconnect and deltas', () => {
  it('asks for a snapshot before the first sync, for a delta after it', () => {
    const before = run(frame([qEvent(50, 'question:approved', question('a', 'approved'))]))
    expect(joinPayload(before)).toEqual({ sessionId: SID })
    const after = liveReducer(before, { type: 'sync', result: snapshot({ lastSeq: 60 }) })
    expect(joinPayload(after)).toEqual({ sessionId: SID, sinceSeq: 60 })
  })

  it('rejoins with sinceSeq = the highest seq seen and applies the delta', () => {
    let s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved')] }) },
      frame([tEvent(11, entry('t1', '2026-05-20T01:35:00Z'))]),
      { type: 'connection', connected: false },
    )
    expect(s.connected).toBe(false)
    expect(joinPayload(s)).toEqual({ sessionId: SID, sinceSeq: 11 })
    s = liveReducer(s, { type: 'connection', connected: true })
    s = liveReducer(s, {
      type: 'sync',
      result: delta({
        lastSeq: 14,
        viewers: 8,
        events: [
          tEvent(12, entry('t2', '2026-05-20T01:45:00Z')),
          qEvent(13, 'question:answering', question('a', 'answering')),
          qEvent(14, 'question:approved', question('b', 'approved')),
        ],
        votes: { b: 2 },
      }),
    })
    expect(s.lastSeq).toBe(14)
    expect(s.viewers).toBe(8)
    expect(s.transcript.map((x) => x.entry.id)).toEqual(['t1', 't2'])
    expect(answeringNow(s)?.id).toBe('a')
    expect(upvotesOf(s, s.questions.b!)).toBe(2)
    expect(joinPayload(s)).toEqual({ sessionId: SID, sinceSeq: 14 })
  })

  it('an out-of-order delta arriving after newer frames changes nothing it should not', () => {
    const s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved')] }) },
      // frames after the reconnect arrive before the join answer
      frame([qEvent(13, 'question:answered', question('a', 'answered', { answer: 'final' }))]),
      frame([{ seq: 14, type: 'session:ended', session: session('ended') }]),
      {
        type: 'sync',
        result: delta({
          lastSeq: 12,
          session: session('live'),
          events: [qEvent(11, 'question:answering', question('a', 'answering')), tEvent(12, entry('t1', '2026-05-20T01:35:00Z'))],
        }),
      },
    )
    expect(s.questions.a!.status).toBe('answered')
    expect(s.questions.a!.answer).toBe('final')
    expect(s.session?.status).toBe('ended')
    expect(s.transcript).toHaveLength(1)
    expect(s.lastSeq).toBe(14)
  })

  it('a server that answers a rejoin with a snapshot resets the state', () => {
    const s = run(
      { type: 'sync', result: snapshot({ questions: [question('a', 'approved')] }) },
      { type: 'sync', result: snapshot({ lastSeq: 40, questions: [question('z', 'approved')] }) },
    )
    expect(Object.keys(s.questions)).toEqual(['z'])
    expect(s.lastSeq).toBe(40)
  })

  it('a failed join is recorded, and a later successful one clears it', () => {
    let s = run({ type: 'joinFailed', error: { code: 'NOT_FOUND', message: 'no such session' } })
    expect(s.joinError?.code).toBe('NOT_FOUND')
    s = liveReducer(s, { type: 'sync', result: snapshot() })
    expect(s.joinError).toBeNull()
  })

  it('reset forgets everything of the previous session', () => {
    const s = liveReducer(run({ type: 'sync', result: snapshot({ questions: [question('a', 'approved')] }) }), { type: 'reset', sessionId: 'sess2' })
    expect(s.sessionId).toBe('sess2')
    expect(s.synced).toBe(false)
    expect(s.questions).toEqual({})
  })
})

describe('acks', () => {
  it('a submit ack shows my pending question until its event arrives', () => {
    let s = run({ type: 'sync', result: snapshot() }, { type: 'questionAck', question: question('mine', 'pending') })
    expect(questionsByClientIds(s, ['client-mine']).map((q) => q.status)).toEqual(['pending'])
    s = liveReducer(s, frame([qEvent(11, 'question:rejected', question('mine', 'rejected', { rejectReason: 'off topic' }))]))
    expect(s.questions.mine!.rejectReason).toBe('off topic')
    // a late ack (retried submit) must not pull the question back to pending
    s = liveReducer(s, { type: 'questionAck', question: question('mine', 'pending') })
    expect(s.questions.mine!.status).toBe('rejected')
  })

  it('an own transcript entry is shown at once and confirmed by its event without duplicating', () => {
    const e = entry('t9', '2026-05-20T01:59:00Z')
    let s = run({ type: 'sync', result: snapshot() }, { type: 'transcriptAck', entry: e })
    expect(s.transcript).toEqual([{ entry: e, seq: null }])
    s = liveReducer(s, frame([tEvent(11, e)]))
    expect(s.transcript).toEqual([{ entry: e, seq: 11 }])
    s = liveReducer(s, { type: 'transcriptAck', entry: e })
    expect(s.transcript).toEqual([{ entry: e, seq: 11 }])
  })

  it('a start/end ack moves the session forward but never back', () => {
    let s = run({ type: 'sync', result: snapshot({ session: session('scheduled') }) }, { type: 'sessionAck', session: session('live') })
    expect(s.session?.status).toBe('live')
    s = liveReducer(s, frame([{ seq: 11, type: 'session:ended', session: session('ended') }]))
    s = liveReducer(s, { type: 'sessionAck', session: session('live') })
    expect(s.session?.status).toBe('ended')
  })

  it('an upvote ack sets the count', () => {
    const s = run({ type: 'sync', result: snapshot({ questions: [question('a', 'approved')] }) }, { type: 'voteAck', questionId: 'a', upvotes: 5 })
    expect(upvotesOf(s, s.questions.a!)).toBe(5)
  })
})

describe('selectors', () => {
  const s = run({
    type: 'sync',
    result: snapshot({
      staff: true,
      questions: [
        question('p2', 'pending', { createdAt: '2026-05-20T01:42:00Z' }),
        question('p1', 'pending', { createdAt: '2026-05-20T01:41:00Z' }),
        question('low', 'approved'),
        question('high', 'approved'),
        question('now', 'answering'),
        question('done', 'answered', { answeredAt: '2026-05-20T02:00:00Z' }),
        question('no', 'rejected'),
      ],
      votes: { low: 1, high: 9 },
    }),
  })

  it('orders the public list: answering, then by votes, then answered; hides the rest', () => {
    expect(publicQuestions(s).map((q) => q.id)).toEqual(['now', 'high', 'low', 'done'])
    expect(openQuestionsByVotes(s).map((q) => q.id)).toEqual(['now', 'high', 'low'])
  })

  it('finds my questions by remembered client id, and by private state for a citizen', () => {
    const citizen = run({
      type: 'sync',
      result: snapshot({ questions: [question('pub', 'approved'), question('minePub', 'approved'), question('minePending', 'pending')] }),
    })
    expect(myQuestions(citizen, ['client-minePub']).map((q) => q.id).sort()).toEqual(['minePending', 'minePub'])
    // staff see everyone's pending questions: those are not theirs
    expect(myQuestions(s, []).map((q) => q.id)).toEqual([])
  })

  it('queues pending questions oldest first', () => {
    expect(pendingQueue(s).map((q) => q.id)).toEqual(['p1', 'p2'])
  })
})

import { describe, expect, it } from 'vitest'
import type { QuestionDto, SessionSummaryDto, SyncResult, TranscriptEntryDto } from '@openday/protocol'
import { initialLiveState, liveReducer, type LiveAction, type LiveState } from './store.ts'

// Paging older history into the live store (session:page after a bounded snapshot).

const SID = 's1'
const session: SessionSummaryDto = {
  id: SID, eventId: 'e', kind: 'text_interview', title: 'T', status: 'live',
  scheduledStart: '2026-05-20T01:30:00.000Z', scheduledEnd: '2026-05-20T03:30:00.000Z', startedAt: '2026-05-20T01:31:00.000Z', endedAt: null,
}
const entry = (id: string, minute: number): TranscriptEntryDto => ({
  id, sessionId: SID, clientId: `c-${id}`, speaker: 'host', speakerName: 'H', body: id, image: null, createdAt: `2026-05-20T02:${String(minute).padStart(2, '0')}:00.000Z`,
})
const question = (id: string, status: QuestionDto['status'], upvotes = 0): QuestionDto => ({
  id, sessionId: SID, clientId: `q-${id}`, nickname: 'n', body: id, status, upvotes, answer: null, answeredBy: null, mergedIntoId: null,
  rejectReason: null, createdAt: '2026-05-20T01:40:00.000Z', approvedAt: null, answeredAt: null, replyDueAt: null, preEvent: false,
})
const snapshot = (over: Partial<SyncResult>): SyncResult => ({ mode: 'snapshot', session, lastSeq: 10, viewers: 1, staff: false, transcript: [], questions: [], votes: {}, polls: [], ...over })
const run = (actions: LiveAction[]): LiveState => actions.reduce(liveReducer, initialLiveState(SID))

describe('older history', () => {
  it('a snapshot says where older items begin; pages fill in behind, in order, until none is left', () => {
    const s = run([
      { type: 'sync', result: snapshot({ transcript: [entry('e3', 3), entry('e4', 4)], older: { questions: null, transcript: 'e3' } }) },
      { type: 'page', sessionId: SID, result: { kind: 'transcript', transcript: [entry('e1', 1), entry('e2', 2)], next: 'e1', votes: {} } },
    ])
    expect(s.transcript.map((x) => x.entry.id)).toEqual(['e1', 'e2', 'e3', 'e4'])
    expect(s.older).toEqual({ questions: null, transcript: 'e1' })
    const end = liveReducer(s, { type: 'page', sessionId: SID, result: { kind: 'transcript', transcript: [entry('e0', 0)], next: null, votes: {} } })
    expect(end.transcript[0]!.entry.id).toBe('e0')
    expect(end.older.transcript).toBeNull()
  })

  it('an older page never replaces a question we already know in a newer state, and brings its votes', () => {
    const s = run([
      { type: 'sync', result: snapshot({ questions: [question('q2', 'answered', 7)], votes: { q2: 7 }, older: { questions: 'q2', transcript: null } }) },
      { type: 'page', sessionId: SID, result: { kind: 'questions', questions: [question('q1', 'approved', 3), question('q2', 'approved', 5)], next: null, votes: { q1: 3, q2: 5 } } },
    ])
    expect(s.questions.q2!.status).toBe('answered')
    expect(s.votes).toEqual({ q1: 3, q2: 7 })
    expect(s.older.questions).toBeNull()
  })

  it('pages of another session are ignored', () => {
    const s = run([
      { type: 'sync', result: snapshot({ older: { questions: 'x', transcript: null } }) },
      { type: 'page', sessionId: 'other', result: { kind: 'questions', questions: [question('q9', 'approved')], next: null, votes: {} } },
    ])
    expect(s.questions).toEqual({})
    expect(s.older.questions).toBe('x')
  })
})

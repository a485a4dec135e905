import type { PollDto, PollResultsDto, SessionSummaryDto, SyncResult } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { figuresOf, hasVoted, initialPolls, pollsReducer, visiblePolls } from './store.ts'

const session: SessionSummaryDto = { id: 's1', eventId: 'e1', kind: 'text_interview', title: 't', status: 'live', scheduledStart: '2026-12-01T01:00:00.000Z', scheduledEnd: '2026-12-01T03:00:00.000Z', startedAt: null, endedAt: null }
const results = (votes: number, round = 1): PollResultsDto => ({ pollId: 'p1', round, votes, result: { id: 'q', kind: 'single', title: 'Q', answered: votes, options: [] } })
const poll = (over: Partial<PollDto> = {}): PollDto => ({
  id: 'p1', sessionId: 's1', question: { id: 'q', kind: 'single', title: 'Q', help: '', required: false, options: [], lowLabel: '', highLabel: '' },
  visibility: 'always', state: 'open', round: 1, results: results(0), rounds: [], updatedAt: '2026-12-01T01:00:00.000Z', ...over,
})
const sync = (over: Partial<SyncResult>): SyncResult => ({ mode: 'snapshot', session, lastSeq: 10, viewers: 0, staff: false, votes: {}, polls: [], ...over })

describe('the polls store', () => {
  it('takes the join\'s list, then events by seq and running figures that only move forward', () => {
    let s = pollsReducer(initialPolls('s1'), { type: 'sync', result: sync({ polls: [poll({ voted: true })] }) })
    expect(hasVoted(s, s.polls.p1!)).toBe(true)
    s = pollsReducer(s, { type: 'frame', frame: { sessionId: 's1', polls: { p1: results(5) } } })
    s = pollsReducer(s, { type: 'frame', frame: { sessionId: 's1', polls: { p1: results(3) } } })
    expect(figuresOf(s, s.polls.p1!)?.votes).toBe(5)
    s = pollsReducer(s, { type: 'frame', frame: { sessionId: 's1', events: [{ seq: 12, type: 'poll:closed', poll: poll({ state: 'closed', results: results(6) }) }] } })
    expect(s.polls.p1!.state).toBe('closed')
    expect(figuresOf(s, s.polls.p1!)?.votes).toBe(6)
    // An older event (a delta arriving late) does not roll it back; a join at an older seq neither.
    s = pollsReducer(s, { type: 'frame', frame: { sessionId: 's1', events: [{ seq: 11, type: 'poll:opened', poll: poll() }] } })
    expect(s.polls.p1!.state).toBe('closed')
    s = pollsReducer(s, { type: 'sync', result: sync({ mode: 'delta', lastSeq: 11, polls: [poll()] }) })
    expect(s.polls.p1!.state).toBe('closed')
  })

  it('a new round starts without the old round\'s figures or vote', () => {
    let s = pollsReducer(initialPolls('s1'), { type: 'pollVoted', pollId: 'p1', round: 1, results: results(4) })
    s = pollsReducer(s, { type: 'pollAck', poll: poll({ round: 2, results: results(0, 2) }) })
    expect(hasVoted(s, s.polls.p1!)).toBe(false)
    expect(figuresOf(s, s.polls.p1!)?.votes).toBe(0)
    expect(visiblePolls(s).map((p) => p.id)).toEqual(['p1'])
    expect(visiblePolls(pollsReducer(s, { type: 'pollAck', poll: poll({ id: 'd', state: 'draft', round: 0 }) })).map((p) => p.id)).toEqual(['p1'])
  })

  it('staff keep their copy of an event (with figures) over the room\'s copy of the same seq', () => {
    let s = pollsReducer(initialPolls('s1'), { type: 'frame', frame: { sessionId: 's1', events: [{ seq: 3, type: 'poll:opened', poll: poll({ visibility: 'closed', results: results(0) }) }] } })
    s = pollsReducer(s, { type: 'frame', frame: { sessionId: 's1', events: [{ seq: 3, type: 'poll:opened', poll: poll({ visibility: 'closed', results: null }) }] } })
    expect(s.polls.p1!.results).not.toBeNull()
  })
})

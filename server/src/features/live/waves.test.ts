import type { LiveEvent, TranscriptEntryDto } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { mergeFrames } from './waves.ts'

const entry = (seq: number): LiveEvent => ({ seq, type: 'transcript:posted', entry: { id: `e${seq}` } as TranscriptEntryDto })

describe('mergeFrames', () => {
  it('keeps every event once, in sequence order, and the highest counts', () => {
    const a = { sessionId: 's', events: [entry(3), entry(1)], votes: { q1: 5, q2: 9 }, viewers: 10 }
    const b = { sessionId: 's', events: [entry(2)], votes: { q1: 7, q2: 8 } }
    expect(mergeFrames(a, b)).toEqual({ sessionId: 's', events: [entry(1), entry(2), entry(3)], votes: { q1: 7, q2: 9 }, viewers: 10 })
  })

  it('takes the later viewer count and adds nothing that neither frame had', () => {
    expect(mergeFrames({ sessionId: 's', viewers: 3 }, { sessionId: 's', viewers: 4 })).toEqual({ sessionId: 's', viewers: 4 })
    expect(mergeFrames({ sessionId: 's' }, { sessionId: 's', votes: { q: 1 } })).toEqual({ sessionId: 's', votes: { q: 1 } })
  })
})

import { describe, expect, it } from 'vitest'
import { assertTransition, assertWritable, canTransition, WRITE_WINDOW } from './state.ts'

describe('session state machine', () => {
  it('moves forward only', () => {
    expect(canTransition('scheduled', 'live')).toBe(true)
    expect(canTransition('live', 'ended')).toBe(true)
    expect(canTransition('ended', 'archived')).toBe(true)
    expect(canTransition('live', 'scheduled')).toBe(false)
    expect(canTransition('scheduled', 'ended')).toBe(false)
    expect(canTransition('archived', 'live')).toBe(false)
  })
  it('names the error: closed sessions are SESSION_CLOSED, others CONFLICT', () => {
    expect(() => assertTransition('archived', 'live')).toThrow(expect.objectContaining({ code: 'SESSION_CLOSED' }))
    expect(() => assertTransition('scheduled', 'ended')).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
  })
  it('accepts questions before and during, live writes only during', () => {
    expect(() => assertWritable('scheduled', WRITE_WINDOW.question)).not.toThrow()
    expect(() => assertWritable('scheduled', WRITE_WINDOW.live)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
    expect(() => assertWritable('ended', WRITE_WINDOW.question)).toThrow(expect.objectContaining({ code: 'SESSION_CLOSED' }))
    expect(() => assertWritable('archived', WRITE_WINDOW.vote)).toThrow(expect.objectContaining({ code: 'SESSION_CLOSED' }))
  })
})

import type { WorkOrderStatus } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { canApply, isOverdue, nextStatus, type WorkOrderAction } from './state.ts'

const STATUSES: WorkOrderStatus[] = ['assigned', 'accepted', 'replied', 'closed']
const ACTIONS: WorkOrderAction[] = ['accept', 'reply', 'callback']

describe('work order state machine', () => {
  it('follows assigned -> accepted -> replied -> closed', () => {
    expect(nextStatus('assigned', 'accept')).toBe('accepted')
    expect(nextStatus('accepted', 'reply')).toBe('replied')
    expect(nextStatus('replied', 'callback', 'satisfied')).toBe('closed')
    expect(nextStatus('replied', 'callback', 'basically_satisfied')).toBe('closed')
  })

  it('reopens on an unsatisfied callback', () => {
    expect(nextStatus('replied', 'callback', 'unsatisfied')).toBe('accepted')
  })

  it('refuses every other combination with CONFLICT', () => {
    const allowed = new Set(['assigned:accept', 'accepted:reply', 'replied:callback'])
    for (const s of STATUSES) {
      for (const a of ACTIONS) {
        if (allowed.has(`${s}:${a}`)) {
          expect(canApply(s, a)).toBe(true)
          continue
        }
        expect(canApply(s, a)).toBe(false)
        expect(() => nextStatus(s, a, 'satisfied'), `${s} + ${a}`).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
      }
    }
  })

  it('closed is final', () => {
    for (const a of ACTIONS) expect(canApply('closed', a)).toBe(false)
  })

  it('a callback without a satisfaction is a bad request', () => {
    expect(() => nextStatus('replied', 'callback')).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }))
  })

  it('is overdue only when open and past the deadline', () => {
    const dueAt = new Date('2026-12-04T15:59:59.999Z')
    expect(isOverdue({ status: 'accepted', dueAt }, new Date('2026-12-04T16:00:00Z'))).toBe(true)
    expect(isOverdue({ status: 'accepted', dueAt }, new Date('2026-12-04T15:59:59Z'))).toBe(false)
    expect(isOverdue({ status: 'closed', dueAt }, new Date('2027-01-01T00:00:00Z'))).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { figuresOf } from './figures.ts'

const due = new Date('2026-12-10T15:59:59.999Z')
const order = (status: string, over: Partial<{ closedAt: Date | null; satisfaction: string | null; reopenCount: number }> = {}) =>
  ({ status, dueAt: due, closedAt: null, satisfaction: null, reopenCount: 0, ...over })

describe('hotline figures', () => {
  it('are null-rated before any callback', () => {
    expect(figuresOf([])).toEqual({ calls: 0, byDomain: {}, byAppealType: {}, answered: 0, handedOff: 0, closed: 0, closedOnTime: 0, satisfactionRate: null })
  })
  it('count by domain and type, on time and satisfaction over callbacks made', () => {
    const f = figuresOf([
      { domainId: 'urban', appealTypeId: 'complaint', disposition: 'answered', workOrder: null },
      { domainId: 'urban', appealTypeId: 'help', disposition: 'handed_off', workOrder: order('closed', { closedAt: new Date('2026-12-01T00:00:00Z'), satisfaction: 'satisfied' }) },
      // Reopened twice, then closed late.
      { domainId: 'social', appealTypeId: 'complaint', disposition: 'handed_off', workOrder: order('closed', { closedAt: new Date('2026-12-11T00:00:00Z'), satisfaction: 'basically_satisfied', reopenCount: 2 }) },
      { domainId: 'social', appealTypeId: 'complaint', disposition: 'handed_off', workOrder: order('accepted', { satisfaction: 'unsatisfied', reopenCount: 1 }) },
    ])
    expect(f).toEqual({
      calls: 4, byDomain: { urban: 2, social: 2 }, byAppealType: { complaint: 3, help: 1 },
      answered: 1, handedOff: 3, closed: 2, closedOnTime: 1,
      // 2 satisfied callbacks out of 2 + 3 unsatisfied ones.
      satisfactionRate: 0.4,
    })
  })
})

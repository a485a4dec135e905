import type { SessionFigures } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { figuresOf as questionFigures } from '../archive/figures.ts'
import { figuresOf as hotlineFigures } from '../hotline/figures.ts'
import { replyFigures } from '../replies/dto.ts'
import { labelledHotline, totalsOf } from './figures.ts'

// The summary draft's figures from a fixture session: counted from records, never typed in.
const at = (s: string) => new Date(s)
const now = at('2026-11-30T04:00:00Z')

describe("the summary's figures", () => {
  it('from a text interview: questions received, approved, answered live and in writing (on time)', () => {
    const qs = [
      { status: 'answered', approvedAt: at('2026-11-20T02:00:00Z'), replyDueAt: null },
      { status: 'approved', approvedAt: at('2026-11-20T02:05:00Z'), replyDueAt: at('2026-11-27T15:59:59Z') },
      { status: 'approved', approvedAt: at('2026-11-20T02:06:00Z'), replyDueAt: at('2026-11-27T15:59:59Z') },
      { status: 'rejected', approvedAt: null, replyDueAt: null },
      { status: 'merged', approvedAt: at('2026-11-20T02:07:00Z'), replyDueAt: null },
    ]
    const tasks = [
      { state: 'published', dueAt: at('2026-11-27T15:59:59Z'), firstPublishedAt: at('2026-11-25T01:00:00Z') },
      { state: 'open', dueAt: at('2026-11-27T15:59:59Z'), firstPublishedAt: null },
    ]
    const figures: SessionFigures = questionFigures(qs, 320, 1)
    expect(figures).toEqual({ received: 5, approved: 4, answered: 1, rejected: 1, awaitingReply: 1, peakViewers: 320 })
    const replies = replyFigures(tasks, now)
    expect(replies).toEqual({ due: 2, published: 1, onTime: 1, overdue: 1 })
    expect(totalsOf([{ figures, replies }, { figures: questionFigures([], 80, 0), replies: replyFigures([], now) }], 410)).toEqual({
      peakViewers: 320, uniqueViewers: 410, received: 5, approved: 4, answeredLive: 1, repliesDue: 2, repliesPublished: 1, repliesOnTime: 1,
    })
  })

  it('from a hotline day: calls by domain and type with their names, most first; orders closed on time; satisfaction over callbacks', () => {
    const order = (o: Partial<{ status: string; dueAt: Date; closedAt: Date | null; satisfaction: string | null; reopenCount: number }>) =>
      ({ status: 'closed', dueAt: at('2026-11-27T15:59:59Z'), closedAt: at('2026-11-26T00:00:00Z'), satisfaction: 'satisfied', reopenCount: 0, ...o })
    const rows = [
      { domainId: 'd1', appealTypeId: 't1', disposition: 'answered', workOrder: null },
      { domainId: 'd2', appealTypeId: 't1', disposition: 'handed_off', workOrder: order({}) },
      { domainId: 'd2', appealTypeId: 't2', disposition: 'handed_off', workOrder: order({ closedAt: at('2026-11-29T00:00:00Z'), reopenCount: 1 }) },
      { domainId: 'd2', appealTypeId: 't2', disposition: 'handed_off', workOrder: order({ status: 'accepted', closedAt: null, satisfaction: null }) },
    ]
    const f = labelledHotline(hotlineFigures(rows), { domains: new Map([['d1', '公共服务'], ['d2', '社会保障']]), types: new Map([['t1', '咨询'], ['t2', '投诉']]) })
    expect(f.byDomain).toEqual([{ name: '社会保障', calls: 3 }, { name: '公共服务', calls: 1 }])
    expect(f.byAppealType).toEqual([{ name: '投诉', calls: 2 }, { name: '咨询', calls: 2 }])
    expect([f.calls, f.answered, f.handedOff, f.closed, f.closedOnTime]).toEqual([4, 1, 3, 2, 1])
    // Two closed orders and one reopening: three callbacks, two satisfied.
    expect(f.satisfactionRate).toBeCloseTo(2 / 3, 4)
  })
})

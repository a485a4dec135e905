import type { SessionFigures } from '@openday/protocol'
import type { Question } from '../../generated/sqlite/client.ts'

type FigureQuestion = Pick<Question, 'status' | 'approvedAt' | 'replyDueAt'>

/**
 * A session's figures from its questions (the archive page, which loads them anyway). `settled`:
 * how many of its reply tasks were answered in writing or closed by the office, no longer awaited.
 */
export function figuresOf(qs: FigureQuestion[], peakViewers: number, settled = 0): SessionFigures {
  const count = (f: (q: FigureQuestion) => boolean) => qs.filter(f).length
  return {
    received: qs.length,
    // Counted as approved if the public ever saw it, even if later merged or withdrawn.
    approved: count((q) => q.approvedAt !== null),
    answered: count((q) => q.status === 'answered'),
    rejected: count((q) => q.status === 'rejected'),
    awaitingReply: Math.max(0, count((q) => q.status === 'approved' && q.replyDueAt !== null) - settled),
    peakViewers,
  }
}

/** One row of questions.countForFigures: a session's questions of one status. */
export interface FigureCounts {
  status: string
  _count: { _all: number; approvedAt: number; replyDueAt: number }
}

/** The same figures as figuresOf, from grouped counts (the archive list: no question is loaded). */
export function figuresFromCounts(groups: FigureCounts[], peakViewers: number, settled = 0): SessionFigures {
  const sum = (f: (g: FigureCounts) => number) => groups.reduce((n, g) => n + f(g), 0)
  const ofStatus = (status: string, f: (g: FigureCounts) => number) => sum((g) => (g.status === status ? f(g) : 0))
  return {
    received: sum((g) => g._count._all),
    approved: sum((g) => g._count.approvedAt),
    answered: ofStatus('answered', (g) => g._count._all),
    rejected: ofStatus('rejected', (g) => g._count._all),
    awaitingReply: Math.max(0, ofStatus('approved', (g) => g._count.replyDueAt) - settled),
    peakViewers,
  }
}

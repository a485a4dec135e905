import type { SessionFigures } from '@openday/protocol'
import type { Question } from '../../generated/sqlite/client.ts'

type FigureQuestion = Pick<Question, 'status' | 'approvedAt' | 'replyDueAt'>

/** A session's figures from its questions (the archive page, which loads them anyway). */
export function figuresOf(qs: FigureQuestion[], peakViewers: number): SessionFigures {
  const count = (f: (q: FigureQuestion) => boolean) => qs.filter(f).length
  return {
    received: qs.length,
    // Counted as approved if the public ever saw it, even if later merged or withdrawn.
    approved: count((q) => q.approvedAt !== null),
    answered: count((q) => q.status === 'answered'),
    rejected: count((q) => q.status === 'rejected'),
    awaitingReply: count((q) => q.status === 'approved' && q.replyDueAt !== null),
    peakViewers,
  }
}

/** One row of questions.countForFigures: a session's questions of one status. */
export interface FigureCounts {
  status: string
  _count: { _all: number; approvedAt: number; replyDueAt: number }
}

/** The same figures as figuresOf, from grouped counts (the archive list: no question is loaded). */
export function figuresFromCounts(groups: FigureCounts[], peakViewers: number): SessionFigures {
  const sum = (f: (g: FigureCounts) => number) => groups.reduce((n, g) => n + f(g), 0)
  const ofStatus = (status: string, f: (g: FigureCounts) => number) => sum((g) => (g.status === status ? f(g) : 0))
  return {
    received: sum((g) => g._count._all),
    approved: sum((g) => g._count.approvedAt),
    answered: ofStatus('answered', (g) => g._count._all),
    rejected: ofStatus('rejected', (g) => g._count._all),
    awaitingReply: ofStatus('approved', (g) => g._count.replyDueAt),
    peakViewers,
  }
}

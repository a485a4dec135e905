import type { HotlineFiguresDto } from '@openday/protocol'

interface FigureRow {
  domainId: string
  appealTypeId: string
  disposition: string
  workOrder: { status: string; dueAt: Date; closedAt: Date | null; satisfaction: string | null; reopenCount: number } | null
}

const tally = (keys: string[]) => {
  const out: Record<string, number> = {}
  for (const k of keys) out[k] = (out[k] ?? 0) + 1
  return out
}

/**
 * A hotline session's figures. Satisfaction is over callbacks made: an order closes only on a
 * satisfied (or basically satisfied) callback, and each unsatisfied one reopened it once, so
 * callbacks = closed orders + reopenings, without a callback history table.
 */
export function figuresOf(rows: FigureRow[]): HotlineFiguresDto {
  const orders = rows.flatMap((r) => (r.workOrder ? [r.workOrder] : []))
  const closed = orders.filter((o) => o.status === 'closed')
  const callbacks = closed.length + orders.reduce((n, o) => n + o.reopenCount, 0)
  return {
    calls: rows.length,
    byDomain: tally(rows.map((r) => r.domainId)),
    byAppealType: tally(rows.map((r) => r.appealTypeId)),
    answered: rows.filter((r) => r.disposition === 'answered').length,
    handedOff: rows.filter((r) => r.disposition === 'handed_off').length,
    closed: closed.length,
    closedOnTime: closed.filter((o) => o.closedAt !== null && o.closedAt <= o.dueAt).length,
    satisfactionRate: callbacks === 0 ? null : Math.round((closed.length / callbacks) * 10_000) / 10_000,
  }
}

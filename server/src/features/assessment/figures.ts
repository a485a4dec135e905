import type { MetricKey, MetricValue } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { count, rate, type UnitFigures } from './scoring.ts'

/** An event is over once its time has passed or all its sessions have ended (a day may end early). */
export const isHeld = (e: { endsAt: Date; sessions: { status: string }[] }, now: Date) =>
  e.endsAt < now || (e.sessions.length > 0 && e.sessions.every((s) => s.status === 'archived'))

/** The year's events (not cancelled) with what the figures need. */
export const yearEvents = (db: Db, year: number) => db.event.findMany({
  where: { year, status: { not: 'cancelled' } },
  include: {
    hostUnits: true,
    sessions: { select: { id: true, status: true, questions: { where: { status: 'answered' }, select: { id: true } } } },
    experience: { include: { versions: { where: { number: 1 }, select: { late: true } } } },
    publicity: { include: { journal: true } },
  },
})

/** Every assessed unit's figures for the year: the units that proposed for it or host its events. */
export async function loadFigures(db: Db, year: number, now: Date): Promise<UnitFigures[]> {
  const events = (await yearEvents(db, year)).filter((e) => isHeld(e, now))
  const proposals = await db.proposal.findMany({ where: { year }, select: { unitId: true, submittedAt: true, late: true } })
  const sessionIds = events.flatMap((e) => e.sessions.map((s) => s.id))
  const tasks = await db.replyTask.findMany({ where: { sessionId: { in: sessionIds }, state: { not: 'dismissed' } }, select: { unitId: true, dueAt: true, firstPublishedAt: true } })
  const orders = await db.workOrder.findMany({ where: { call: { sessionId: { in: sessionIds } } }, select: { unitId: true, status: true, dueAt: true, closedAt: true, reopenCount: true } })
  const ids = new Set([...proposals.map((p) => p.unitId), ...events.flatMap((e) => e.hostUnits.map((h) => h.unitId))])
  const units = await db.unit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, kind: true } })
  return units.map((unit) => {
    const led = events.filter((e) => e.hostUnits.some((h) => h.unitId === unit.id && h.role === 'lead'))
    const joined = events.filter((e) => e.hostUnits.some((h) => h.unitId === unit.id && h.role === 'joint'))
    const mine = proposals.filter((p) => p.unitId === unit.id)
    const myTasks = tasks.filter((t) => t.unitId === unit.id)
    const myOrders = orders.filter((o) => o.unitId === unit.id)
    const closed = myOrders.filter((o) => o.status === 'closed')
    const items = [...led, ...joined].flatMap((e) => e.publicity.filter((p) => p.unitId === unit.id))
    const figures: Record<MetricKey, MetricValue> = {
      proposalOnTime: rate(mine.filter((p) => p.submittedAt && !p.late).length, mine.length),
      eventsLed: count(led.length),
      eventsJoined: count(joined.length),
      formsUsed: count(new Set([...led, ...joined].map((e) => e.form)).size),
      answeredLive: count(led.reduce((n, e) => n + e.sessions.reduce((m, s) => m + s.questions.length, 0), 0)),
      repliesOnTime: rate(myTasks.filter((t) => t.firstPublishedAt && t.firstPublishedAt <= t.dueAt).length, myTasks.length),
      ordersOnTime: rate(closed.filter((o) => o.closedAt! <= o.dueAt).length, myOrders.length),
      // As the hotline figures count it: a close is a satisfied callback, each reopening an unsatisfied one.
      satisfaction: rate(closed.length, closed.length + myOrders.reduce((n, o) => n + o.reopenCount, 0)),
      summaryOnTime: rate(led.filter((e) => e.experience?.versions[0] && !e.experience.versions[0].late).length, led.length),
      publicity: count(items.length),
      journalBonus: count(items.filter((p) => p.journal?.bonus).length),
    }
    return { unit, figures }
  })
}

import type { AssessmentRecordDto, MetricKey } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { formLabel } from '../calendar/labels.ts'
import { isHeld, yearEvents } from './figures.ts'

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null

/** The records behind one unit's figure: each with whether it counted (on time, closed, ...). */
export async function recordsFor(db: Db, year: number, unitId: string, metric: MetricKey, now: Date): Promise<AssessmentRecordDto[]> {
  const events = (await yearEvents(db, year)).filter((e) => isHeld(e, now))
  const role = (e: (typeof events)[number]) => e.hostUnits.find((h) => h.unitId === unitId)?.role
  const led = events.filter((e) => role(e) === 'lead')
  const hosted = events.filter((e) => role(e))
  const sessionIds = hosted.flatMap((e) => e.sessions.map((s) => s.id))
  const eventRecord = (e: (typeof events)[number], detail: string, counts = true) => ({ label: e.theme, date: iso(e.startsAt), detail, counts, link: `/unit/events/${encodeURIComponent(e.id)}` })
  switch (metric) {
    case 'proposalOnTime':
      return (await db.proposal.findMany({ where: { year, unitId }, orderBy: { createdAt: 'asc' } }))
        .map((p) => ({ label: p.theme || '（未命名）', date: iso(p.submittedAt), detail: p.submittedAt ? (p.late ? '逾期报送' : '按时报送') : '未报送', counts: !!p.submittedAt && !p.late, link: null }))
    case 'eventsLed': return led.map((e) => eventRecord(e, formLabel(e.form)))
    case 'eventsJoined': return events.filter((e) => role(e) === 'joint').map((e) => eventRecord(e, formLabel(e.form)))
    case 'formsUsed': return hosted.map((e) => eventRecord(e, formLabel(e.form)))
    case 'answeredLive':
      return (await db.question.findMany({ where: { sessionId: { in: led.flatMap((e) => e.sessions.map((s) => s.id)) }, status: 'answered' }, orderBy: { answeredAt: 'asc' } }))
        .map((q) => ({ label: q.body, date: iso(q.answeredAt), detail: '现场答复', counts: true, link: `/archive/${encodeURIComponent(q.sessionId)}#q-${q.id}` }))
    case 'repliesOnTime':
      return (await db.replyTask.findMany({ where: { unitId, sessionId: { in: sessionIds }, state: { not: 'dismissed' } }, include: { question: true, opinion: true }, orderBy: { dueAt: 'asc' } }))
        .map((t) => {
          const onTime = !!t.firstPublishedAt && t.firstPublishedAt <= t.dueAt
          return { label: t.question?.body ?? t.opinion!.body, date: iso(t.firstPublishedAt), detail: t.firstPublishedAt ? (onTime ? '按时答复' : '逾期答复') : '未答复', counts: onTime, link: `/archive/${encodeURIComponent(t.sessionId)}#${t.questionId ? `q-${t.questionId}` : `o-${t.opinionId!}`}` }
        })
    case 'ordersOnTime':
    case 'satisfaction':
      return (await db.workOrder.findMany({ where: { unitId, call: { sessionId: { in: events.flatMap((e) => e.sessions.map((s) => s.id)) } } }, include: { call: { select: { content: true } } }, orderBy: { createdAt: 'asc' } }))
        .map((o) => {
          const counts = metric === 'ordersOnTime' ? !!o.closedAt && o.closedAt <= o.dueAt : o.status === 'closed'
          const detail = metric === 'ordersOnTime' ? (o.closedAt ? (o.closedAt <= o.dueAt ? '按时办结' : '逾期办结') : '未办结') : `回访：${o.satisfaction ?? '未回访'}，重办 ${o.reopenCount} 次`
          return { label: o.call.content.slice(0, 80), date: iso(o.closedAt), detail, counts, link: '/console/work-orders' }
        })
    case 'summaryOnTime':
      return led.map((e) => {
        const first = e.experience?.versions[0]
        return eventRecord(e, first ? (first.late ? '逾期报送' : '按时报送') : '未报送', !!first && !first.late)
      })
    case 'publicity':
    case 'journalBonus':
      return hosted.flatMap((e) => e.publicity.filter((p) => p.unitId === unitId && (metric === 'publicity' || p.journal?.bonus)))
        .map((p) => ({ label: p.title, date: `${p.date}T00:00:00.000Z`, detail: p.journal ? `${p.journal.name}${p.journal.bonus ? '（加分刊物）' : ''}` : p.source, counts: true, link: p.url || null }))
  }
}

import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { localDateTime, type Sheet } from '../../lib/sheet.ts'
import { type Actor, isSessionStaff } from '../auth/actor.ts'
import { onTime } from './dto.ts'

export const QUESTION_HEADERS = ['提问时间', '网友昵称', '提问内容', '会前征集', '状态', '未采用理由', '现场答复', '答复人', '现场答复时间', '书面答复', '答复时限', '书面答复时间', '按时答复', '更正次数'] as const

const STATUS_LABEL: Record<string, string> = {
  pending: '待审核', approved: '已采用', answering: '回答中', answered: '已现场答复', rejected: '未采用', merged: '已合并',
}

/**
 * A session's questions as a sheet, each in its final state with the live answer and the written
 * reply (its latest published text). The bodies are as stored: already masked at submission.
 * For the admin, the editors of the event's host units and the session's staff.
 */
export async function questionsSheet(db: Db, sessionId: string, actor: Actor, timeZone: string): Promise<{ sheet: Sheet; title: string }> {
  const s = await db.session.findUnique({ where: { id: sessionId }, select: { id: true, title: true, event: { select: { hostUnits: { select: { unitId: true } } } } } })
  const hostEditor = actor.role === 'unit_editor' && !!actor.unitId && !!s?.event.hostUnits.some((h) => h.unitId === actor.unitId)
  if (!s || !(hostEditor || (await isSessionStaff(db, actor, sessionId)))) throw new AppError('NOT_FOUND', 'no such session')
  const qs = await db.question.findMany({
    where: { sessionId },
    include: { replyTask: { include: { versions: { orderBy: { number: 'asc' } } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  const rows = qs.map((q) => {
    const t = q.replyTask
    const last = t?.versions.at(-1)
    const timely = t ? onTime(t) : null
    return [
      localDateTime(q.createdAt, timeZone), q.nickname, q.body, q.preEvent ? '是' : '否', STATUS_LABEL[q.status] ?? q.status,
      q.rejectReason ?? '', q.answer ?? '', q.answeredBy ?? '', localDateTime(q.answeredAt, timeZone),
      t?.state === 'dismissed' ? `不予答复：${t.reason ?? ''}` : last?.body ?? '',
      t ? localDateTime(t.dueAt, timeZone) : '', t?.firstPublishedAt ? localDateTime(t.firstPublishedAt, timeZone) : '',
      timely === null ? '' : timely ? '是' : '否', t ? Math.max(0, t.versions.length - 1) : '',
    ]
  })
  return { sheet: { name: '网友提问', headers: [...QUESTION_HEADERS], rows }, title: s.title }
}

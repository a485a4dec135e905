import { useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PolicyQuestionStaffDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { policiesApi } from './api.ts'

/** Citizens' questions on the policy's page after the briefing: the lead unit publishes one (a written reply is then owed) or not. */
export function PolicyQuestions({ eventId, policyId, canManage, onChanged }: { eventId: string; policyId: string; canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation('policies')
  const { user } = useAuth()
  const { data, error, reload, setData } = useAsync(() => policiesApi.questions(eventId, policyId), `policy-questions:${policyId}`)
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const step = useAction<PolicyQuestionStaffDto>((q) => { setData((qs) => qs?.map((x) => (x.id === q.id ? q : x))); onChanged() })
  const repliesPath = user?.role === 'admin' ? '/admin/replies' : '/unit/replies'
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  return (
    <div className="space-y-2" data-testid="policy-questions">
      <h4 className="text-sm font-bold text-slate-900">{t('panel.questions')}</h4>
      {data.length === 0 && <p className="text-sm text-slate-600">{t('panel.noQuestions')}</p>}
      <ul className="space-y-2">
        {data.map((q) => (
          <li key={q.id} className="rounded border border-slate-200 p-2 text-sm" data-testid="policy-staff-question" data-question-id={q.id} data-status={q.status}>
            <p className="text-xs text-slate-600">{q.nickname} · {formatDate(q.createdAt, i18n.language)} · <span data-testid="policy-staff-question-status">{t(`panel.statuses.${q.status}`)}</span></p>
            <p className="user-text mt-1 text-slate-900">{q.body}</p>
            {q.sensitiveHits.length > 0 && <p className="mt-1 text-xs text-amber-900">{t('panel.hits', { words: q.sensitiveHits.join('、') })}</p>}
            {q.rejectReason && q.status === 'rejected' && <p className="mt-1 text-xs text-slate-600">{t('panel.rejected', { reason: q.rejectReason })}</p>}
            {q.reply && (
              <p className="mt-1 text-xs text-slate-700">
                {q.reply.published ? t('panel.replyPublished') : t('panel.replyDue', { at: formatDate(q.reply.dueAt, i18n.language) })}
                {' '}<Link to={repliesPath} className="text-accent underline" data-testid="policy-question-to-replies">{t('panel.toReplies')}</Link>
              </p>
            )}
            {canManage && q.status === 'pending' && (
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <button type="button" className="btn-primary py-1" disabled={step.busy} onClick={() => void step.run(() => policiesApi.approve(eventId, policyId, q.id))} data-testid="policy-question-approve">{t('panel.approve')}</button>
                <div>
                  <label className="label" htmlFor={`reason-${q.id}`}>{t('panel.reason')}</label>
                  <input id={`reason-${q.id}`} className="input" maxLength={200} value={reasons[q.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [q.id]: e.target.value })} data-testid="policy-question-reason" />
                </div>
                <button type="button" className="btn-secondary py-1" disabled={step.busy || !(reasons[q.id] ?? '').trim()} onClick={() => void step.run(() => policiesApi.reject(eventId, policyId, q.id, reasons[q.id]!))} data-testid="policy-question-reject">{t('panel.reject')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {step.error && <ErrorMessage error={step.error} testId="policy-question-error" />}
    </div>
  )
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { QuestionStaffDto } from '@openday/protocol'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { emitAck } from '../lib/socket.ts'
import { AnswerBlock } from '../live/QuestionList.tsx'
import type { AnyQuestion } from '../live/store.ts'

interface Props {
  open: AnyQuestion[]
  answered: AnyQuestion[]
  upvotesOf: (q: AnyQuestion) => number
  closed: boolean
  onUpdated: (q: QuestionStaffDto) => void
}

function OpenQuestion({ q, upvotes, closed, onUpdated }: { q: AnyQuestion; upvotes: number; closed: boolean; onUpdated: (q: QuestionStaffDto) => void }) {
  const { t } = useTranslation()
  const [answer, setAnswer] = useState('')
  const { busy, error, run } = useAction<QuestionStaffDto>(onUpdated)
  const answering = q.status === 'answering'

  return (
    <li data-testid="question-item" data-question-id={q.id} data-status={q.status}
      className={`rounded border p-3 ${answering ? 'border-accent bg-accent-soft ring-1 ring-accent' : 'border-slate-200 bg-white'}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700" data-testid="question-nickname">{q.nickname}</span>
        <span data-testid="upvote-count" data-value={upvotes}>{t('question.upvotesN', { n: upvotes })}</span>
        <span className="flex-1" />
        <QuestionStatusBadge status={q.status} />
      </div>
      <p className="user-text mt-1 text-[15px] text-slate-900" data-testid="question-body">{q.body}</p>
      {!closed && (
        <div className="mt-2 space-y-2">
          {!answering && (
            <button type="button" className="btn-secondary py-1" disabled={busy} data-testid="mark-answering"
              onClick={() => void run(() => emitAck('question:answering', { questionId: q.id }))}>
              {t('host.markAnswering')}
            </button>
          )}
          <form className="flex flex-col gap-2 sm:flex-row sm:items-end" data-testid="answer-form"
            onSubmit={(e) => {
              e.preventDefault()
              const text = answer.trim()
              if (text) void run(() => emitAck('question:answer', { questionId: q.id, answer: text }), () => setAnswer(''))
            }}>
            <textarea className="input min-h-16 flex-1" rows={2} maxLength={5000} value={answer} onChange={(e) => setAnswer(e.target.value)}
              placeholder={t('host.answerPlaceholder')} aria-label={t('host.answerLabel')} data-testid="answer-input" />
            <button type="submit" className="btn-primary" disabled={busy || !answer.trim()} data-testid="answer-submit">{t('host.answer')}</button>
          </form>
        </div>
      )}
      {error && <div className="mt-2"><ErrorMessage error={error} testId="question-action-error" /></div>}
    </li>
  )
}

/** The approved questions, most upvoted first, with the controls the studio needs to take them. */
export function HostQuestionQueue({ open, answered, upvotesOf, closed, onUpdated }: Props) {
  const { t } = useTranslation()
  const { t: te } = useTranslation('events')
  // Questions sent on the preview page before the session opened (预约提问) are a group of their own.
  const early = open.filter((q) => q.preEvent)
  const live = open.filter((q) => !q.preEvent)
  return (
    <div className="space-y-3">
      {early.length > 0 && (
        <section aria-labelledby="host-pre-event-title" className="rounded border border-amber-200 bg-amber-50/40 p-2" data-testid="host-pre-event-group">
          <h3 id="host-pre-event-title" className="mb-2 text-sm font-bold text-amber-900">{te('preEventGroup', { n: early.length })}</h3>
          <ul className="space-y-2" data-testid="host-pre-event-queue">
            {early.map((q) => <OpenQuestion key={q.id} q={q} upvotes={upvotesOf(q)} closed={closed} onUpdated={onUpdated} />)}
          </ul>
        </section>
      )}
      {live.length === 0 ? (
        early.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="host-question-queue-empty">{t('host.queueEmpty')}</p>
      ) : (
        <ul className="space-y-2" data-testid="host-question-queue">
          {live.map((q) => <OpenQuestion key={q.id} q={q} upvotes={upvotesOf(q)} closed={closed} onUpdated={onUpdated} />)}
        </ul>
      )}
      {answered.length > 0 && (
        <details className="rounded border border-slate-200 p-2" data-testid="host-answered-list">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">{t('host.answered', { n: answered.length })}</summary>
          <ul className="mt-2 space-y-2">
            {answered.map((q) => (
              <li key={q.id} className="border-b border-slate-100 pb-2 last:border-b-0" data-testid="question-item" data-question-id={q.id} data-status={q.status}>
                <p className="user-text text-sm text-slate-900">{q.body}</p>
                <AnswerBlock question={q} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

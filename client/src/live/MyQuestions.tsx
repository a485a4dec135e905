import { useTranslation } from 'react-i18next'
import type { QuestionDto } from '@openday/protocol'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { formatDate } from '../lib/format.ts'
import { AnswerBlock } from './QuestionList.tsx'

/** The citizen's own questions on this device, in every state, including the ones nobody else sees. */
export function MyQuestions({ questions }: { questions: QuestionDto[] }) {
  const { t, i18n } = useTranslation()
  if (questions.length === 0) return null
  return (
    <section className="card p-4" data-testid="my-questions" aria-labelledby="my-questions-title">
      <h2 id="my-questions-title" className="section-title">{t('mine.title')}</h2>
      <ul className="mt-3 space-y-2">
        {questions.map((q) => (
          <li key={q.id} className="rounded border border-slate-200 p-3" data-testid="my-question-item" data-question-id={q.id} data-status={q.status}>
            <div className="flex items-center gap-2 text-xs text-slate-500">
              <time dateTime={q.createdAt}>{formatDate(q.createdAt, i18n.language)}</time>
              <span className="flex-1" />
              <QuestionStatusBadge status={q.status} />
            </div>
            <p className="user-text mt-1 text-sm text-slate-900">{q.body}</p>
            <p className="mt-1 text-xs text-slate-600" data-testid="my-question-state">{t(`mine.explain.${q.status}`)}</p>
            {q.status === 'rejected' && q.rejectReason && (
              <p className="mt-1 text-xs text-red-800" data-testid="my-question-reject-reason">
                {t('mine.rejectReason')}<span className="user-text">{q.rejectReason}</span>
              </p>
            )}
            {q.status === 'merged' && q.mergedIntoId && (
              <a href={`#q-${q.mergedIntoId}`} className="mt-1 inline-block text-xs text-accent underline" data-testid="my-question-merged-link">
                {t('mine.seeMerged')}
              </a>
            )}
            <AnswerBlock question={q} />
          </li>
        ))}
      </ul>
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import type { QuestionDto } from '@openday/protocol'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { formatDate } from '../lib/format.ts'

export function AnswerBlock({ question }: { question: QuestionDto }) {
  const { t, i18n } = useTranslation()
  if (!question.answer) return null
  return (
    <div className="mt-2 rounded border-l-4 border-blue-800 bg-blue-50/60 px-3 py-2" data-testid="question-answer">
      <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-blue-900">
        <span className="font-bold">{t('question.answer')}</span>
        {question.answeredBy && <span data-testid="question-answered-by">{question.answeredBy}</span>}
        {question.answeredAt && <time dateTime={question.answeredAt}>{formatDate(question.answeredAt, i18n.language)}</time>}
      </div>
      <p className="user-text text-sm leading-relaxed text-slate-800">{question.answer}</p>
    </div>
  )
}

interface ItemProps {
  question: QuestionDto
  upvotes: number
  voted: boolean
  canVote: boolean
  onUpvote?: (q: QuestionDto) => void
}

export function PublicQuestionItem({ question: q, upvotes, voted, canVote, onUpvote }: ItemProps) {
  const { t, i18n } = useTranslation()
  const answering = q.status === 'answering'
  const votable = canVote && (q.status === 'approved' || q.status === 'answering')
  return (
    <li id={`q-${q.id}`} data-testid="question-item" data-question-id={q.id} data-status={q.status}
      className={`rounded border p-3 ${answering ? 'border-accent bg-accent-soft ring-1 ring-accent' : 'border-slate-200 bg-white'}`}>
      <div className="flex items-center gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700" data-testid="question-nickname">{q.nickname}</span>
        <time dateTime={q.createdAt}>{formatDate(q.createdAt, i18n.language)}</time>
        <span className="flex-1" />
        <QuestionStatusBadge status={q.status} />
      </div>
      <p className="user-text mt-1 text-[15px] leading-relaxed text-slate-900" data-testid="question-body">{q.body}</p>
      <AnswerBlock question={q} />
      <div className="mt-2 flex items-center justify-end gap-2">
        {votable && onUpvote ? (
          <button type="button" onClick={() => onUpvote(q)} disabled={voted} aria-pressed={voted}
            className={`btn py-1 ${voted ? 'border border-slate-200 bg-slate-100 text-slate-500' : 'border border-accent text-accent hover:bg-accent-soft'}`}
            data-testid="upvote-button" data-voted={voted ? 'true' : 'false'}>
            <span aria-hidden="true">▲</span>
            {voted ? t('question.upvoted') : t('question.upvote')}
            <span className="font-bold" data-testid="upvote-count">{upvotes}</span>
          </button>
        ) : (
          <span className="text-xs text-slate-500">
            {t('question.upvotesLabel')} <span className="font-bold" data-testid="upvote-count">{upvotes}</span>
          </span>
        )}
      </div>
    </li>
  )
}

import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type AnswerValue, isEmpty, type PollDto, answerProblem } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { emitWithRetry } from '../lib/socket.ts'
import { QuestionInput } from '../surveys/QuestionInput.tsx'
import { ResultView } from '../surveys/ResultView.tsx'
import { figuresOf, hasVoted, type PollsAction, type PollsState, visiblePolls } from './store.ts'

/** A poll as a viewer meets it: the question while open, their vote acked, the figures when they may see them. */
export function PollCard({ poll: p, polls, dispatch }: { poll: PollDto; polls: PollsState; dispatch: (a: PollsAction) => void }) {
  const { t } = useTranslation('polls')
  const [value, setValue] = useState<AnswerValue | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [invalid, setInvalid] = useState(false)
  const sent = useRef(false)
  const voted = hasVoted(polls, p)
  const figures = figuresOf(polls, p)
  const open = p.state === 'open'

  const vote = async () => {
    setError(null)
    if (isEmpty(value) || answerProblem(p.question, value!)) { setInvalid(true); return }
    setInvalid(false)
    setBusy(true)
    sent.current = true
    try {
      const r = await emitWithRetry('poll:vote', { pollId: p.id, round: p.round, answer: value! })
      dispatch({ type: 'pollVoted', pollId: p.id, round: r.round, results: r.results })
    } catch (err) {
      const e = toApiError(err)
      // This device voted already (another tab, before a reload): its vote stands.
      if (e.code === 'ALREADY_ANSWERED') dispatch({ type: 'pollVoted', pollId: p.id, round: p.round, results: null })
      else setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <article className="card p-4" data-testid="poll-card" data-poll-id={p.id} data-state={p.state} aria-labelledby={`poll-${p.id}-label`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${open ? 'bg-accent text-white' : 'bg-slate-100 text-slate-700'}`}>{t(`state.${p.state}`)}</span>
        {p.round > 1 && <span className="text-xs text-slate-600">{t('round', { n: p.round })}</span>}
      </div>
      <h3 id={`poll-${p.id}-label`} className="mt-2 text-lg font-bold text-slate-900">
        <span id={`poll-${p.id}-${p.question.id}-label`}>{p.question.title}</span>
      </h3>
      {open && !voted && (
        <div className="mt-2">
          <QuestionInput question={p.question} value={value} onChange={setValue} idPrefix={`poll-${p.id}`} disabled={busy} invalid={invalid} />
          {invalid && <p className="mt-1 text-sm text-red-700" data-testid="poll-invalid">{t('invalid')}</p>}
          {error && <div className="mt-2"><ErrorMessage error={error} testId="poll-error" /></div>}
          <button type="button" className="btn-primary mt-3 min-h-11 w-full sm:w-auto" disabled={busy} onClick={vote} data-testid="poll-vote">
            {busy ? t('voting') : t('vote')}
          </button>
        </div>
      )}
      {voted && open && <p role="status" className="mt-2 rounded bg-green-50 p-2 text-sm text-green-800" data-testid="poll-voted">{t('voted')}</p>}
      {figures ? (
        <div className="mt-3" data-testid="poll-results"><p className="mb-1 text-sm text-slate-600">{t('votes', { n: figures.votes })}</p><ResultView result={figures.result} /></div>
      ) : (
        !open && <p className="mt-2 text-sm text-slate-600" data-testid="poll-results-hidden">{t('resultsLater')}</p>
      )}
    </article>
  )
}

/** The session's polls for its viewers (nothing at all while there are none). */
export function PollsSection({ polls, dispatch }: { polls: PollsState; dispatch: (a: PollsAction) => void }) {
  const { t } = useTranslation('polls')
  const list = visiblePolls(polls)
  if (list.length === 0) return null
  return (
    <section id="polls" className="space-y-2" aria-labelledby="polls-title" data-testid="polls-section">
      <h2 id="polls-title" className="section-title">{t('title')}</h2>
      {list.map((p) => <PollCard key={`${p.id}:${p.round}`} poll={p} polls={polls} dispatch={dispatch} />)}
    </section>
  )
}

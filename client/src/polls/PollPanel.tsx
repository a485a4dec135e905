import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { POLL_KINDS, POLL_VISIBILITY, PollQuestion, type PollDto, type PollKind, type PollVisibility } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { newClientId } from '../lib/ids.ts'
import { emitAck, emitWithRetry } from '../lib/socket.ts'
import { ResultView } from '../surveys/ResultView.tsx'
import { figuresOf, type PollsAction, type PollsState } from './store.ts'

/** What the form holds, turned into a poll question (checked with the server's own schema before sending). */
function toQuestion(kind: PollKind, title: string, optionLines: string, max: string, scale: string) {
  const options = ['single', 'multiple', 'ranking'].includes(kind)
    ? optionLines.split('\n').map((l) => l.trim()).filter(Boolean).map((label, i) => ({ id: `o${i + 1}`, label }))
    : []
  return PollQuestion.safeParse({
    id: 'q', kind, title, options,
    ...(kind === 'multiple' && max ? { max: Number(max) } : {}),
    ...(kind === 'rating' ? { scale: Number(scale) } : {}),
  })
}

function NewPoll({ sessionId, dispatch }: { sessionId: string; dispatch: (a: PollsAction) => void }) {
  const { t } = useTranslation('polls')
  const [kind, setKind] = useState<PollKind>('single')
  const [title, setTitle] = useState('')
  const [options, setOptions] = useState('')
  const [max, setMax] = useState('')
  const [scale, setScale] = useState('5')
  const [visibility, setVisibility] = useState<PollVisibility>('always')
  const [invalid, setInvalid] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const q = toQuestion(kind, title, options, max, scale)
    if (!q.success) { setInvalid(String(q.error.issues[0]?.path[0] ?? 'title')); return }
    setInvalid(null)
    setBusy(true)
    try {
      const poll = await emitWithRetry('poll:create', { sessionId, clientId: newClientId(), question: q.data, visibility })
      dispatch({ type: 'pollAck', poll })
      setTitle('')
      setOptions('')
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const choices = kind === 'single' || kind === 'multiple' || kind === 'ranking'
  return (
    <form onSubmit={submit} className="space-y-2" data-testid="poll-form" noValidate>
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor="poll-kind">{t('kind')}</label>
          <select id="poll-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as PollKind)} data-testid="poll-kind">
            {POLL_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="poll-visibility">{t('visibility')}</label>
          <select id="poll-visibility" className="input" value={visibility} onChange={(e) => setVisibility(e.target.value as PollVisibility)} data-testid="poll-visibility">
            {POLL_VISIBILITY.map((v) => <option key={v} value={v}>{t(`visibilities.${v}`)}</option>)}
          </select>
        </div>
      </div>
      <div>
        <label className="label" htmlFor="poll-title">{t('question')}</label>
        <input id="poll-title" className="input" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={invalid === 'title'} data-testid="poll-title" />
      </div>
      {choices && (
        <div>
          <label className="label" htmlFor="poll-options">{t('options')}</label>
          <textarea id="poll-options" className="input min-h-24" value={options} onChange={(e) => setOptions(e.target.value)} aria-invalid={invalid === 'options'} aria-describedby="poll-options-help" data-testid="poll-options" />
          <p id="poll-options-help" className="mt-1 text-xs text-slate-600">{t('optionsHelp')}</p>
        </div>
      )}
      {kind === 'multiple' && (
        <div>
          <label className="label" htmlFor="poll-max">{t('max')}</label>
          <input id="poll-max" type="number" min={1} className="input max-w-32" value={max} onChange={(e) => setMax(e.target.value)} aria-invalid={invalid === 'max'} />
        </div>
      )}
      {kind === 'rating' && (
        <div>
          <label className="label" htmlFor="poll-scale">{t('scale')}</label>
          <select id="poll-scale" className="input max-w-32" value={scale} onChange={(e) => setScale(e.target.value)}>
            <option value="5">1–5</option><option value="10">1–10</option>
          </select>
        </div>
      )}
      {invalid && <p className="text-sm text-red-700" data-testid="poll-form-invalid">{t(invalid === 'options' ? 'needOptions' : invalid === 'max' ? 'badMax' : 'needTitle')}</p>}
      {error && <ErrorMessage error={error} testId="poll-form-error" />}
      <button type="submit" className="btn-primary" disabled={busy} data-testid="poll-create">{t('create')}</button>
    </form>
  )
}

function StaffPoll({ poll: p, polls, dispatch, live }: { poll: PollDto; polls: PollsState; dispatch: (a: PollsAction) => void; live: boolean }) {
  const { t } = useTranslation('polls')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const figures = figuresOf(polls, p)
  const run = async (event: 'poll:open' | 'poll:close' | 'poll:show') => {
    setError(null)
    setBusy(true)
    try {
      dispatch({ type: 'pollAck', poll: await emitAck(event, { pollId: p.id }) })
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <li className="rounded border border-slate-200 p-3" data-testid="staff-poll" data-poll-id={p.id} data-state={p.state}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-700">{t(`state.${p.state}`)}{p.round > 0 && ` · ${t('round', { n: p.round })}`}</span>
        <span className="text-xs text-slate-600">{t(`kinds.${p.question.kind as PollKind}`)} · {t(`visibilities.${p.visibility}`)}</span>
      </div>
      <p className="mt-1 font-medium text-slate-900">{p.question.title}</p>
      {figures && <div className="mt-2"><p className="text-xs text-slate-600" data-testid="staff-poll-votes">{t('votes', { n: figures.votes })}</p><ResultView result={figures.result} /></div>}
      {error && <div className="mt-2"><ErrorMessage error={error} testId="staff-poll-error" /></div>}
      <div className="mt-2 flex flex-wrap gap-2">
        {p.state !== 'open' && live && (
          <button type="button" className="btn-primary py-1" disabled={busy} onClick={() => run('poll:open')} data-testid="poll-open">
            {p.state === 'draft' ? t('open') : t('runAgain')}
          </button>
        )}
        {p.state === 'open' && <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => run('poll:close')} data-testid="poll-close">{t('close')}</button>}
        {p.state === 'closed' && <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => run('poll:show')} data-testid="poll-show">{t('show')}</button>}
        {p.state !== 'draft' && (
          <Link className="btn-secondary py-1" to={`/present/${encodeURIComponent(p.sessionId)}?poll=${encodeURIComponent(p.id)}`} target="_blank" data-testid="poll-present">{t('present')}</Link>
        )}
      </div>
    </li>
  )
}

/** The staff's polls card in the host and moderator consoles. */
export function PollPanel({ sessionId, polls, dispatch, live, closed }: { sessionId: string; polls: PollsState; dispatch: (a: PollsAction) => void; live: boolean; closed: boolean }) {
  const { t } = useTranslation('polls')
  const list = Object.values(polls.polls).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  return (
    <section className="card space-y-3 p-4" aria-labelledby="poll-panel-title" data-testid="poll-panel">
      <h2 id="poll-panel-title" className="section-title">{t('panel')}</h2>
      {!closed && <NewPoll sessionId={sessionId} dispatch={dispatch} />}
      {!live && !closed && <p className="text-xs text-slate-600">{t('opensWhenLive')}</p>}
      {list.length > 0 && <ul className="space-y-2">{list.map((p) => <StaffPoll key={p.id} poll={p} polls={polls} dispatch={dispatch} live={live} />)}</ul>}
    </section>
  )
}

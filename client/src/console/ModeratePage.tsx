import { useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { QuestionStaffDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { api, toApiError, type ApiError } from '../lib/api.ts'
import { emitAck } from '../lib/socket.ts'
import { useAsync } from '../lib/useAsync.ts'
import { pendingQueue, questionsWithStatus, type AnyQuestion } from '../live/store.ts'
import { useLiveSession } from '../live/useLiveSession.ts'
import { PollPanel } from '../polls/PollPanel.tsx'
import { usePolls } from '../polls/usePolls.ts'
import { ModerationItem, type ModMode } from './ModerationItem.tsx'
import { StaffSessionBar } from './StaffSessionBar.tsx'
import { ShortcutHelp, useModerationKeys } from './shortcuts.tsx'

function DoneList({ title, questions, testId }: { title: string; questions: AnyQuestion[]; testId: string }) {
  const { t } = useTranslation()
  return (
    <details className="card p-3" data-testid={testId} data-count={questions.length} open={questions.length > 0 && questions.length <= 20}>
      <summary className="cursor-pointer text-sm font-bold text-slate-800">{title} ({questions.length})</summary>
      <ul className="mt-2 space-y-1">
        {questions.map((q) => (
          <li key={q.id} className="border-b border-slate-100 py-1 text-sm last:border-b-0" data-testid="question-item" data-question-id={q.id} data-status={q.status}>
            <div className="flex items-center gap-2">
              <QuestionStatusBadge status={q.status} />
              <span className="text-xs text-slate-500">{q.nickname}</span>
            </div>
            <p className="user-text text-slate-800">{q.body}</p>
            {q.rejectReason && <p className="text-xs text-slate-500">{t('mine.rejectReason')}{q.rejectReason}</p>}
          </li>
        ))}
      </ul>
    </details>
  )
}

export function ModeratePage() {
  const { sessionId = '' } = useParams()
  const { t } = useTranslation()
  const info = useAsync(() => api.session(sessionId), `session:${sessionId}`)
  const { polls, observe, dispatch: dispatchPolls } = usePolls(sessionId)
  const { state, dispatch, rejoin, connectError } = useLiveSession(sessionId, true, observe)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [mode, setMode] = useState<ModMode>('none')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [help, setHelp] = useState(false)
  const lastIndex = useRef(0)

  const queue = pendingQueue(state)
  // Selection follows the question, not the position: when the selected one leaves the queue
  // (approved here or by a colleague), the one that took its place is selected.
  let index = queue.findIndex((q) => q.id === selectedId)
  if (index < 0 && queue.length > 0) index = Math.min(lastIndex.current, queue.length - 1)
  const selected = index >= 0 ? queue[index]! : null
  useEffect(() => {
    if (index >= 0) lastIndex.current = index
  }, [index])

  const candidates = selected ? [...questionsWithStatus(state, ['approved', 'answering', 'answered']), ...queue].filter((q) => q.id !== selected.id) : []

  const run = async (action: () => Promise<QuestionStaffDto>) => {
    setBusy(true)
    setError(null)
    try {
      const q = await action()
      dispatch({ type: 'questionAck', question: q })
      setMode('none')
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const approve = (q: AnyQuestion, body?: string) =>
    run(() => emitAck('question:approve', body !== undefined && body !== q.body ? { questionId: q.id, body } : { questionId: q.id }))
  const reject = (q: AnyQuestion, reason: string) => run(() => emitAck('question:reject', { questionId: q.id, reason }))
  const merge = (q: AnyQuestion, intoId: string) => run(() => emitAck('question:merge', { questionId: q.id, intoId }))

  const move = (delta: number) => {
    if (queue.length === 0) return
    const next = Math.max(0, Math.min(queue.length - 1, (index < 0 ? 0 : index) + delta))
    setSelectedId(queue[next]!.id)
    setMode('none')
  }

  useModerationKeys({
    enabled: mode === 'none' && !busy,
    onNext: () => move(1),
    onPrev: () => move(-1),
    onApprove: () => selected && void approve(selected),
    onEdit: () => selected && setMode('edit'),
    onReject: () => selected && setMode('reject'),
    onMerge: () => selected && setMode('merge'),
    onHelp: () => setHelp((h) => !h),
    onEscape: () => {
      setHelp(false)
      setMode('none')
    },
  })

  const forbidden = state.synced && !state.staff
  const approved = questionsWithStatus(state, ['approved', 'answering'])
  const answered = questionsWithStatus(state, ['answered'])
  const rejected = questionsWithStatus(state, ['rejected'])
  const merged = questionsWithStatus(state, ['merged'])

  return (
    <div className="space-y-3" data-testid="moderate-page" data-session-id={sessionId}>
      <StaffSessionBar title={t('moderate.title')} event={info.data?.event} session={state.session ?? info.data?.session ?? null} state={state} />
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {forbidden && <ErrorMessage error={{ code: 'FORBIDDEN' }} testId="not-staff" text={t('console.notStaff')} />}
      {!state.synced && !state.joinError && <Loading />}
      {error && <ErrorMessage error={error} testId="action-error" />}

      <div className="flex items-center justify-between">
        <h2 className="section-title">
          {t('moderate.pending')} <span className="text-sm font-normal text-slate-500" data-testid="pending-count">{queue.length}</span>
        </h2>
        <button type="button" className="text-xs text-slate-500 underline" onClick={() => setHelp((h) => !h)} data-testid="shortcuts-toggle">
          {t('moderate.shortcutsButton')}
        </button>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}

      {queue.length === 0 ? (
        <p className="card py-8 text-center text-sm text-slate-500" data-testid="pending-queue-empty">{t('moderate.queueEmpty')}</p>
      ) : (
        <ul className="space-y-2" data-testid="pending-queue">
          {queue.map((q) => (
            <ModerationItem key={q.id} question={q} selected={selected?.id === q.id} mode={selected?.id === q.id ? mode : 'none'} busy={busy}
              candidates={candidates} onSelect={() => setSelectedId(q.id)}
              onMode={(m) => { setSelectedId(q.id); setMode(m) }}
              onApprove={(body) => void approve(q, body)} onReject={(r) => void reject(q, r)} onMerge={(id) => void merge(q, id)} />
          ))}
        </ul>
      )}

      <div className="grid gap-3 md:grid-cols-2">
        <DoneList title={t('moderate.approvedList')} questions={approved} testId="approved-list" />
        <DoneList title={t('moderate.answeredList')} questions={answered} testId="answered-list" />
        <DoneList title={t('moderate.rejectedList')} questions={rejected} testId="rejected-list" />
        <DoneList title={t('moderate.mergedList')} questions={merged} testId="merged-list" />
      </div>
      {state.staff && (
        <PollPanel sessionId={sessionId} polls={polls} dispatch={dispatchPolls} live={(state.session ?? info.data?.session)?.status === 'live'}
          closed={['ended', 'archived'].includes((state.session ?? info.data?.session)?.status ?? '')} />
      )}
    </div>
  )
}

import { lazy, Suspense, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { QuestionDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { api, toApiError, type ApiError, type SessionPageDto } from '../lib/api.ts'
import { emitAck } from '../lib/socket.ts'
import { useAsync } from '../lib/useAsync.ts'
import { forgetVote, loadMyQuestions, loadVotes, saveVote } from './device.ts'
import { MyQuestions } from './MyQuestions.tsx'
import { QuestionForm } from './QuestionForm.tsx'
import { PublicQuestionItem } from './QuestionList.tsx'
import { SessionHeader } from './SessionHeader.tsx'
import { answeringNow, myQuestions, publicQuestions, upvotesOf } from './store.ts'
import { LoadOlder } from './LoadOlder.tsx'
import { TranscriptList } from './TranscriptList.tsx'
import { useLiveSession } from './useLiveSession.ts'
import { PollsSection } from '../polls/PollCard.tsx'
import { usePolls } from '../polls/usePolls.ts'

// mediasoup-client is a quarter of a megabyte: only video sessions download it.
const VideoStage = lazy(() => import('../media/Stage.tsx').then((m) => ({ default: m.VideoStage })))
// Likewise the charts library: only hotline days show the board of calls.
const HotlineRoom = lazy(() => import('../hotline/HotlineRoom.tsx').then((m) => ({ default: m.HotlineRoom })))

export function ArchivedBanner({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation()
  return (
    <div className="rounded border border-blue-200 bg-blue-50 p-4" data-testid="archived-banner">
      <p className="text-sm text-blue-900">{t('live.archivedNotice')}</p>
      <Link to={`/archive/${encodeURIComponent(sessionId)}`} className="btn-primary mt-2" data-testid="archived-link">
        {t('live.goToArchive')}
      </Link>
    </div>
  )
}

function LiveRoom({ sessionId, data }: { sessionId: string; data: SessionPageDto }) {
  const { t } = useTranslation()
  const { polls, observe, dispatch: dispatchPolls } = usePolls(sessionId)
  const { state, dispatch, rejoin, connectError, loadOlder } = useLiveSession(sessionId, true, observe)
  const [voted, setVoted] = useState(() => new Set(loadVotes()))
  const [voteError, setVoteError] = useState<ApiError | null>(null)
  const [mine, setMine] = useState(() => loadMyQuestions(sessionId))

  const session = state.session ?? data.session
  const closed = session.status === 'ended' || session.status === 'archived'
  const questions = publicQuestions(state)
  const now = answeringNow(state)
  const mineList = myQuestions(state, mine)
  const transcript = state.transcript.map((x) => x.entry)

  const upvote = async (q: QuestionDto) => {
    setVoteError(null)
    setVoted((s) => new Set(s).add(q.id))
    saveVote(q.id) // optimistic: the button is disabled at once, so a double tap is one vote
    try {
      const res = await emitAck('question:upvote', { questionId: q.id })
      dispatch({ type: 'voteAck', questionId: res.questionId, upvotes: res.upvotes })
    } catch (err) {
      const e = toApiError(err)
      // CONFLICT means this device had already voted: the vote stands.
      if (e.code !== 'CONFLICT') {
        forgetVote(q.id)
        setVoted((s) => {
          const next = new Set(s)
          next.delete(q.id)
          return next
        })
        setVoteError(e)
      }
    }
  }

  const onSubmitted = (q: QuestionDto) => {
    dispatch({ type: 'questionAck', question: q })
    setMine(loadMyQuestions(sessionId))
  }

  return (
    <div className="space-y-4" data-testid="session-page" data-session-id={sessionId} data-status={session.status}>
      <SessionHeader event={data.event} session={session} viewers={state.viewers} connected={state.connected} showConnection={state.synced} />
      {session.status === 'archived' && <ArchivedBanner sessionId={sessionId} />}
      {session.status === 'ended' && <p className="rounded bg-slate-100 p-3 text-sm text-slate-700" data-testid="ended-notice">{t('live.endedNotice')}</p>}
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {!state.synced && !state.joinError && <Loading />}

      {now && (
        <a href={`#q-${now.id}`} className="block rounded border-2 border-accent bg-accent-soft p-3" data-testid="answering-now" data-question-id={now.id}>
          <span className="text-xs font-bold text-accent">{t('live.answeringNow')}</span>
          <span className="user-text mt-1 block text-sm text-slate-900">{now.body}</span>
        </a>
      )}

      {session.kind === 'video_interview' && (
        <Suspense fallback={<Loading />}><VideoStage sessionId={sessionId} status={session.status} /></Suspense>
      )}

      <PollsSection polls={polls} dispatch={dispatchPolls} />

      <nav className="flex gap-2 text-xs sm:text-sm lg:hidden" aria-label={t('live.sections')}>
        <a href="#live-record" className="btn-secondary flex-1 py-1">{t('live.record')}</a>
        <a href="#questions" className="btn-secondary flex-1 py-1">{t('live.questions')}</a>
        {!closed && <a href="#ask" className="btn-primary flex-1 py-1">{t('live.ask')}</a>}
      </nav>

      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <section id="live-record" className="card p-4" aria-labelledby="live-record-title">
          <h2 id="live-record-title" className="section-title">{t('live.record')}</h2>
          {state.older.transcript && <LoadOlder label={t('live.olderRecord')} load={() => loadOlder('transcript')} testId="older-transcript" />}
          <div className="mt-2"><TranscriptList entries={transcript} /></div>
        </section>

        <div className="space-y-4">
          <section id="questions" className="card p-4" aria-labelledby="questions-title">
            <h2 id="questions-title" className="section-title">
              {t('live.questions')} <span className="text-sm font-normal text-slate-500" data-testid="question-count">{questions.length}</span>
            </h2>
            {voteError && <div className="mt-2"><ErrorMessage error={voteError} testId="vote-error" /></div>}
            {questions.length === 0 ? (
              <p className="py-6 text-center text-sm text-slate-500" data-testid="question-list-empty">{t('live.noQuestions')}</p>
            ) : (
              <ul className="mt-3 space-y-2" data-testid="question-list">
                {questions.map((q) => (
                  <PublicQuestionItem key={q.id} question={q} upvotes={upvotesOf(state, q)} voted={voted.has(q.id)} canVote={!closed} onUpvote={upvote} />
                ))}
              </ul>
            )}
            {state.older.questions && <LoadOlder label={t('live.olderQuestions')} load={() => loadOlder('questions')} testId="older-questions" />}
          </section>

          <section id="ask" className="card p-4" aria-labelledby="ask-title">
            <h2 id="ask-title" className="section-title">{t('live.ask')}</h2>
            <div className="mt-3"><QuestionForm sessionId={sessionId} closed={closed} onSubmitted={onSubmitted} /></div>
          </section>

          <MyQuestions questions={mineList} />
        </div>
      </div>
    </div>
  )
}

export function SessionPage() {
  const { sessionId = '' } = useParams()
  const { data, error, loading, reload } = useAsync(() => api.session(sessionId), `session:${sessionId}`)
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={error.code === 'NOT_FOUND' ? undefined : reload} />
  if (!data) return null
  if (data.session.status === 'archived') {
    // Frozen: nothing live to join; the archive page is the record.
    return (
      <div className="space-y-4" data-testid="session-page" data-session-id={sessionId} data-status="archived">
        <SessionHeader event={data.event} session={data.session} />
        <ArchivedBanner sessionId={sessionId} />
      </div>
    )
  }
  if (data.session.kind === 'hotline') {
    return <Suspense fallback={<Loading />}><HotlineRoom key={sessionId} sessionId={sessionId} data={data} /></Suspense>
  }
  return <LiveRoom key={sessionId} sessionId={sessionId} data={data} />
}

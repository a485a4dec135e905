import { useState } from 'react'
import { useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import type { ApiError } from '../lib/api.ts'
import { SessionControls } from './SessionControls.tsx'
import { openQuestionsByVotes, questionsWithStatus, upvotesOf, type AnyQuestion } from '../live/store.ts'
import { LoadOlder } from '../live/LoadOlder.tsx'
import { TranscriptList } from '../live/TranscriptList.tsx'
import { HostQuestionQueue } from './HostQuestionQueue.tsx'
import { StaffSessionBar } from './StaffSessionBar.tsx'
import { TranscriptComposer } from './TranscriptComposer.tsx'
import { useStaffSession } from './useStaffSession.ts'
import { PollPanel } from '../polls/PollPanel.tsx'

export function HostPage() {
  const { sessionId = '' } = useParams()
  const { t } = useTranslation()
  const { user, info, state, dispatch, rejoin, connectError, loadOlder, session, role, closed, forbidden, polls, dispatchPolls } = useStaffSession(sessionId)
  const [error, setError] = useState<ApiError | null>(null)
  // Guests answer and post; opening and closing the session is the host's (or admin's) call.
  const canControl = role === undefined || role === 'host' || role === 'admin'

  return (
    <div className="space-y-3" data-testid="host-page" data-session-id={sessionId} data-status={session?.status}>
      <StaffSessionBar title={t('host.title')} event={info.data?.event} session={session} state={state} />
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {forbidden && <ErrorMessage error={{ code: 'FORBIDDEN' }} testId="not-staff" text={t('console.notStaff')} />}
      {!state.synced && !state.joinError && <Loading />}
      {error && <ErrorMessage error={error} testId="action-error" />}

      {canControl && session && <SessionControls sessionId={sessionId} session={session} dispatch={dispatch} onError={setError} texts="host" />}

      <div className="grid gap-3 lg:grid-cols-2">
        <div className="space-y-3">
          <section className="card p-4" aria-labelledby="composer-title">
            <h2 id="composer-title" className="section-title">{t('host.composer')}</h2>
            <div className="mt-3">
              {user && (
                <TranscriptComposer sessionId={sessionId} defaultHostName={user.displayName} guests={info.data?.event.guests ?? []} closed={closed} allowImage={role !== 'guest'}
                  onPosted={(entry) => dispatch({ type: 'transcriptAck', entry })} />
              )}
            </div>
          </section>
          <section className="card p-4" aria-labelledby="preview-title">
            <h2 id="preview-title" className="section-title">{t('host.preview')}</h2>
            {state.older.transcript && <LoadOlder label={t('live.olderRecord')} load={() => loadOlder('transcript')} testId="older-transcript" />}
            <div className="mt-2 max-h-[32rem] overflow-y-auto"><TranscriptList entries={state.transcript.map((x) => x.entry)} /></div>
          </section>
        </div>
        <section className="card p-4" aria-labelledby="queue-title">
          <h2 id="queue-title" className="section-title">{t('host.queue')}</h2>
          <div className="mt-3">
            <HostQuestionQueue open={openQuestionsByVotes(state)} answered={questionsWithStatus(state, ['answered'])}
              upvotesOf={(q: AnyQuestion) => upvotesOf(state, q)} closed={closed} onUpdated={(q) => dispatch({ type: 'questionAck', question: q })} />
            {state.older.questions && <LoadOlder label={t('live.olderQuestions')} load={() => loadOlder('questions')} testId="older-questions" />}
          </div>
        </section>
      </div>
      {canControl && state.staff && <PollPanel sessionId={sessionId} polls={polls} dispatch={dispatchPolls} live={session?.status === 'live'} closed={closed} />}
    </div>
  )
}

import { useMemo } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import type { SessionPageDto } from '../lib/api.ts'
import { SessionHeader } from '../live/SessionHeader.tsx'
import { ArchivedBanner } from '../live/SessionPage.tsx'
import { TranscriptList } from '../live/TranscriptList.tsx'
import { HotlineBoard } from './Board.tsx'
import { useHotlineSession } from './useHotlineSession.ts'
import { PollsSection } from '../polls/PollCard.tsx'
import { usePolls } from '../polls/usePolls.ts'
import { useTaxonomy } from './useTaxonomy.ts'

/** The public page of a hotline day: the live board of calls instead of the Q&A, and the live record. */
export function HotlineRoom({ sessionId, data }: { sessionId: string; data: SessionPageDto }) {
  const { t } = useTranslation()
  const { polls, observe, dispatch: dispatchPolls } = usePolls(sessionId)
  const { state, calls, rejoin, connectError } = useHotlineSession(sessionId, true, observe)
  const taxonomy = useTaxonomy()
  const session = state.session ?? data.session
  const list = useMemo(() => Object.values(calls.calls), [calls.calls])
  const transcript = state.transcript.map((x) => x.entry)

  return (
    <div className="space-y-4" data-testid="session-page" data-session-id={sessionId} data-status={session.status}>
      <SessionHeader event={data.event} session={session} viewers={state.viewers} connected={state.connected} showConnection={state.synced} />
      {session.status === 'archived' && <ArchivedBanner sessionId={sessionId} />}
      {session.status === 'ended' && <p className="rounded bg-slate-100 p-3 text-sm text-slate-700" data-testid="ended-notice">{t('hotline.endedNotice')}</p>}
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {taxonomy.state.error && <ErrorMessage error={taxonomy.state.error} onRetry={taxonomy.state.reload} />}

      <PollsSection polls={polls} dispatch={dispatchPolls} />
      <section className="card p-4" aria-labelledby="board-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="board-title" className="section-title">{t('hotline.board.title')}</h2>
          <span className="flex-1" />
          <Link to={`/s/${encodeURIComponent(sessionId)}/board`} className="text-sm text-accent underline" data-testid="board-link">{t('hotline.board.openFull')}</Link>
        </div>
        <p className="mt-1 text-xs text-slate-500">{t('hotline.board.privacy')}</p>
        <div className="mt-3">
          {!state.synced && !state.joinError ? <Loading /> : <HotlineBoard calls={list} taxonomy={taxonomy} />}
        </div>
      </section>

      {transcript.length > 0 && (
        <section className="card p-4" aria-labelledby="live-record-title">
          <h2 id="live-record-title" className="section-title">{t('live.record')}</h2>
          <div className="mt-2"><TranscriptList entries={transcript} /></div>
        </section>
      )}
    </div>
  )
}

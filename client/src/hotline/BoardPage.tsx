import { useEffect, useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { SessionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { api } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { HotlineBoard } from './Board.tsx'
import { useHotlineSession } from './useHotlineSession.ts'
import { useTaxonomy } from './useTaxonomy.ts'

function Clock() {
  const { i18n } = useTranslation()
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000)
    return () => window.clearInterval(id)
  }, [])
  return <span className="tabular-nums">{formatDate(now.toISOString(), i18n.language, 'timeSeconds')}</span>
}

function LiveBoard({ sessionId, theme, title }: { sessionId: string; theme: string; title: string }) {
  const { t } = useTranslation()
  const { state, calls, rejoin, connectError } = useHotlineSession(sessionId)
  const taxonomy = useTaxonomy()
  const list = useMemo(() => Object.values(calls.calls), [calls.calls])
  const session = state.session
  return (
    <div className="flex min-h-screen flex-col bg-slate-100" data-testid="board-page" data-session-id={sessionId} data-status={session?.status}>
      <header className="bg-accent px-8 py-5 text-white shadow">
        <div className="flex flex-wrap items-center gap-4">
          <div className="min-w-0 flex-1">
            <p className="text-xl text-white/85">{t('app.name')} · {t('eventForm.hotline')}</p>
            <h1 className="truncate text-4xl font-bold tracking-wide">{theme}</h1>
            <p className="mt-1 text-xl text-white/85">{title}</p>
          </div>
          <div className="text-right text-3xl">
            {session && <span className="inline-block rounded bg-white px-1 py-0.5"><SessionStatusBadge status={session.status} /></span>}
            <p className="mt-2"><Clock /></p>
            <p className={`text-base ${state.connected ? 'text-white/70' : 'text-amber-200'}`} data-testid="connection-status" data-connected={state.connected ? 'true' : 'false'}>
              {state.connected ? t('live.connected') : t('live.reconnecting')}
            </p>
          </div>
        </div>
      </header>
      <main className="flex-1 p-8">
        {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
        {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
        {!state.synced && !state.joinError ? <Loading /> : <HotlineBoard calls={list} taxonomy={taxonomy} size="venue" />}
      </main>
      <footer className="px-8 pb-4 text-center text-base text-slate-700">{t('hotline.board.privacy')}</footer>
    </div>
  )
}

/** /s/:sessionId/board — the venue display of a hotline day: large type, no navigation. */
export function BoardPage() {
  const { sessionId = '' } = useParams()
  const { t } = useTranslation()
  const { data, error, loading, reload } = useAsync(() => api.session(sessionId), `session:${sessionId}`)
  if (loading && !data) return <Loading />
  if (error) return <div className="p-8"><ErrorMessage error={error} onRetry={error.code === 'NOT_FOUND' ? undefined : reload} /></div>
  if (!data) return null
  if (data.session.kind !== 'hotline') {
    return <p className="p-8 text-center text-lg text-slate-600" data-testid="board-not-hotline">{t('hotline.board.notHotline')}</p>
  }
  if (data.session.status === 'archived') {
    return (
      <div className="p-8 text-center" data-testid="board-page" data-session-id={sessionId} data-status="archived">
        <p className="text-lg text-slate-700">{t('hotline.board.archived')}</p>
        <Link to={`/archive/${encodeURIComponent(sessionId)}`} className="btn-primary mt-4" data-testid="archived-link">{t('live.goToArchive')}</Link>
      </div>
    )
  }
  return <LiveBoard key={sessionId} sessionId={sessionId} theme={data.event.theme} title={data.session.title} />
}

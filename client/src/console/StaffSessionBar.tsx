import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { EventDto, SessionSummaryDto } from '@openday/protocol'
import { SessionStatusBadge } from '../components/badges.tsx'
import { formatRange } from '../lib/format.ts'
import type { LiveState } from '../live/store.ts'

/** The compact session header of the staff consoles: what, when, state, audience, connection. */
export function StaffSessionBar({ title, event, session, state }: { title: string; event?: EventDto; session: SessionSummaryDto | null; state: LiveState }) {
  const { t, i18n } = useTranslation()
  return (
    <section className="rounded border-t-4 border-accent bg-white p-3 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-bold text-slate-900">{title}</h1>
        {session && <SessionStatusBadge status={session.status} />}
        <span className="flex-1" />
        <span className="text-xs text-slate-600" data-testid="viewer-count" data-count={state.viewers}>{t('live.viewers', { n: state.viewers })}</span>
        <span data-testid="connection-status" data-connected={state.connected ? 'true' : 'false'} className={`text-xs ${state.connected ? 'text-green-700' : 'text-amber-700'}`}>
          {state.connected ? t('live.connected') : t('live.reconnecting')}
        </span>
      </div>
      {event && <p className="mt-1 text-sm text-slate-800" data-testid="session-theme">{event.theme}</p>}
      {session && (
        <p className="text-xs text-slate-500">
          {session.title} · {formatRange(session.scheduledStart, session.scheduledEnd, i18n.language)} ·{' '}
          <Link to={`/s/${encodeURIComponent(session.id)}`} className="text-accent underline" target="_blank" rel="noopener" data-testid="public-link">{t('console.publicPage')}</Link>
        </p>
      )}
    </section>
  )
}

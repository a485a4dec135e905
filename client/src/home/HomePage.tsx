import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { EventDto, SessionSummaryDto } from '@openday/protocol'
import { FormLabel, SessionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { HostUnits } from '../components/EventInfo.tsx'
import { api } from '../lib/api.ts'
import { formatDate, formatRange } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'

function SessionRow({ session }: { session: SessionSummaryDto }) {
  const { t, i18n } = useTranslation()
  const archived = session.status === 'archived'
  return (
    <li className="flex flex-wrap items-center gap-2 border-t border-slate-100 py-2 first:border-t-0" data-testid="session-row" data-session-id={session.id}>
      <SessionStatusBadge status={session.status} />
      <span className="min-w-0 flex-1 text-sm text-slate-800">
        {session.title}
        <span className="ml-2 text-xs text-slate-500">{formatRange(session.scheduledStart, session.scheduledEnd, i18n.language)}</span>
      </span>
      {archived ? (
        <Link to={`/archive/${encodeURIComponent(session.id)}`} className="btn-secondary py-1" data-testid="archive-link" data-session-id={session.id}>
          {t('home.viewArchive')}
        </Link>
      ) : (
        <Link to={`/s/${encodeURIComponent(session.id)}`} className={session.status === 'live' ? 'btn-primary py-1' : 'btn-secondary py-1'}
          data-testid="session-link" data-session-id={session.id}>
          {session.status === 'live' ? t('home.enterLive') : session.status === 'scheduled' ? t('home.viewPreview') : t('home.viewRecord')}
        </Link>
      )}
    </li>
  )
}

function EventCard({ event }: { event: EventDto }) {
  const { i18n } = useTranslation()
  return (
    <article className="card p-4" data-testid="event-card" data-event-id={event.id}>
      <div className="flex items-start gap-3">
        <div className="w-16 shrink-0 rounded bg-accent-soft py-1 text-center text-accent" aria-hidden="true">
          <div className="text-xl font-bold leading-tight">{formatDate(event.startsAt, i18n.language, 'monthShort')}</div>
          <div className="text-xs">{event.year}</div>
        </div>
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-bold text-slate-900" data-testid="event-theme">{event.theme}</h2>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <FormLabel form={event.form} />
            <span className="text-xs text-slate-500" data-testid="event-time">{formatRange(event.startsAt, event.endsAt, i18n.language)}</span>
          </div>
          <div className="mt-1"><HostUnits units={event.hostUnits} /></div>
        </div>
      </div>
      {event.sessions.length > 0 && <ul className="mt-3">{event.sessions.map((s) => <SessionRow key={s.id} session={s} />)}</ul>}
    </article>
  )
}

export function HomePage() {
  const { t } = useTranslation()
  const { data, error, loading, reload } = useAsync(() => api.events(), 'events')
  return (
    <div className="space-y-4">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('home.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('home.intro')}</p>
        <Link to="/archive" className="mt-2 inline-block text-sm text-accent underline" data-testid="home-archive-link">{t('home.archiveLink')}</Link>
      </section>
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="event-list-empty">{t('home.empty')}</p>}
      {data && data.length > 0 && (
        <div className="space-y-3" data-testid="event-list">
          {data.map((e) => <EventCard key={e.id} event={e} />)}
        </div>
      )}
    </div>
  )
}

import { useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SessionSummaryDto, YearEventDto } from '@openday/protocol'
import { FormLabel, SessionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { HostUnits } from '../components/EventInfo.tsx'
import { eventsApi } from '../events/api.ts'
import { formatDate, formatRange, TIME_ZONE, timeValue } from '../lib/format.ts'
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

function EventCard({ event }: { event: YearEventDto }) {
  const { i18n } = useTranslation()
  const { t } = useTranslation('events')
  return (
    <article className="card p-4" data-testid="event-card" data-event-id={event.id} data-status={event.status}>
      <div className="flex items-start gap-3">
        <div className="w-16 shrink-0 rounded bg-accent-soft py-1 text-center text-accent" aria-hidden="true">
          <div className="text-xl font-bold leading-tight">{formatDate(event.startsAt, i18n.language, 'monthShort')}</div>
          <div className="text-xs">{event.year}</div>
        </div>
        <div className="min-w-0 flex-1">
          <h3 className="text-base font-bold text-slate-900" data-testid="event-theme">
            {event.public
              ? <Link to={`/events/${encodeURIComponent(event.id)}`} className="hover:underline" data-testid="event-page-link">{event.theme}</Link>
              : event.theme}
          </h3>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
            <FormLabel form={event.form} />
            <span className="text-xs text-slate-500" data-testid="event-time">{formatRange(event.startsAt, event.endsAt, i18n.language)}</span>
            {event.status === 'cancelled' && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-700" data-testid="event-cancelled-badge">{t('cancelledBadge')}</span>}
            {!event.public && event.status !== 'cancelled' && <span className="text-xs text-slate-500" data-testid="event-no-page-yet">{t('noPageYet')}</span>}
          </div>
          <div className="mt-1"><HostUnits units={event.hostUnits} /></div>
        </div>
      </div>
      {event.sessions.length > 0 && <ul className="mt-3">{event.sessions.map((s) => <SessionRow key={s.id} session={s} />)}</ul>}
    </article>
  )
}

type Group = 'live' | 'upcoming' | 'past'

/** Live now: a session is live. Past: ended (every session archived, or done, or its end passed). Else upcoming. */
export function groupOf(e: YearEventDto, now: number): Group {
  if (e.sessions.some((s) => s.status === 'live')) return 'live'
  const finished = e.status === 'done' || (e.sessions.length > 0 && e.sessions.every((s) => s.status === 'archived' || s.status === 'ended'))
  if (finished || timeValue(e.endsAt) < now) return 'past'
  return 'upcoming'
}

const yearNow = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' }).format(new Date()))
const FIRST_YEAR = 2020

export function HomePage() {
  const { t } = useTranslation()
  const { t: te } = useTranslation('events')
  const current = yearNow()
  const [year, setYear] = useState(current)
  const { data, error, loading, reload } = useAsync(() => eventsApi.year(year), `events:${year}`)
  const now = Date.now()
  const groups: Record<Group, YearEventDto[]> = { live: [], upcoming: [], past: [] }
  for (const e of data ?? []) groups[groupOf(e, now)].push(e)
  // Upcoming soonest first; past the most recent first.
  groups.past.reverse()
  const years = Array.from({ length: current + 1 - FIRST_YEAR + 1 }, (_, i) => current + 1 - i)
  return (
    <div className="space-y-4">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('home.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('home.intro')}</p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <Link to="/archive" className="text-sm text-accent underline" data-testid="home-archive-link">{t('home.archiveLink')}</Link>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            {te('year')}
            <select className="input w-auto py-1" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="home-year-select">
              {years.map((y) => <option key={y} value={y}>{te('yearN', { year: y })}</option>)}
            </select>
          </label>
        </div>
      </section>
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="event-list-empty">{t('home.empty')}</p>}
      {data && data.length > 0 && (
        <div className="space-y-6" data-testid="event-list">
          {(['live', 'upcoming', 'past'] as const).map((g) => groups[g].length > 0 && (
            <section key={g} aria-labelledby={`home-group-${g}`} className="space-y-3" data-testid={`event-group-${g}`}>
              <h2 id={`home-group-${g}`} className="text-lg font-bold text-slate-900">{te(`group.${g}`)}</h2>
              {groups[g].map((e) => <EventCard key={e.id} event={e} />)}
            </section>
          ))}
        </div>
      )}
    </div>
  )
}

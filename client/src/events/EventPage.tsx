import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { EventSurveys } from '../surveys/PublicSurveysPage.tsx'
import { SignupBox } from '../attendance/SignupBox.tsx'
import { EventPolicies } from '../policies/EventPolicies.tsx'
import { useTranslation } from 'react-i18next'
import { VenueRecord } from '../venue/VenueRecord.tsx'
import { VENUE_FORMS, type EventForm, type EventPreviewDto, type SessionSummaryDto } from '@openday/protocol'
import { FormLabel, SessionStatusBadge } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { HostUnits } from '../components/EventInfo.tsx'
import { formatDate, formatRange, timeValue } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { QuestionForm } from '../live/QuestionForm.tsx'
import { eventsApi } from './api.ts'
import { countdown, useMinuteClock } from './countdown.ts'

// Forms whose session takes citizens' questions (moderated Q&A): the pre-event box is offered for these.
const ASKING_FORMS: readonly EventForm[] = ['video_interview', 'text_interview', 'press_release']

function Countdown({ startsAt }: { startsAt: string }) {
  const { t } = useTranslation('events')
  const now = useMinuteClock()
  const c = countdown(now, timeValue(startsAt))
  if (!c) return null
  // Plain text, changed once a minute: read when the reader gets to it, never announced each tick.
  return <p className="text-lg font-bold text-accent" data-testid="event-countdown">{String(t(c.key, c as never))}</p>
}

/** Where the event stands: countdown before, the live session during, the archive after. */
function Stage({ event }: { event: EventPreviewDto }) {
  const { t } = useTranslation('events')
  if (event.status === 'cancelled') return <p className="rounded bg-slate-100 p-3 text-sm text-slate-700" data-testid="event-cancelled">{t('cancelled')}</p>
  const live = event.sessions.filter((s) => s.status === 'live')
  const archived = event.sessions.filter((s) => s.status === 'archived')
  if (live.length > 0) {
    return (
      <div className="space-y-2" data-testid="event-live">
        <p className="font-bold text-red-700">{t('liveNow')}</p>
        {live.map((s) => (
          <Link key={s.id} to={`/s/${encodeURIComponent(s.id)}`} className="btn-primary" data-testid="event-live-link" data-session-id={s.id}>
            {t('enterLive', { title: s.title })}
          </Link>
        ))}
      </div>
    )
  }
  if (archived.length > 0 && archived.length === event.sessions.length) {
    return (
      <div className="space-y-2" data-testid="event-archived">
        <p className="font-medium text-slate-700">{t('over')}</p>
        {archived.map((s) => (
          <Link key={s.id} to={`/archive/${encodeURIComponent(s.id)}`} className="btn-secondary" data-testid="event-archive-link" data-session-id={s.id}>
            {t('viewArchive', { title: s.title })}
          </Link>
        ))}
      </div>
    )
  }
  return <Countdown startsAt={event.startsAt} />
}

function Guests({ event }: { event: EventPreviewDto }) {
  const { t } = useTranslation('events')
  if (event.guests.length === 0) return null
  return (
    <section aria-labelledby="event-guests-title" className="card p-4">
      <h2 id="event-guests-title" className="mb-2 text-base font-bold text-slate-900">{t('guests')}</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="event-guests">
        {event.guests.map((g) => (
          <li key={g.id} className="flex items-center gap-3" data-testid="event-guest">
            {g.photoUrl
              ? <img src={g.photoUrl} alt={t('photoOf', { name: g.name })} className="h-16 w-16 shrink-0 rounded-full object-cover" width={64} height={64} loading="lazy" />
              : <span aria-hidden="true" className="flex h-16 w-16 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xl text-accent">{g.name.slice(0, 1)}</span>}
            <span className="min-w-0">
              <span className="block font-medium text-slate-900" data-testid="event-guest-name">{g.name}</span>
              <span className="block text-sm text-slate-600" data-testid="event-guest-title">{g.title}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function TakePart({ event }: { event: EventPreviewDto }) {
  const { t } = useTranslation('events')
  if (event.status === 'cancelled') return null
  const open = event.sessions.filter((s) => s.status === 'scheduled' || s.status === 'live')
  const asking: SessionSummaryDto | undefined = ASKING_FORMS.includes(event.form) ? event.sessions.find((s) => s.status === 'scheduled') : undefined
  const venue = (VENUE_FORMS as readonly string[]).includes(event.form)
  return (
    <section aria-labelledby="event-take-part-title" className="card space-y-4 p-4" data-testid="event-take-part">
      <h2 id="event-take-part-title" className="text-base font-bold text-slate-900">{t('takePart')}</h2>
      {event.hotlineNumber && (
        <p data-testid="event-hotline">
          {t('hotline')} <a href={`tel:${event.hotlineNumber}`} className="text-xl font-bold text-accent underline" data-testid="event-hotline-number">{event.hotlineNumber}</a>
        </p>
      )}
      {venue && (
        <dl className="space-y-1 text-sm">
          <div><dt className="inline text-slate-500">{t('venue')}</dt> <dd className="inline text-slate-800" data-testid="event-venue">{event.location || t('tbd')}</dd></div>
          <div><dt className="inline text-slate-500">{t('signup')}</dt> <dd className="user-text inline text-slate-800" data-testid="event-signup">{event.signup || t('tbd')}</dd></div>
        </dl>
      )}
      {venue && event.public && <SignupBox eventId={event.id} />}
      {!venue && event.location && <p className="text-sm"><span className="text-slate-500">{t('venue')}</span> <span data-testid="event-venue">{event.location}</span></p>}
      {open.length > 0 && (
        <ul className="space-y-1 text-sm">
          {open.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2">
              <SessionStatusBadge status={s.status} testId="event-session-status" />
              <Link to={`/s/${encodeURIComponent(s.id)}`} className="text-accent underline" data-testid="event-watch-link" data-session-id={s.id}>
                {t('watch', { title: s.title })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {asking && (
        <div className="border-t border-slate-100 pt-3" data-testid="event-ask">
          <h3 className="text-sm font-bold text-slate-900">{t('askAhead')}</h3>
          <p className="mb-2 text-xs text-slate-500">{t('askAheadHint')}</p>
          <QuestionForm sessionId={asking.id} closed={false} onSubmitted={() => undefined} />
        </div>
      )}
    </section>
  )
}

// How often an open page asks again whether the session has started or ended: the citizen who
// waits on the countdown gets the live link without reloading (the answer is cached 10 s, so a
// crowd waiting on one page costs the server little).
const REFRESH_MS = 20_000

/** Over: cancelled, or every session archived; nothing on the page changes any more. */
const settled = (e: EventPreviewDto) => e.status === 'cancelled' || (e.sessions.length > 0 && e.sessions.every((s) => s.status === 'archived'))

/** The public page of one event (预告): what, who, when, how to take part; then live, then archive. */
export function EventPage() {
  const { eventId = '' } = useParams()
  const { t, i18n } = useTranslation('events')
  const { data: event, error, loading, reload } = useAsync(() => eventsApi.preview(eventId), `event:${eventId}`)
  const keepAsking = !!event && !settled(event)
  useEffect(() => {
    if (!keepAsking) return
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [keepAsking, reload])
  // Only the first load shows the spinner: a refresh keeps the page (and a half-typed question) in place.
  if (loading && !event) return <Loading />
  if (!event) return <ErrorMessage error={error ?? { code: 'NOT_FOUND' }} onRetry={reload} />
  return (
    <div className="space-y-4" data-testid="event-page" data-event-id={event.id}>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-500">{t('kicker')}</p>
        <h1 className="text-xl font-bold text-slate-900" data-testid="event-page-theme">{event.theme}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
          <FormLabel form={event.form} />
          <span className="text-sm text-slate-700" data-testid="event-page-time">{formatRange(event.startsAt, event.endsAt, i18n.language)}</span>
          <span className="text-xs text-slate-500">{t('beijingTime')}</span>
        </div>
        <div className="mt-2"><HostUnits units={event.hostUnits} /></div>
        <div className="mt-3"><Stage event={event} /></div>
        {!event.public && <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="event-staff-preview">{t('staffPreview', { at: formatDate(event.previewOpensAt, i18n.language) })}</p>}
        <a href={eventsApi.icsUrl(event.id)} className="mt-3 inline-block text-sm text-accent underline" data-testid="event-ics-link" download>{t('addToCalendar')}</a>
      </section>
      {event.summary && (
        <section aria-labelledby="event-about-title" className="card p-4">
          <h2 id="event-about-title" className="mb-1 text-base font-bold text-slate-900">{t('about')}</h2>
          <p className="user-text text-sm text-slate-700" data-testid="event-page-summary">{event.summary}</p>
        </section>
      )}
      <Guests event={event} />
      <EventPolicies eventId={event.id} form={event.form} />
      <TakePart event={event} />
      {(VENUE_FORMS as readonly string[]).includes(event.form) && <VenueRecord eventId={event.id} />}
      <EventSurveys eventId={event.id} />
    </div>
  )
}

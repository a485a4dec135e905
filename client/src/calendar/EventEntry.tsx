import type { CalendarEventDto } from '@openday/protocol'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { formatDate } from '../lib/format.ts'

/** Lead units, then joint ones marked as such (in words: colour is never the only sign). */
export function UnitsLine({ event }: { event: CalendarEventDto }) {
  const { t } = useTranslation('calendar')
  const { t: tc } = useTranslation()
  const lead = event.units.filter((u) => u.role === 'lead').map((u) => u.name)
  const joint = event.units.filter((u) => u.role === 'joint').map((u) => u.name)
  return (
    <span data-testid="calendar-units">
      <span>{t('lead')}{lead.join(tc('common.listSeparator'))}</span>
      {joint.length > 0 && <span className="block">{t('joint')}{joint.join(tc('common.listSeparator'))}</span>}
    </span>
  )
}

/** The status in words; a cancelled event is also struck through, a planned one's page may not be open yet. */
export function StatusText({ event }: { event: CalendarEventDto }) {
  const { t, i18n } = useTranslation('calendar')
  if (event.status === 'cancelled') return <strong className="text-red-800" data-testid="calendar-status" data-status="cancelled">{t('status.cancelled')}</strong>
  if (event.previewOpen) return <span data-testid="calendar-status" data-status={event.status}>{t(`status.${event.status}`)}</span>
  return (
    <span data-testid="calendar-status" data-status={event.status}>
      {t('status.planned')}
      <span className="block text-base text-slate-600">{t('previewFrom', { date: formatDate(event.previewOpensAt, i18n.language, 'date') })}</span>
    </span>
  )
}

export function ThemeLink({ event }: { event: CalendarEventDto }) {
  const cancelled = event.status === 'cancelled'
  return (
    <Link to={`/events/${encodeURIComponent(event.id)}`} className={`font-bold text-slate-900 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-accent ${cancelled ? 'line-through decoration-2' : ''}`}
      data-testid="calendar-event-link" data-event-id={event.id}>
      {event.theme}
    </Link>
  )
}

export function WhenText({ event }: { event: CalendarEventDto }) {
  const { i18n } = useTranslation()
  return (
    <time dateTime={event.startsAt} data-testid="calendar-when">
      {formatDate(event.startsAt, i18n.language, 'date')} {formatDate(event.startsAt, i18n.language, 'time')}–{formatDate(event.endsAt, i18n.language, 'time')}
    </time>
  )
}

/** One event in the year view: a list item with its theme as a heading. */
export function EventEntry({ event }: { event: CalendarEventDto }) {
  const { t } = useTranslation('calendar')
  const { t: tc } = useTranslation()
  return (
    <li className="card p-4 print:border-slate-400 print:shadow-none" data-testid="calendar-event" data-event-id={event.id} data-status={event.status}>
      <h3 className="text-xl leading-snug"><ThemeLink event={event} /></h3>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-lg">
        <dt className="text-slate-600">{t('when')}</dt>
        <dd><WhenText event={event} /></dd>
        <dt className="text-slate-600">{t('form')}</dt>
        <dd data-testid="calendar-form">{tc(`eventForm.${event.form}`)}</dd>
        <dt className="text-slate-600">{t('units')}</dt>
        <dd><UnitsLine event={event} /></dd>
        <dt className="text-slate-600">{t('statusLabel')}</dt>
        <dd><StatusText event={event} /></dd>
      </dl>
    </li>
  )
}

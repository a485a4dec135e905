import { useTranslation } from 'react-i18next'
import type { VenueRecordDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { PublicReply } from '../replies/PublicReply.tsx'
import { venueApi } from './api.ts'

function Agenda({ r }: { r: VenueRecordDto }) {
  const { t, i18n } = useTranslation('venue')
  const kind = r.form === 'observation' ? 'route' : 'agenda'
  if (r.agenda.length === 0) return null
  return (
    <section aria-labelledby="rec-agenda" className="card p-4" data-testid="record-agenda">
      <h2 id="rec-agenda" className="mb-2 text-base font-bold text-slate-900">{t(`${kind}.title`)}</h2>
      <ol className="space-y-2">
        {r.agenda.map((i) => (
          <li key={i.id} className="flex gap-3 text-[15px]">
            <time dateTime={i.startsAt} className="shrink-0 whitespace-nowrap font-mono text-slate-700">{formatDate(i.startsAt, i18n.language, 'time')}{i.endsAt && `–${formatDate(i.endsAt, i18n.language, 'time')}`}</time>
            <span className="text-slate-900">{i.title}{i.place && <span className="text-slate-700"> · {i.place}</span>}{i.speaker && <span className="text-slate-700"> · {i.speaker}</span>}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

function Attendance({ r }: { r: VenueRecordDto }) {
  const { t } = useTranslation('venue')
  const { t: ta } = useTranslation('attendance')
  if (r.attendance.length === 0) return null
  return (
    <section aria-labelledby="rec-att" className="card p-4" data-testid="record-attendance">
      <h2 id="rec-att" className="mb-2 text-base font-bold text-slate-900">{t('record.attendance')}</h2>
      <ul className="space-y-1 text-[15px]">
        {r.attendance.map((a) => (
          <li key={a.category} data-testid={`record-att-${a.category}`} data-count={a.count}>
            <span className="font-medium">{ta(`categories.${a.category}`)}</span> {t('record.people', { count: a.count })}
            {a.names.length > 0 && <span className="text-slate-700">：{a.names.join('、')}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Opinions({ r }: { r: VenueRecordDto }) {
  const { t, i18n } = useTranslation('venue')
  const { t: ta } = useTranslation('attendance')
  if (r.opinions.length === 0) return null
  return (
    <section aria-labelledby="rec-op" className="card p-4" data-testid="record-opinions">
      <h2 id="rec-op" className="mb-2 text-base font-bold text-slate-900">{t('opinions.title')}</h2>
      <ul className="space-y-3">
        {r.opinions.map((o) => (
          <li key={o.id} id={`o-${o.id}`} className="rounded border border-slate-200 p-3" data-testid="record-opinion" data-opinion-id={o.id}>
            <p className="text-sm text-slate-700">{o.speaker ? `${o.speaker}（${ta(`categories.${o.category}`)}）` : ta(`categories.${o.category}`)} · <time dateTime={o.createdAt}>{formatDate(o.createdAt, i18n.language, 'date')}</time></p>
            <p className="user-text mt-1 text-[15px] text-slate-900" data-testid="record-opinion-body">{o.body}</p>
            {o.reply && <PublicReply reply={o.reply} />}
            {!o.reply && o.awaitingReply && <p className="mt-2 text-sm text-amber-900" data-testid="record-opinion-awaiting">{t('record.awaiting')}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Photos({ r }: { r: VenueRecordDto }) {
  const { t } = useTranslation('venue')
  if (r.photos.length === 0) return null
  return (
    <section aria-labelledby="rec-ph" className="card p-4" data-testid="record-photos">
      <h2 id="rec-ph" className="mb-2 text-base font-bold text-slate-900">{t('photos.title')}</h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {r.photos.map((p) => (
          <li key={p.id}><figure><img src={p.url} alt={p.caption || t('photos.untitled')} className="w-full rounded" loading="lazy" />{p.caption && <figcaption className="mt-1 text-sm text-slate-700">{p.caption}</figcaption>}</figure></li>
        ))}
      </ul>
    </section>
  )
}

/** What a symposium or an observation leaves on its public pages: the agenda or route, who came, what they said and the replies, photos. */
export function VenueRecord({ eventId }: { eventId: string }) {
  const { data, error, loading, reload } = useAsync(() => venueApi.record(eventId), `venue-record:${eventId}`)
  if (loading && !data) return <Loading />
  if (error && !data) return error.code === 'NOT_FOUND' ? null : <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  return (
    <div className="space-y-4" data-testid="venue-record">
      <Agenda r={data} />
      <Attendance r={data} />
      <Opinions r={data} />
      <Photos r={data} />
    </div>
  )
}

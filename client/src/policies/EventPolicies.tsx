import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { EventForm } from '@openday/protocol'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { policiesApi } from './api.ts'

/** A press release's documents on its event page, each linking to its policy page. */
export function EventPolicies({ eventId, form }: { eventId: string; form: EventForm }) {
  const { t, i18n } = useTranslation('policies')
  const press = form === 'press_release'
  const { data } = useAsync(() => (press ? policiesApi.eventList(eventId) : Promise.resolve([])), `event-policies:${eventId}:${press}`)
  if (!data || data.length === 0) return null
  return (
    <section aria-labelledby="event-policies-title" className="card p-4" data-testid="event-policies">
      <h2 id="event-policies-title" className="mb-2 text-base font-bold text-slate-900">{t('eventList')}</h2>
      <ul className="space-y-2">
        {data.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="event-policy" data-policy-id={d.id}>
            <Link to={`/policies/${encodeURIComponent(d.id)}`} className="font-medium text-accent underline" data-testid="event-policy-link">{d.title}</Link>
            {d.docNumber && <span className="text-sm text-slate-600">{d.docNumber}</span>}
            <span className="text-sm text-slate-600">{formatDate(`${d.issuedAt}T12:00:00+08:00`, i18n.language, 'date')}</span>
            {d.interpreted && <span className="rounded bg-green-50 px-2 py-0.5 text-xs text-green-800">{t('interpreted')}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}

import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { FormLabel } from '../components/badges.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatRange } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { eventsApi } from './api.ts'

/** The unit editor's events: the ones its unit leads (to prepare) or joins (to read). */
export function UnitEventsPage() {
  const { t, i18n } = useTranslation('events')
  const { data, error, loading, reload } = useAsync(() => eventsApi.unitList(), 'unit-events')
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold text-slate-900">{t('unit.title')}</h1>
      <p className="text-sm text-slate-600">{t('unit.intro')}</p>
      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="card p-6 text-center text-sm text-slate-500" data-testid="unit-events-empty">{t('unit.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="space-y-2" data-testid="unit-events">
          {data.map((e) => (
            <li key={e.id} className="card flex flex-wrap items-center gap-3 p-3" data-testid="unit-event-row" data-event-id={e.id} data-role={e.role}>
              <span className="min-w-0 flex-1">
                <Link to={`/unit/events/${encodeURIComponent(e.id)}`} className="font-medium text-accent underline" data-testid="unit-event-link">{e.theme}</Link>
                <span className="ml-2 text-xs text-slate-500">{formatRange(e.startsAt, e.endsAt, i18n.language)}</span>
              </span>
              <FormLabel form={e.form} />
              <span className="text-xs text-slate-600">{t(`unit.status.${e.status === 'cancelled' ? 'cancelled' : e.status === 'done' ? 'done' : 'open'}`)}</span>
              <span className="text-xs text-slate-600">{t(e.role === 'lead' ? 'unit.lead' : 'unit.joint')}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PublicSurveyListItemDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'

/** Published surveys as a list (for the surveys page, and an event's own on its page). */
export function SurveyList({ items, headingLevel = 2 }: { items: PublicSurveyListItemDto[]; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation('surveys')
  const H = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul className="space-y-2" data-testid="public-survey-list">
      {items.map((s) => (
        <li key={s.id} className="card p-3" data-testid="public-survey" data-survey-id={s.id}>
          <H className="font-medium"><Link className="text-accent underline" to={`/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link></H>
          <p className="text-sm text-slate-600">
            {s.unitName} · {s.open ? t('status.open') : t('status.closedOrLater')}
            {s.closesAt && ` · ${t('closesAt', { time: formatDate(s.closesAt, i18n.language) })}`}
          </p>
          {s.resultsPublic && <Link className="text-sm text-accent underline" to={`/surveys/${encodeURIComponent(s.id)}/results`}>{t('seeResults')}</Link>}
        </li>
      ))}
    </ul>
  )
}

export function PublicSurveysPage() {
  const { t } = useTranslation('surveys')
  const { data, error, loading, reload } = useAsync(() => surveysApi.publicList(), 'public-surveys')
  return (
    <div className="mx-auto max-w-3xl space-y-4" data-testid="public-surveys-page">
      <h1 className="text-xl font-bold text-slate-900">{t('publicTitle')}</h1>
      {loading && !data && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {data && data.length === 0 && <p className="text-sm text-slate-600">{t('noPublic')}</p>}
      {data && data.length > 0 && <SurveyList items={data} />}
    </div>
  )
}

/** An event's surveys on its public page (nothing when it has none). */
export function EventSurveys({ eventId }: { eventId: string }) {
  const { t } = useTranslation('surveys')
  const { data } = useAsync(() => surveysApi.publicList(eventId), `event-surveys:${eventId}`)
  if (!data || data.length === 0) return null
  return (
    <section className="card p-4" aria-labelledby="event-surveys-title" data-testid="event-surveys">
      <h2 id="event-surveys-title" className="section-title">{t('eventSurveys')}</h2>
      <div className="mt-2"><SurveyList items={data} headingLevel={3} /></div>
    </section>
  )
}

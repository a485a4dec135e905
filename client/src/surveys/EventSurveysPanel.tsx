import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { EventForm } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { SurveyStatusBadge } from './SurveysPage.tsx'

/** On the unit's event page: its questionnaires, and a new one hung on the event. */
export function EventSurveysPanel({ eventId, theme, form, editable }: { eventId: string; theme: string; form: EventForm; editable: boolean }) {
  const { t } = useTranslation('surveys')
  const { data } = useAsync(() => surveysApi.list(), `surveys-of:${eventId}`)
  const [error, setError] = useState<ApiError | null>(null)
  const navigate = useNavigate()
  const mine = (data ?? []).filter((s) => s.event?.id === eventId)
  const create = async () => {
    setError(null)
    try {
      // An event of form 问卷调查 is the survey itself; on any other it follows the event.
      const s = await surveysApi.create({ title: theme, eventId, placement: form === 'survey' ? 'standalone' : 'after' })
      void navigate(`/unit/surveys/${encodeURIComponent(s.id)}`)
    } catch (err) {
      setError(toApiError(err))
    }
  }
  return (
    <section className="card space-y-2 p-4" aria-labelledby="ue-surveys-title" data-testid="unit-event-surveys">
      <h2 id="ue-surveys-title" className="section-title">{t('eventSurveys')}</h2>
      {mine.length > 0 && (
        <ul className="space-y-1">
          {mine.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2 text-sm">
              <SurveyStatusBadge status={s.status} open={s.open} />
              <Link className="text-accent underline" to={`/unit/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
              <span className="text-slate-600">{t(`placements.${s.placement}`)} · {t('responsesN', { n: s.responses })}</span>
            </li>
          ))}
        </ul>
      )}
      {editable && <button type="button" className="btn-secondary" onClick={() => void create()} data-testid="unit-event-new-survey">{t('createForEvent')}</button>}
      {error && <ErrorMessage error={error} />}
    </section>
  )
}

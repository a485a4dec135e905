import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { SurveyStatus } from '@openday/protocol'
import { accountsApi } from '../accounts/api.ts'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'

export function SurveyStatusBadge({ status, open }: { status: SurveyStatus; open: boolean }) {
  const { t } = useTranslation('surveys')
  const key = status === 'published' ? (open ? 'open' : 'scheduled') : status
  const tone = key === 'open' ? 'bg-green-100 text-green-900' : key === 'draft' ? 'bg-slate-100 text-slate-700' : 'bg-amber-100 text-amber-900'
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone}`} data-testid="survey-status" data-status={key}>{t(`status.${key}`)}</span>
}

/** The unit's questionnaires (the admin sees every unit's), and a new one. */
export function SurveysPage() {
  const { t, i18n } = useTranslation('surveys')
  const { user } = useAuth()
  const admin = user?.role === 'admin'
  const list = useAsync(() => surveysApi.list(), 'surveys')
  const units = useAsync(() => (admin ? accountsApi.units() : Promise.resolve([])), `survey-units:${admin}`)
  const [title, setTitle] = useState('')
  const [unitId, setUnitId] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const navigate = useNavigate()

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setBusy(true)
    try {
      const s = await surveysApi.create({ title: title.trim(), ...(admin ? { unitId } : {}) })
      void navigate(`/unit/surveys/${encodeURIComponent(s.id)}`)
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="space-y-4" data-testid="surveys-page">
      <h1 className="text-xl font-bold text-slate-900">{t('listTitle')}</h1>
      <form onSubmit={create} className="card flex flex-wrap items-end gap-2 p-4" data-testid="survey-create-form">
        <div className="min-w-60 flex-1"><label className="label" htmlFor="new-survey-title">{t('newTitle')}</label>
          <input id="new-survey-title" className="input" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-survey-title" /></div>
        {admin && (
          <div><label className="label" htmlFor="new-survey-unit">{t('unit')}</label>
            <select id="new-survey-unit" className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">—</option>
              {(units.data ?? []).filter((u) => u.active).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select></div>
        )}
        <button type="submit" className="btn-primary" disabled={busy || !title.trim() || (admin && !unitId)} data-testid="new-survey-create">{t('create')}</button>
        {error && <div className="w-full"><ErrorMessage error={error} /></div>}
      </form>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="py-6 text-center text-sm text-slate-600" data-testid="surveys-empty">{t('none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="space-y-2" data-testid="survey-list">
          {list.data.map((s) => (
            <li key={s.id} className="card flex flex-wrap items-center gap-3 p-3" data-testid="survey-item" data-survey-id={s.id}>
              <SurveyStatusBadge status={s.status} open={s.open} />
              <div className="min-w-0 flex-1">
                <Link className="font-medium text-accent underline" to={`/unit/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                <p className="text-xs text-slate-600">
                  {admin && `${s.unit.name} · `}{s.event ? `${s.event.theme} · ${t(`placements.${s.placement}`)}` : t('placements.standalone')}
                  {s.closesAt && ` · ${t('closesAt', { time: formatDate(s.closesAt, i18n.language) })}`}
                </p>
              </div>
              <span className="text-sm text-slate-700">{t('responsesN', { n: s.responses })}</span>
              <Link className="btn-secondary py-1" to={`/unit/surveys/${encodeURIComponent(s.id)}/results`}>{t('resultsTab')}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { summariesApi } from './api.ts'

function Settings() {
  const { t } = useTranslation('summaries')
  const cur = useAsync(() => summariesApi.settings(), 'summary-settings')
  const [days, setDays] = useState('')
  useEffect(() => { if (cur.data) setDays(String(cur.data.days)) }, [cur.data])
  const act = useAction<{ days: number }>((x) => cur.setData(() => x))
  if (!cur.data) return null
  return (
    <form className="card flex flex-wrap items-end gap-3 p-4" onSubmit={(e) => { e.preventDefault(); void act.run(() => summariesApi.saveSettings(Number(days))) }} data-testid="summary-settings">
      <div>
        <label className="label" htmlFor="summary-days">{t('settingsDays')}</label>
        <input id="summary-days" type="number" min={1} max={60} className="input w-24" value={days} onChange={(e) => setDays(e.target.value)} data-testid="summary-settings-days" />
      </div>
      <button type="submit" className="btn-primary" disabled={act.busy || Number(days) === cur.data.days} data-testid="summary-settings-save">{t('save')}</button>
      {act.error && <ErrorMessage error={act.error} testId="summary-settings-error" />}
    </form>
  )
}

/** /unit/summaries (the events the unit led, once over) and /admin/summaries (every unit's, to accept or return). */
export function SummariesPage() {
  const { t, i18n } = useTranslation('summaries')
  const { t: tc } = useTranslation()
  const { user } = useAuth()
  const admin = user?.role === 'admin'
  const list = useAsync(() => summariesApi.list(), 'summaries')
  const base = admin ? '/admin/summaries' : '/unit/summaries'
  return (
    <div className="space-y-4" data-testid="summaries-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t(admin ? 'introAdmin' : 'intro')}</p>
      </section>
      {admin && <Settings />}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="summaries-empty">{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="summary-list">
          {list.data.map((x) => (
            <li key={x.eventId} className="flex flex-wrap items-center gap-2 px-4 py-2" data-testid="summary-row" data-event-id={x.eventId} data-state={x.state ?? 'none'}>
              <Link to={`${base}/${encodeURIComponent(x.eventId)}`} className="min-w-0 flex-1 text-accent underline" data-testid="summary-open">{x.theme}</Link>
              <span className="text-xs text-slate-600">{formatDate(x.startsAt, i18n.language, 'date')}{admin && x.unit ? ` · ${x.unit.name}` : ''}</span>
              <span className="text-xs text-slate-600">{t('dueBy', { at: formatDate(x.dueAt, i18n.language) })}</span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{x.state ? t(`state.${x.state}`) : t('state.none')}</span>
              {x.overdue && <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800" data-testid="summary-overdue">{t('overdue')}</span>}
              {x.late && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t('late')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

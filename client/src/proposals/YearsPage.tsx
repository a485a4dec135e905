import { useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PlanYearDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { proposalsApi } from './api.ts'

const ALL_MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

/** Opens a year (no `year`) or edits one; the deadline is typed as Beijing time, whatever the browser's zone. */
function YearForm({ year, onSaved, onCancel }: { year?: PlanYearDto; onSaved: (y: PlanYearDto) => void; onCancel: () => void }) {
  const { t } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const id = useId()
  const next = new Date().getFullYear() + 1
  const [number, setNumber] = useState(String(year?.year ?? next))
  const [months, setMonths] = useState<number[]>(year?.months ?? [5, 6, 7, 8, 9, 10, 11, 12])
  const [deadline, setDeadline] = useState(year?.deadlineLocal ?? `${year?.year ?? next}-03-31T23:59`)
  const [notice, setNotice] = useState(year?.notice ?? '')
  const [previewDays, setPreviewDays] = useState(String(year?.previewDays ?? 3))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const body = { months, deadline, notice, previewDays: Number(previewDays) }
      onSaved(year ? await proposalsApi.updateYear(year.year, body) : await proposalsApi.createYear({ year: Number(number), ...body }))
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit} className="card space-y-3 p-4" aria-labelledby={`${id}-t`} data-testid="year-form" noValidate>
      <h2 id={`${id}-t`} className="section-title">{year ? t('years.edit', { year: year.year }) : t('years.new')}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label className="label" htmlFor={`${id}-y`}>{t('year')}</label>
          <input id={`${id}-y`} className="input" inputMode="numeric" value={number} disabled={!!year} onChange={(e) => setNumber(e.target.value)} data-testid="year-number" />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-d`}>{t('years.deadline')}</label>
          <input id={`${id}-d`} type="datetime-local" className="input" value={deadline} aria-describedby={`${id}-d-hint`}
            onChange={(e) => setDeadline(e.target.value)} data-testid="year-deadline" />
          <p id={`${id}-d-hint`} className="mt-1 text-xs text-slate-500">{t('years.deadlineHint')}</p>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-p`}>{t('years.previewDays')}</label>
          <input id={`${id}-p`} type="number" min={0} max={60} className="input" value={previewDays} onChange={(e) => setPreviewDays(e.target.value)} data-testid="year-preview-days" />
        </div>
      </div>
      <fieldset>
        <legend className="label">{t('years.months')}</legend>
        <div className="flex flex-wrap gap-3" data-testid="year-months">
          {ALL_MONTHS.map((m) => (
            <label key={m} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={months.includes(m)} data-testid="year-month" data-month={m}
                onChange={(e) => setMonths((prev) => (e.target.checked ? [...prev, m].sort((a, b) => a - b) : prev.filter((x) => x !== m)))} />
              {t('monthName', { month: m })}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label className="label" htmlFor={`${id}-n`}>{t('years.notice')}</label>
        <textarea id={`${id}-n`} className="input min-h-24" maxLength={4000} value={notice} onChange={(e) => setNotice(e.target.value)} data-testid="year-notice-text" />
      </div>
      {error && <ErrorMessage error={error} testId="year-form-error" text={error.code === 'CONFLICT' ? t('years.exists') : undefined} />}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={busy || months.length === 0} data-testid="year-submit">{year ? t('years.save') : t('years.open')}</button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="year-cancel">{tc('common.cancel')}</button>
      </div>
    </form>
  )
}

/** /admin/years — the years of theme days: months to fill, the proposal deadline, the units' notice. */
export function YearsPage() {
  const { t, i18n } = useTranslation('proposals')
  const { t: tc } = useTranslation()
  const list = useAsync(() => proposalsApi.years(), 'admin-years')
  const [editing, setEditing] = useState<PlanYearDto | 'new' | null>(null)
  const upsert = (y: PlanYearDto) => {
    list.setData((prev) => (prev?.some((x) => x.year === y.year) ? prev.map((x) => (x.year === y.year ? y : x)) : [y, ...(prev ?? [])]))
    setEditing(null)
  }
  return (
    <div className="space-y-4" data-testid="years-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('years.title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('years.title')}</h1>
        <div className="mt-3 flex gap-2">
          <button type="button" className="btn-primary" onClick={() => setEditing('new')} disabled={editing === 'new'} data-testid="year-new">{t('years.new')}</button>
          <Link to="/admin/proposals" className="btn-secondary" data-testid="years-to-proposals">{tc('nav.proposalsAdmin')}</Link>
        </div>
      </section>
      {editing && <YearForm key={editing === 'new' ? 'new' : editing.year} year={editing === 'new' ? undefined : editing} onSaved={upsert} onCancel={() => setEditing(null)} />}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="years-empty">{t('years.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="year-list">
          {list.data.map((y) => (
            <li key={y.year} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="year-row" data-year={y.year}>
              <div className="min-w-0 flex-1">
                <p className="font-medium">{y.year}</p>
                <p className="text-xs text-slate-600">{t('years.summary', { months: y.months.map((m) => t('monthName', { month: m })).join(tc('common.listSeparator')), deadline: formatDate(y.deadline, i18n.language), days: y.previewDays })}</p>
              </div>
              <button type="button" className="btn-secondary py-1" onClick={() => setEditing(y)} aria-label={t('years.edit', { year: y.year })} data-testid="year-edit">{t('years.editShort')}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

import { EVENT_FORMS } from '@openday/protocol'
import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAsync } from '../lib/useAsync.ts'
import { fetchCalendar } from './api.ts'
import { Downloads } from './Downloads.tsx'
import { EventEntry } from './EventEntry.tsx'
import { MonthTable } from './MonthTable.tsx'
import { byMonth, type CalendarView, stepMonth, viewFrom, viewQuery } from './view.ts'

/**
 * The public calendar of the year's theme days (/calendar). Large type throughout (many readers
 * are elderly), a list per month in the year view and a table in the month view, filters that
 * are plain labelled selects, and nothing but the events when printed.
 */
export function CalendarPage() {
  const { t } = useTranslation('calendar')
  const { t: tc } = useTranslation()
  const [params, setParams] = useSearchParams()
  const v = viewFrom(params)
  const set = (next: Partial<CalendarView>) => setParams(viewQuery({ ...v, ...next }))
  const key = viewQuery(v).toString()
  const { data, error, loading, reload } = useAsync(() => fetchCalendar(v), `calendar:${v.year}:${v.unit ?? ''}:${v.form ?? ''}`)
  const ids = { year: useId(), unit: useId(), form: useId(), month: useId() }

  useEffect(() => { document.title = `${t('title', { year: v.year })} · ${tc('app.name')}` }, [t, tc, v.year])

  const unit = data && v.unit ? (data.units.find((u) => u.id === v.unit) ?? null) : null
  const thisYear = viewFrom(new URLSearchParams()).year // Beijing's year, not the browser's
  const years = [...new Set([thisYear - 2, thisYear - 1, thisYear, thisYear + 1, v.year])].sort()
  const monthName = (m: number) => t('monthName', { month: m })
  const months = data ? byMonth(data.events) : []
  const monthEvents = months.find(([m]) => m === v.month)?.[1] ?? []

  return (
    <div className="space-y-5 text-lg" data-testid="calendar-page" data-view={key}>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm print:border-0 print:shadow-none">
        <h1 className="text-2xl font-bold text-slate-900" data-testid="calendar-title">{t('title', { year: v.year })}</h1>
        <p className="mt-1 text-lg text-slate-700">{t('intro')}</p>
        {data && data.revision > 0 && data.publishedAt && (
          <p className="mt-1 text-base text-slate-600" data-testid="calendar-revision">{t('revision', { n: data.revision })}</p>
        )}
      </section>

      <form className="card grid gap-4 p-4 sm:grid-cols-2 lg:grid-cols-4 print:hidden" role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={ids.year} className="label text-lg">{t('filters.year')}</label>
          <select id={ids.year} className="input text-lg" value={v.year} data-testid="calendar-year" onChange={(e) => set({ year: Number(e.target.value) })}>
            {years.map((y) => <option key={y} value={y}>{t('yearOption', { year: y })}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={ids.unit} className="label text-lg">{t('filters.unit')}</label>
          <select id={ids.unit} className="input text-lg" value={v.unit ?? ''} data-testid="calendar-unit" onChange={(e) => set({ unit: e.target.value || null })}>
            <option value="">{t('filters.allUnits')}</option>
            {data?.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={ids.form} className="label text-lg">{t('filters.form')}</label>
          <select id={ids.form} className="input text-lg" value={v.form ?? ''} data-testid="calendar-form-filter" onChange={(e) => set({ form: (e.target.value || null) as CalendarView['form'] })}>
            <option value="">{t('filters.allForms')}</option>
            {EVENT_FORMS.map((f) => <option key={f} value={f}>{tc(`eventForm.${f}`)}</option>)}
          </select>
        </div>
        <fieldset>
          <legend className="label text-lg">{t('filters.view')}</legend>
          <div className="flex gap-2">
            {(['year', 'month'] as const).map((mode) => (
              <button key={mode} type="button" aria-pressed={v.view === mode} data-testid={`calendar-view-${mode}`}
                className={v.view === mode ? 'btn-primary text-lg' : 'btn-secondary text-lg'} onClick={() => set({ view: mode })}>
                {t(`filters.${mode}View`)}
              </button>
            ))}
          </div>
        </fieldset>
        {v.view === 'month' && (
          <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-4">
            <button type="button" className="btn-secondary text-lg" data-testid="calendar-prev-month" onClick={() => set(stepMonth(v, -1))}>{t('filters.prevMonth')}</button>
            <div>
              <label htmlFor={ids.month} className="label text-lg">{t('filters.month')}</label>
              <select id={ids.month} className="input text-lg" value={v.month} data-testid="calendar-month" onChange={(e) => set({ month: Number(e.target.value) })}>
                {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option key={m} value={m}>{monthName(m)}</option>)}
              </select>
            </div>
            <button type="button" className="btn-secondary text-lg" data-testid="calendar-next-month" onClick={() => set(stepMonth(v, 1))}>{t('filters.nextMonth')}</button>
          </div>
        )}
      </form>

      {loading && <Loading />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
      {/* Announces what the filters left, for screen readers, after each change. */}
      {data && <p role="status" className="text-lg text-slate-700" data-testid="calendar-count">{t('count', { n: v.view === 'month' ? monthEvents.length : data.events.length })}</p>}

      {data && v.view === 'year' && (
        months.length === 0
          ? <p className="py-6 text-center text-lg text-slate-600" data-testid="calendar-empty">{t('empty', { year: v.year })}</p>
          : months.map(([m, list]) => (
            <section key={m} aria-labelledby={`calendar-month-${m}`} className="space-y-3 break-inside-avoid-page" data-testid="calendar-month-section" data-month={m}>
              <h2 id={`calendar-month-${m}`} className="section-title text-xl">{monthName(m)}</h2>
              <ul className="space-y-3">{list.map((e) => <EventEntry key={e.id} event={e} />)}</ul>
            </section>
          ))
      )}
      {data && v.view === 'month' && (
        monthEvents.length === 0
          ? (
            <>
              <h2 className="section-title text-xl">{t('monthTitle', { year: v.year, month: v.month })}</h2>
              <p className="py-6 text-center text-lg text-slate-600" data-testid="calendar-empty">{t('emptyMonth')}</p>
            </>
          )
          : <MonthTable caption={t('monthTitle', { year: v.year, month: v.month })} events={monthEvents} />
      )}

      {data && <Downloads data={data} unit={unit} />}
    </div>
  )
}

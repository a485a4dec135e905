import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PlanChangesDto, PlanSnapshotItem } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate, formatRange } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { planApi } from './api.ts'
import { beijingYear, byMonth } from './grid.ts'

function Units({ item }: { item: PlanSnapshotItem }) {
  const { t } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const lead = item.units.filter((u) => u.role === 'lead').map((u) => u.name).join(tc('common.listSeparator'))
  const joint = item.units.filter((u) => u.role === 'joint').map((u) => u.name).join(tc('common.listSeparator'))
  return (
    <>
      <span data-testid="plan-lead">{lead}</span>
      {joint && <span className="block text-xs text-slate-600" data-testid="plan-joint">{t('public.jointWith', { names: joint })}</span>}
    </>
  )
}

function Changes({ changes }: { changes: PlanChangesDto }) {
  const { t, i18n } = useTranslation('plan')
  const rows = [
    ...changes.added.map((c) => ({ key: `a${c.eventId}`, text: t('public.added', { theme: c.theme }) })),
    ...changes.removed.map((c) => ({ key: `r${c.eventId}`, text: t('public.removed', { theme: c.theme }) })),
    ...changes.moved.map((c) => ({ key: `m${c.eventId}`, text: t('public.moved', { theme: c.theme, from: formatDate(c.from, i18n.language, 'dateTime'), to: formatDate(c.to, i18n.language, 'dateTime') }) })),
    ...changes.changed.map((c) => ({ key: `c${c.eventId}`, text: t('public.changed', { theme: c.theme }) })),
  ]
  if (!rows.length) return <p className="text-xs text-slate-500">{t('public.noChanges')}</p>
  return <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="plan-changes">{rows.map((r) => <li key={r.key} className="user-text">{r.text}</li>)}</ul>
}

/** /plan/:year — the annual plan as published: a table by month and the revision history with notes. */
export function PlanPage() {
  const { t, i18n } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const params = useParams()
  const year = /^\d{4}$/.test(params.year ?? '') ? Number(params.year) : beijingYear()
  const plan = useAsync(() => planApi.current(year), `plan-${year}`)
  const lang = i18n.language

  return (
    <div className="space-y-4" data-testid="plan-page" data-year={year}>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm print:border-0 print:shadow-none">
        <h1 className="text-xl font-bold text-slate-900">{t('public.title', { year })}</h1>
        {plan.data && (
          <p className="mt-1 text-sm text-slate-600" data-testid="plan-current-revision" data-number={plan.data.current.number}>
            {t('public.revisionLine', { number: plan.data.current.number, date: formatDate(plan.data.current.publishedAt, lang, 'date') })}
          </p>
        )}
        <div className="mt-2 flex gap-2 print:hidden">
          <Link to={`/plan/${year - 1}`} className="btn-secondary py-1" data-testid="plan-prev-year">{t('public.prevYear', { year: year - 1 })}</Link>
          <Link to={`/plan/${year + 1}`} className="btn-secondary py-1" data-testid="plan-next-year">{t('public.nextYear', { year: year + 1 })}</Link>
          <button type="button" className="btn-secondary py-1" onClick={() => window.print()} data-testid="plan-print">{t('public.print')}</button>
        </div>
      </section>
      {plan.loading && !plan.data && <Loading />}
      {plan.error && (plan.error.code === 'NOT_FOUND'
        ? <p className="card p-6 text-center text-sm text-slate-600" data-testid="plan-not-published">{t('public.notPublished', { year })}</p>
        : <ErrorMessage error={plan.error} onRetry={plan.reload} />)}
      {plan.data && (
        <>
          {plan.data.current.note && (
            <p className="card user-text p-3 text-sm text-slate-700" data-testid="plan-current-note"><span className="font-medium">{t('public.note')}</span>{plan.data.current.note}</p>
          )}
          <section aria-labelledby="plan-table-title" className="card overflow-x-auto p-0 print:border-0 print:shadow-none">
            <h2 id="plan-table-title" className="section-title m-4">{t('public.tableTitle')}</h2>
            <table className="w-full text-left text-sm" data-testid="plan-table">
              <caption className="sr-only">{t('public.tableCaption', { year })}</caption>
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t('public.month')}</th>
                  <th scope="col" className="px-3 py-2">{t('public.theme')}</th>
                  <th scope="col" className="px-3 py-2">{t('public.units')}</th>
                  <th scope="col" className="px-3 py-2">{t('public.form')}</th>
                  <th scope="col" className="px-3 py-2">{t('public.time')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {byMonth(plan.data.current.snapshot).flatMap(({ month, items }) => items.map((item, i) => (
                  <tr key={item.eventId} data-testid="plan-row" data-event-id={item.eventId} data-status={item.status} className={item.status === 'cancelled' ? 'text-slate-400' : ''}>
                    {i === 0 && <th scope="row" rowSpan={items.length} className="px-3 py-2 align-top font-medium whitespace-nowrap">{t('public.monthName', { month })}</th>}
                    <td className="px-3 py-2">
                      <span className={`user-text ${item.status === 'cancelled' ? 'line-through' : ''}`} data-testid="plan-theme">{item.theme}</span>
                      {item.status === 'cancelled' && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600" data-testid="plan-cancelled">{t('public.cancelled')}</span>}
                    </td>
                    <td className="px-3 py-2"><Units item={item} /></td>
                    <td className="px-3 py-2 whitespace-nowrap">{tc(`eventForm.${item.form}`)}</td>
                    <td className="px-3 py-2">{formatRange(item.startsAt, item.endsAt, lang)}</td>
                  </tr>
                )))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="plan-history-title" className="card p-4 print:border-0 print:shadow-none">
            <h2 id="plan-history-title" className="section-title">{t('public.history')}</h2>
            <ol className="mt-3 space-y-3" data-testid="plan-revisions">
              {[...plan.data.revisions].reverse().map((r) => (
                <li key={r.number} data-testid="plan-revision" data-number={r.number}>
                  <h3 className="text-sm font-medium text-slate-900">{t('public.revisionLine', { number: r.number, date: formatDate(r.publishedAt, lang, 'date') })}</h3>
                  {r.note && <p className="user-text text-sm text-slate-700" data-testid="plan-revision-note">{r.note}</p>}
                  {r.number > 1 && <Changes changes={r.changes} />}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </div>
  )
}

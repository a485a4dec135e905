import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { PlanGridDto, PlanProposalDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { planApi } from './api.ts'
import { ConflictBadges, ConflictList } from './ConflictList.tsx'
import { EntryCard } from './EntryCard.tsx'
import { conflictsOfMonth } from './grid.ts'
import { PublishDialog } from './PublishDialog.tsx'

function Unplaced({ grid, proposal, onGrid }: { grid: PlanGridDto; proposal: PlanProposalDto; onGrid: (g: PlanGridDto) => void }) {
  const { t } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const preferred = proposal.month && grid.months.includes(proposal.month) ? proposal.month : grid.months[0] ?? 1
  const [month, setMonth] = useState(preferred)
  const action = useAction<PlanGridDto>(onGrid)
  const id = `unplaced-${proposal.id}`
  return (
    <li className="card p-3" data-testid="plan-unplaced" data-proposal-id={proposal.id}>
      <h3 className="user-text font-medium text-slate-900" id={`${id}-theme`}>{proposal.theme}</h3>
      <p className="text-xs text-slate-600">
        {proposal.units.map((u) => u.name).join(tc('common.listSeparator'))} · {proposal.form ? tc(`eventForm.${proposal.form}`) : t('admin.noForm')}
        {proposal.month ? ` · ${t('admin.preferred', { month: proposal.month })}` : ''} · {t(`halfDay.${proposal.halfDay}`)}
      </p>
      <form className="mt-2 flex items-end gap-2" aria-labelledby={`${id}-theme`} onSubmit={(e) => { e.preventDefault(); void action.run(() => planApi.add(grid.year, proposal.id, month)) }}>
        <div>
          <label className="label" htmlFor={`${id}-month`}>{t('admin.placeIn')}</label>
          <select id={`${id}-month`} className="input py-1" value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="plan-unplaced-month">
            {grid.months.map((m) => <option key={m} value={m}>{t('public.monthName', { month: m })}</option>)}
          </select>
        </div>
        <button type="submit" className="btn-primary py-1" disabled={action.busy} data-testid="plan-unplaced-add">{t('admin.place')}</button>
      </form>
      {action.error && <ErrorMessage error={action.error} testId="plan-unplaced-error" />}
    </li>
  )
}

function YearPicker({ year }: { year: number | null }) {
  const { t } = useTranslation('plan')
  const navigate = useNavigate()
  const years = useAsync(() => planApi.years(), 'plan-years')
  if (years.error) return <ErrorMessage error={years.error} onRetry={years.reload} />
  if (!years.data) return null
  if (!years.data.length) return <p className="text-sm text-slate-600" data-testid="plan-no-years">{t('admin.noYears')}</p>
  return (
    <div>
      <label className="label" htmlFor="plan-year">{t('admin.year')}</label>
      <select id="plan-year" className="input w-auto py-1" value={year ?? ''} data-testid="plan-year-picker" onChange={(e) => navigate(`/admin/plan/${e.target.value}`)}>
        {year === null && <option value="">{t('admin.pickYear')}</option>}
        {years.data.map((y) => <option key={y.year} value={y.year}>{t('admin.yearOption', { year: y.year, revision: y.revision })}</option>)}
      </select>
    </div>
  )
}

/** /admin/plan/:year — the admin compiles the annual plan on a month grid and publishes it. */
export function AdminPlanPage() {
  const { t, i18n } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const params = useParams()
  const year = /^\d{4}$/.test(params.year ?? '') ? Number(params.year) : null
  const grid = useAsync(() => (year ? planApi.grid(year) : Promise.resolve(undefined)), `plan-grid-${year}`)
  const [publishing, setPublishing] = useState(false)
  const [published, setPublished] = useState<{ number: number; created: boolean } | null>(null)
  const setGrid = (g: PlanGridDto) => grid.setData(() => g)
  const g = grid.data

  return (
    <div className="space-y-4" data-testid="admin-plan-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('admin.title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{year ? t('admin.titleYear', { year }) : t('admin.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('admin.intro')}</p>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <YearPicker year={year} />
          {g && (
            <>
              <button type="button" className="btn-primary" onClick={() => { setPublished(null); setPublishing(true) }} data-testid="plan-publish">{t('admin.publishOpen')}</button>
              <button type="button" className="btn-secondary" onClick={grid.reload} data-testid="plan-reload">{t('admin.reload')}</button>
              {g.revision > 0 && <Link to={`/plan/${g.year}`} className="btn-secondary" data-testid="plan-public-link">{t('admin.publicLink')}</Link>}
              <span className="text-sm text-slate-600" data-testid="plan-revision" data-revision={g.revision}>
                {g.revision ? t('admin.publishedRevision', { number: g.revision }) : t('admin.notPublished')}
                {g.changed && ` · ${t('admin.unpublishedChanges')}`}
              </span>
            </>
          )}
        </div>
        {published && (
          <p role="status" className="mt-2 text-sm text-green-700" data-testid="plan-published">
            {published.created ? t('admin.publishedNow', { number: published.number }) : t('admin.publishedSame', { number: published.number })}
          </p>
        )}
      </section>
      {year && grid.loading && !g && <Loading />}
      {grid.error && <ErrorMessage error={grid.error} onRetry={grid.reload} />}
      {g && (
        <>
          <ConflictList grid={g} />
          <section aria-labelledby="plan-unplaced-title" className="space-y-2">
            <h2 id="plan-unplaced-title" className="section-title">{t('admin.unplacedTitle', { count: g.unplaced.length })}</h2>
            {g.unplaced.length === 0 ? <p className="text-sm text-slate-500" data-testid="plan-unplaced-none">{t('admin.unplacedNone')}</p> : (
              <ul className="grid gap-2 sm:grid-cols-2">{g.unplaced.map((p) => <Unplaced key={p.id} grid={g} proposal={p} onGrid={setGrid} />)}</ul>
            )}
          </section>
          <section aria-labelledby="plan-grid-title" className="space-y-3">
            <h2 id="plan-grid-title" className="section-title">{t('admin.gridTitle')}</h2>
            {g.months.map((m) => {
              const entries = g.entries.filter((e) => e.month === m)
              return (
                <section key={m} aria-labelledby={`plan-month-${m}`} className="rounded border border-slate-200 bg-slate-50 p-3" data-testid="plan-month" data-month={m} data-count={entries.length}>
                  <h3 id={`plan-month-${m}`} className="font-bold text-slate-900">{t('public.monthName', { month: m })}</h3>
                  <ConflictBadges grid={g} conflicts={conflictsOfMonth(g.conflicts, m)} />
                  <ul className="mt-2 space-y-2">{entries.map((e) => <EntryCard key={`${e.id}:${e.revision}`} grid={g} entry={e} onGrid={setGrid} />)}</ul>
                </section>
              )
            })}
          </section>
          <section aria-labelledby="plan-history-admin" className="card p-4">
            <h2 id="plan-history-admin" className="section-title">{t('public.history')}</h2>
            {g.revisions.length === 0 ? <p className="mt-2 text-sm text-slate-500">{t('admin.noRevisions')}</p> : (
              <ol className="mt-2 space-y-1 text-sm" data-testid="plan-admin-revisions">
                {[...g.revisions].reverse().map((r) => (
                  <li key={r.number} data-testid="plan-admin-revision" data-number={r.number}>
                    {t('public.revisionLine', { number: r.number, date: formatDate(r.publishedAt, i18n.language, 'dateTime') })}
                    {r.note && <span className="user-text"> — {r.note}</span>}
                    <span className="text-slate-500"> {t('admin.changeCounts', { added: r.changes.added.length, removed: r.changes.removed.length, moved: r.changes.moved.length, changed: r.changes.changed.length })}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
      {publishing && g && (
        <PublishDialog grid={g} onCancel={() => setPublishing(false)}
          onDone={(r) => { setGrid(r.grid); setPublished({ number: r.number, created: r.created }); setPublishing(false) }} />
      )}
    </div>
  )
}

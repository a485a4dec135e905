import { useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { METRICS, type AssessmentBoardDto, type MetricKey, type MetricValue } from '@openday/protocol'
import { EChart, type ChartOption } from '../components/EChart.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { assessmentApi } from './api.ts'

const show = (v: MetricValue, kind: string) => (v.value === null ? '—' : kind === 'rate' ? `${Math.round(v.value * 1000) / 10}%` : String(v.value))

function Records({ year, unit, metric, onClose }: { year: number; unit: { id: string; name: string }; metric: MetricKey; onClose: () => void }) {
  const { t, i18n } = useTranslation('assessment')
  const list = useAsync(() => assessmentApi.records(year, unit.id, metric), `records:${year}:${unit.id}:${metric}`)
  return (
    <section className="card space-y-2 p-4" aria-labelledby="records-title" data-testid="assessment-records" data-metric={metric}>
      <div className="flex items-center gap-2">
        <h2 id="records-title" className="section-title flex-1">{t('recordsTitle', { unit: unit.name, metric: t(`metric.${metric}`) })}</h2>
        <button type="button" className="btn-secondary py-1" onClick={onClose}>{t('close')}</button>
      </div>
      {list.loading && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && list.data.length === 0 && <p className="text-sm text-slate-500">{t('noRecords')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm">
          {list.data.map((r, i) => (
            <li key={i} className="flex flex-wrap gap-2 py-1.5" data-testid="assessment-record" data-counts={String(r.counts)}>
              <span className={`min-w-0 flex-1 user-text ${r.counts ? '' : 'text-slate-500'}`}>{r.link ? <Link to={r.link} className="text-accent underline">{r.label}</Link> : r.label}</span>
              <span className="text-xs text-slate-600">{r.detail}{r.date ? ` · ${formatDate(r.date, i18n.language, 'date')}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function Weights({ board, onSaved }: { board: AssessmentBoardDto; onSaved: (b: AssessmentBoardDto) => void }) {
  const { t, i18n } = useTranslation('assessment')
  const [w, setW] = useState(board.weights)
  useEffect(() => setW(board.weights), [board.weights])
  const act = useAction<AssessmentBoardDto>(onSaved)
  const dirty = JSON.stringify(w) !== JSON.stringify(board.weights)
  return (
    <details className="card p-4" data-testid="assessment-weights">
      <summary className="cursor-pointer font-medium">{t('weightsTitle', { version: board.weightsVersion })}{board.weightsSetAt ? ` · ${formatDate(board.weightsSetAt, i18n.language)}` : ''}</summary>
      <form className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4" onSubmit={(e) => { e.preventDefault(); void act.run(() => assessmentApi.setWeights(board.year, w)) }}>
        {METRICS.map((m) => (
          <div key={m.key}>
            <label className="label" htmlFor={`w-${m.key}`}>{t(`metric.${m.key}`)}</label>
            <input id={`w-${m.key}`} type="number" min={0} max={100} className="input" value={w[m.key]} data-testid="assessment-weight" data-metric={m.key}
              onChange={(e) => setW({ ...w, [m.key]: Number(e.target.value) })} />
          </div>
        ))}
        <div className="col-span-2 flex items-end sm:col-span-4">
          <button type="submit" className="btn-primary" disabled={!dirty || act.busy} data-testid="assessment-weights-save">{t('saveWeights')}</button>
        </div>
      </form>
      {act.error && <ErrorMessage error={act.error} testId="assessment-weights-error" />}
    </details>
  )
}

/** /admin/assessment — the year's board: units ranked by score, every figure opening its records. */
export function AssessmentPage() {
  const { t } = useTranslation('assessment')
  const { t: tc } = useTranslation()
  const [params, setParams] = useSearchParams()
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))
  const year = Number(params.get('year')) || thisYear
  const board = useAsync(() => assessmentApi.board(year), `assessment:${year}`)
  const [open, setOpen] = useState<{ unit: { id: string; name: string }; metric: MetricKey } | null>(null)
  const b = board.data
  const chart = useMemo<ChartOption | null>(() => (b ? {
    grid: { left: 140, right: 24, top: 8, bottom: 24 },
    tooltip: {},
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: b.rows.map((r) => r.unit.name) },
    series: [{ type: 'bar', data: b.rows.map((r) => r.score), itemStyle: { color: '#a61b1e' }, label: { show: true, position: 'right' } }],
  } : null), [b])
  return (
    <div className="space-y-4" data-testid="assessment-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('titleYear', { year })}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label className="label" htmlFor="assessment-year">{t('year')}</label>
            <select id="assessment-year" className="input w-auto" value={year} onChange={(e) => setParams({ year: e.target.value })} data-testid="assessment-year">
              {[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
          <a href={assessmentApi.xlsxUrl(year)} className="btn-secondary" download data-testid="assessment-xlsx">{t('xlsx')}</a>
        </div>
      </section>
      {board.loading && !b && <Loading />}
      {board.error && <ErrorMessage error={board.error} onRetry={board.reload} />}
      {b && <Weights board={b} onSaved={(x) => board.setData(() => x)} />}
      {b && b.rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="assessment-empty">{t('empty')}</p>}
      {b && b.rows.length > 0 && chart && (
        <section className="card p-4" aria-labelledby="assessment-chart-title">
          <h2 id="assessment-chart-title" className="section-title">{t('chartTitle')}</h2>
          <EChart option={chart} label={t('chartLabel', { list: b.rows.map((r) => `${r.rank}. ${r.unit.name} ${r.score}`).join('；') })} className="mt-2 h-64 w-full" testId="assessment-chart" />
        </section>
      )}
      {b && b.rows.length > 0 && (
        <section className="card overflow-x-auto p-4" aria-labelledby="assessment-table-title">
          <h2 id="assessment-table-title" className="section-title">{t('tableTitle')}</h2>
          <table className="mt-2 w-full min-w-[60rem] text-sm" data-testid="assessment-table">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-600">
                <th scope="col" className="py-1">{t('rank')}</th><th scope="col">{t('unit')}</th><th scope="col">{t('score')}</th>
                {METRICS.map((m) => <th key={m.key} scope="col" className="px-1">{t(`metric.${m.key}`)}<span className="block text-xs font-normal text-slate-600">{t('weight', { w: b.weights[m.key] })}</span></th>)}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r) => (
                <tr key={r.unit.id} className="border-b border-slate-100" data-testid="assessment-row" data-unit-id={r.unit.id} data-rank={r.rank} data-score={r.score}>
                  <td className="py-1 font-bold">{r.rank}</td>
                  <th scope="row" className="text-left font-medium">{r.unit.name}</th>
                  <td className="font-bold text-accent" data-testid="assessment-score">{r.score}</td>
                  {METRICS.map((m) => (
                    <td key={m.key} className="px-1">
                      <button type="button" className="underline decoration-dotted hover:text-accent" data-testid="assessment-figure" data-metric={m.key}
                        aria-label={t('openRecords', { unit: r.unit.name, metric: t(`metric.${m.key}`), value: show(r.figures[m.key], m.kind) })}
                        onClick={() => setOpen({ unit: r.unit, metric: m.key })}>
                        {show(r.figures[m.key], m.kind)}
                      </button>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {open && <Records key={`${open.unit.id}:${open.metric}`} year={year} unit={open.unit} metric={open.metric} onClose={() => setOpen(null)} />}
    </div>
  )
}

import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { HotlineFiguresDto } from '@openday/protocol'
import { barsFor, percent, type Bar } from './calls.ts'
import { EChart, type ChartOption } from '../components/EChart.tsx'
import { labelOf } from './picker.ts'
import { useTaxonomy } from './useTaxonomy.ts'

/** A rate the server sends as a fraction (0–1), shown as a percentage with one decimal. */
export function ratePercent(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null
  return Math.round(rate * 1000) / 10
}

function bars(list: Bar[]): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 32, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: 'category', data: [...list].reverse().map((b) => b.label), axisTick: { show: false }, axisLabel: { fontSize: 12, color: '#334155' } },
    series: [{ type: 'bar', data: [...list].reverse().map((b) => b.count), barMaxWidth: 16, itemStyle: { color: '#9f1d20' }, label: { show: true, position: 'right' } }],
  }
}

function Breakdown({ title, list, testId }: { title: string; list: Bar[]; testId: string }) {
  const option = useMemo(() => bars(list), [list])
  return (
    <div>
      <h3 className="text-sm font-bold text-slate-800">{title}</h3>
      <EChart option={option} label={title} className="h-56" />
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {list.map((b) => (
            <tr key={b.id || 'other'} data-testid={testId} data-id={b.id} data-count={b.count}><th scope="row">{b.label}</th><td>{b.count}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The anonymous figures of a hotline day on its archive page. */
export function HotlineFigures({ figures }: { figures: HotlineFiguresDto }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const taxonomy = useTaxonomy()
  const other = t('hotline.unknownCategory')
  const domains = useMemo(() => barsFor(figures.byDomain, taxonomy.domains.map((d) => ({ ...d, label: labelOf(d, lang) })), other), [figures, taxonomy.domains, lang, other])
  const types = useMemo(() => barsFor(figures.byAppealType, taxonomy.appealTypes.map((d) => ({ ...d, label: labelOf(d, lang) })), other), [figures, taxonomy.appealTypes, lang, other])
  const onTime = percent(figures.closedOnTime, figures.handedOff)
  const satisfaction = ratePercent(figures.satisfactionRate)
  const items: [string, number | string, string, string | undefined][] = [
    ['calls', figures.calls, 'hf-calls', undefined],
    ['answered', figures.answered, 'hf-answered', percent(figures.answered, figures.calls) === null ? undefined : t('hotline.board.percent', { n: percent(figures.answered, figures.calls)! })],
    ['handedOff', figures.handedOff, 'hf-handed-off', undefined],
    ['closed', figures.closed, 'hf-closed', undefined],
    ['closedOnTime', figures.closedOnTime, 'hf-closed-on-time', onTime === null ? undefined : t('hotline.figures.ofHandedOff', { n: onTime })],
    ['satisfaction', satisfaction === null ? '—' : t('hotline.board.percent', { n: satisfaction }), 'hf-satisfaction', satisfaction === null ? t('hotline.figures.noCallbacks') : undefined],
  ]
  return (
    <div className="space-y-4" data-testid="hotline-figures">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {items.map(([key, value, testId, sub]) => (
          <div key={key} className="rounded bg-slate-50 p-3 text-center">
            <dt className="text-xs text-slate-500">{t(`hotline.figures.${key}` as 'hotline.figures.calls')}</dt>
            <dd className="text-2xl font-bold text-accent" data-testid={testId}
              data-value={testId === 'hf-satisfaction' ? (figures.satisfactionRate ?? '') : value}>{value}</dd>
            {sub && <dd className="text-xs text-slate-500">{sub}</dd>}
          </div>
        ))}
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <Breakdown title={t('hotline.board.byDomain')} list={domains} testId="hf-domain" />
        <Breakdown title={t('hotline.board.byType')} list={types} testId="hf-type" />
      </div>
    </div>
  )
}

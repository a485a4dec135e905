import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../lib/format.ts'
import { barsFor, callsNewestFirst, figuresFromCalls, percent, type AnyCall, type Bar } from './calls.ts'
import { EChart, type ChartOption } from '../components/EChart.tsx'
import { labelOf } from './picker.ts'
import type { Taxonomy } from './useTaxonomy.ts'

// The live board of a hotline day: on the public page, and full screen on the venue's display.
// It only ever has CallPublicDto fields to show (domain, type, disposition, time): no name, no
// number, no content, whatever the viewer's role.

export type BoardSize = 'page' | 'venue'

const PALETTE = ['#9f1d20', '#b7791f', '#1e3a8a', '#0f766e', '#7c2d12', '#475569', '#a16207', '#6b21a8', '#155e75']
const TICKER_LENGTH = 8

function barOption(bars: Bar[], size: BoardSize, seriesName: string): ChartOption {
  const big = size === 'venue'
  const font = big ? 22 : 13
  // Horizontal bars read well with long Chinese labels; the first category at the top.
  const rows = [...bars].reverse()
  return {
    animationDuration: 300,
    animationDurationUpdate: 300,
    grid: { left: 8, right: big ? 56 : 36, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: '#e2e8f0' } } },
    yAxis: { type: 'category', data: rows.map((b) => b.label), axisTick: { show: false }, axisLabel: { fontSize: font, color: '#1e293b' } },
    series: [{
      type: 'bar',
      name: seriesName,
      data: rows.map((b) => b.count),
      barMaxWidth: big ? 40 : 18,
      itemStyle: { color: '#9f1d20', borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', fontSize: font, fontWeight: 'bold', color: '#0f172a' },
    }],
  }
}

function pieOption(bars: Bar[], size: BoardSize, seriesName: string): ChartOption {
  const big = size === 'venue'
  const font = big ? 20 : 12
  return {
    animationDuration: 300,
    animationDurationUpdate: 300,
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [{
      type: 'pie',
      name: seriesName,
      radius: big ? ['38%', '68%'] : ['35%', '65%'],
      avoidLabelOverlap: true,
      // Categories without calls would only clutter the ring; the table lists them with 0.
      data: bars.filter((b) => b.count > 0).map((b) => ({ name: b.label, value: b.count })),
      label: { fontSize: font, formatter: '{b} {c}', color: '#1e293b' },
      labelLine: { length: big ? 16 : 8, length2: big ? 12 : 6 },
    }],
  }
}

/** The figures as a table too: for screen readers, and as the tested truth behind the chart. */
function BarTable({ bars, testId, caption }: { bars: Bar[]; testId: string; caption: string }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <tbody>
        {bars.map((b) => (
          <tr key={b.id || 'other'} data-testid={testId} data-id={b.id} data-count={b.count}>
            <th scope="row">{b.label}</th>
            <td>{b.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Figure({ label, value, sub, testId, size }: { label: string; value: number; sub?: string; testId: string; size: BoardSize }) {
  const big = size === 'venue'
  return (
    <div className={`rounded border border-slate-200 bg-white text-center ${big ? 'p-6' : 'p-3'}`}>
      <dt className={big ? 'text-2xl text-slate-600' : 'text-xs text-slate-500'}>{label}</dt>
      <dd className={`font-bold tabular-nums text-accent ${big ? 'text-7xl' : 'text-3xl'}`} data-testid={testId} data-value={value}>{value}</dd>
      {sub && <dd className={big ? 'mt-1 text-xl text-slate-500' : 'text-xs text-slate-500'}>{sub}</dd>}
    </div>
  )
}

export function HotlineBoard({ calls, taxonomy, size = 'page' }: { calls: AnyCall[]; taxonomy: Taxonomy; size?: BoardSize }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const big = size === 'venue'
  const f = useMemo(() => figuresFromCalls(calls), [calls])
  const other = t('hotline.unknownCategory')
  const domainBars = useMemo(() => barsFor(f.byDomain, taxonomy.domains.map((d) => ({ ...d, label: labelOf(d, lang) })), other), [f, taxonomy.domains, lang, other])
  const typeBars = useMemo(() => barsFor(f.byAppealType, taxonomy.appealTypes.map((d) => ({ ...d, label: labelOf(d, lang) })), other), [f, taxonomy.appealTypes, lang, other])
  const domainOption = useMemo(() => barOption(domainBars, size, t('hotline.board.byDomain')), [domainBars, size, t])
  const typeOption = useMemo(() => pieOption(typeBars, size, t('hotline.board.byType')), [typeBars, size, t])
  const recent = callsNewestFirst(calls).slice(0, TICKER_LENGTH)
  const pct = (n: number) => {
    const p = percent(n, f.calls)
    return p === null ? undefined : t('hotline.board.percent', { n: p })
  }

  const figures = (
    <dl className={`grid grid-cols-3 ${big ? 'gap-6' : 'gap-2'}`}>
      <Figure size={size} label={t('hotline.board.total')} value={f.calls} testId="board-total" />
      <Figure size={size} label={t('hotline.board.answered')} value={f.answered} sub={pct(f.answered)} testId="board-answered" />
      <Figure size={size} label={t('hotline.board.handedOff')} value={f.handedOff} sub={pct(f.handedOff)} testId="board-handed-off" />
    </dl>
  )
  const box = `rounded border border-slate-200 bg-white ${big ? 'p-5' : 'p-3'}`
  const heading = big ? 'text-2xl font-bold text-slate-900' : 'section-title text-sm'
  const charts = (
    <div className={`grid ${big ? 'gap-6 lg:grid-cols-2' : 'gap-4 md:grid-cols-2'}`}>
      <section className={box} data-testid="board-by-domain" aria-labelledby={`bd-${size}`}>
        <h3 id={`bd-${size}`} className={heading}>{t('hotline.board.byDomain')}</h3>
        <EChart option={domainOption} label={t('hotline.board.byDomain')} className={big ? 'h-[24rem]' : 'h-64'} testId="board-domain-chart" />
        <BarTable bars={domainBars} testId="board-domain" caption={t('hotline.board.byDomain')} />
      </section>
      <section className={box} data-testid="board-by-type" aria-labelledby={`bt-${size}`}>
        <h3 id={`bt-${size}`} className={heading}>{t('hotline.board.byType')}</h3>
        <EChart option={typeOption} label={t('hotline.board.byType')} className={big ? 'h-[24rem]' : 'h-64'} testId="board-type-chart" />
        <BarTable bars={typeBars} testId="board-type" caption={t('hotline.board.byType')} />
      </section>
    </div>
  )
  const ticker = (
    <section className={box} aria-labelledby={`tk-${size}`}>
      <h3 id={`tk-${size}`} className={heading}>{t('hotline.board.recent')}</h3>
      {recent.length === 0 ? (
        <p className={`py-4 text-center text-slate-500 ${big ? 'text-2xl' : 'text-sm'}`} data-testid="board-ticker-empty">{t('hotline.board.noCalls')}</p>
      ) : (
        // aria-live: a screen reader announces each new call as it is logged.
        <ol className={`mt-2 divide-y divide-slate-100 ${big ? 'text-2xl' : 'text-sm'}`} data-testid="board-ticker" data-count={recent.length} aria-live="polite">
          {recent.map((c, i) => (
            <li key={c.id} className={`flex items-baseline gap-3 ${big ? 'py-4' : 'py-1.5'} ${i === 0 ? 'font-bold text-slate-900' : 'text-slate-700'}`}
              data-testid="ticker-item" data-call-id={c.id} data-disposition={c.disposition} data-domain-id={c.domainId} data-type-id={c.appealTypeId}>
              <time className={`shrink-0 tabular-nums text-slate-500 ${big ? 'text-xl' : 'text-xs'}`} dateTime={c.createdAt}>{formatDate(c.createdAt, lang, 'time')}</time>
              <span className="min-w-0 flex-1" data-testid="ticker-text">
                {t('hotline.board.tickerLine', { domain: taxonomy.domainLabel(c.domainId), type: taxonomy.typeLabel(c.appealTypeId), disposition: t(`hotline.dispositionDone.${c.disposition}`) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )

  return (
    <div data-testid="hotline-board" data-size={size} data-calls={f.calls}>
      {big ? (
        // The venue screen: figures and charts on the left, the running list of calls on the right.
        <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
          <div className="space-y-6">{figures}{charts}</div>
          {ticker}
        </div>
      ) : (
        <div className="space-y-4">{figures}{charts}{ticker}</div>
      )}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { SummaryFiguresDto } from '@openday/protocol'

/** The summary's figures as tables, read-only: counted from the records, never typed. */
export function FiguresTables({ f }: { f: SummaryFiguresDto }) {
  const { t } = useTranslation('summaries')
  const { t: tc } = useTranslation()
  const rows: [string, number | string][] = [
    [t('fig.peakViewers'), f.totals.peakViewers], [t('fig.uniqueViewers'), f.totals.uniqueViewers], [t('fig.received'), f.totals.received], [t('fig.approved'), f.totals.approved],
    [t('fig.answeredLive'), f.totals.answeredLive], [t('fig.repliesDue'), f.totals.repliesDue], [t('fig.repliesPublished'), f.totals.repliesPublished],
    [t('fig.repliesOnTime'), f.totals.repliesOnTime],
  ]
  return (
    <section className="space-y-3" aria-labelledby="summary-figures-title" data-testid="summary-figures">
      <h2 id="summary-figures-title" className="section-title">{t('figuresTitle')}</h2>
      <p className="text-xs text-slate-500">{t('figuresHint')}</p>
      <table className="w-full text-sm" data-testid="summary-figures-totals">
        <caption className="sr-only">{t('figuresTitle')}</caption>
        <tbody>
          {rows.map(([k, v]) => <tr key={k} className="border-b border-slate-100"><th scope="row" className="py-1 text-left font-normal text-slate-700">{k}</th><td className="py-1 text-right font-bold" data-testid="summary-figure">{v}</td></tr>)}
        </tbody>
      </table>
      {f.hotline && (
        <table className="w-full text-sm" data-testid="summary-figures-hotline">
          <caption className="text-left text-sm font-medium text-slate-800">{t('fig.hotlineTitle', { calls: f.hotline.calls, closed: f.hotline.closed, onTime: f.hotline.closedOnTime })}</caption>
          <thead><tr><th scope="col" className="text-left">{t('fig.domain')}</th><th scope="col" className="text-right">{t('fig.calls')}</th></tr></thead>
          <tbody>{f.hotline.byDomain.map((d) => <tr key={d.name}><td>{d.name}</td><td className="text-right">{d.calls}</td></tr>)}</tbody>
        </table>
      )}
      {f.hotline && (
        <table className="w-full text-sm" data-testid="summary-figures-appeal-types">
          <caption className="text-left text-sm font-medium text-slate-800">{t('fig.appealTitle', { rate: f.hotline.satisfactionRate === null ? '—' : `${Math.round(f.hotline.satisfactionRate * 1000) / 10}%` })}</caption>
          <thead><tr><th scope="col" className="text-left">{t('fig.appealType')}</th><th scope="col" className="text-right">{t('fig.calls')}</th></tr></thead>
          <tbody>{f.hotline.byAppealType.map((d) => <tr key={d.name}><td>{d.name}</td><td className="text-right">{d.calls}</td></tr>)}</tbody>
        </table>
      )}
      {f.publicity.length > 0 && (
        <table className="w-full text-sm" data-testid="summary-figures-publicity">
          <caption className="text-left text-sm font-medium text-slate-800">{t('fig.publicityTitle', { n: f.publicity.length })}</caption>
          <thead><tr><th scope="col" className="text-left">{t('fig.date')}</th><th scope="col" className="text-left">{t('fig.where')}</th><th scope="col" className="text-left">{t('fig.title')}</th></tr></thead>
          <tbody>{f.publicity.map((p, i) => <tr key={i}><td>{p.date}</td><td>{p.journal ?? p.source}{p.bonus ? ` ${t('fig.bonus')}` : ''}</td><td>{p.title}</td></tr>)}</tbody>
        </table>
      )}
      <p className="text-xs text-slate-500">{tc(`eventForm.${f.event.form}`)} · {f.event.units.map((u) => u.name).join(tc('common.listSeparator'))}</p>
    </section>
  )
}

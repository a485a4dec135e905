import { useTranslation } from 'react-i18next'
import type { QuestionResultDto } from '@openday/protocol'

// The figures of one question as text and bars: readable by a screen reader, printable, and light
// enough for a phone on a slow network. Charts (ECharts) are added beside them where there is room.

function Bar({ label, count, percent, testId, big }: { label: string; count: number; percent: number; testId?: string; big?: boolean }) {
  const { t } = useTranslation('surveys')
  return (
    <li data-testid={testId} data-count={count}>
      <div className={`flex justify-between gap-2 ${big ? 'text-2xl' : 'text-sm'}`}>
        <span className="min-w-0 break-words">{label}</span>
        <span className="shrink-0 tabular-nums text-slate-700">{t('countPercent', { count, percent })}</span>
      </div>
      <div className={`mt-1 overflow-hidden rounded bg-slate-100 ${big ? 'h-6' : 'h-2.5'}`} aria-hidden="true">
        <div className="h-full rounded bg-accent" style={{ width: `${Math.min(100, percent)}%` }} />
      </div>
    </li>
  )
}

export function ResultView({ result, big = false }: { result: QuestionResultDto; big?: boolean }) {
  const { t } = useTranslation('surveys')
  const r = result
  const answered = <p className={`${big ? 'text-xl' : 'text-xs'} text-slate-600`} data-testid="result-answered">{t('answered', { n: r.answered })}</p>
  switch (r.kind) {
    case 'single':
    case 'multiple':
    case 'satisfaction':
      return (
        <div className="space-y-2" data-testid={`result-${r.id}`}>
          {answered}
          {r.kind === 'satisfaction' && r.satisfactionRate !== null && <p className="font-medium" data-testid="satisfaction-rate">{t('satisfactionRate', { rate: r.satisfactionRate })}</p>}
          <ul className="space-y-2">{r.options.map((o) => <Bar key={o.id} label={o.label} count={o.count} percent={o.percent} testId={`result-${r.id}-${o.id}`} big={big} />)}</ul>
        </div>
      )
    case 'rating':
      return (
        <div className="space-y-2" data-testid={`result-${r.id}`}>
          {answered}
          {r.mean !== null && <p className={big ? 'text-3xl font-bold' : 'font-medium'} data-testid="result-mean">{t('mean', { mean: r.mean, scale: r.scale })}</p>}
          <ul className="space-y-1">{r.distribution.map((d) => <Bar key={d.value} label={String(d.value)} count={d.count} percent={d.percent} big={big} />)}</ul>
        </div>
      )
    case 'number':
      return (
        <div data-testid={`result-${r.id}`}>
          {answered}
          {r.mean !== null && <p className="text-sm" data-testid="result-mean">{t('numberSummary', { mean: r.mean, median: r.median, min: r.min, max: r.max })}</p>}
        </div>
      )
    case 'ranking':
      return (
        <div className="space-y-2" data-testid={`result-${r.id}`}>
          {answered}
          <ol className={`list-decimal space-y-1 pl-6 ${big ? 'text-2xl' : 'text-sm'}`}>
            {r.options.map((o) => (
              <li key={o.id} data-testid={`result-${r.id}-${o.id}`}>
                {o.label} <span className="text-slate-600">{o.meanRank === null ? t('notRanked') : t('meanRank', { rank: o.meanRank, first: o.first })}</span>
              </li>
            ))}
          </ol>
        </div>
      )
    case 'words': {
      const max = Math.max(1, ...r.words.map((w) => w.count))
      return (
        <div data-testid={`result-${r.id}`}>
          {answered}
          {r.words.length === 0 ? <p className="text-sm text-slate-500">{t('noWords')}</p> : (
            <ul className="mt-2 flex flex-wrap items-baseline justify-center gap-x-4 gap-y-1" aria-label={t('wordCloud')}>
              {r.words.map((w) => (
                <li key={w.word} className="text-accent" style={{ fontSize: `${(big ? 1.5 : 0.9) + ((big ? 3 : 1.4) * w.count) / max}rem` }} data-testid="cloud-word" data-count={w.count}>
                  {w.word}<span className="sr-only">{t('times', { n: w.count })}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )
    }
    case 'text':
      return (
        <div data-testid={`result-${r.id}`}>
          {answered}
          {r.texts.length === 0 ? <p className="text-sm text-slate-500">{t('noTexts')}</p> : (
            <ul className="mt-2 space-y-1">
              {r.texts.map((x) => <li key={x.id} className="user-text rounded bg-slate-50 p-2 text-sm" data-testid="result-text">{x.body}</li>)}
            </ul>
          )}
        </div>
      )
  }
}

import { lazy, Suspense } from 'react'
import { useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { QuestionResultDto, SurveyResultsDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { ResultView } from './ResultView.tsx'

// The charts library only loads where charts are drawn (the unit's live results); the public
// report stays light and prints as text and bars.
const QuestionChart = lazy(() => import('./QuestionChart.tsx').then((m) => ({ default: m.QuestionChart })))

const KIND_KEY = { single: 'single', multiple: 'multiple', rating: 'rating', satisfaction: 'satisfaction', ranking: 'ranking', number: 'number', text: 'text', words: 'words' } as const

/** A survey's figures as a report: period, organiser, sample size, then each question. Printable. */
export function ResultsReport({ r, charts = false, renderText }: { r: SurveyResultsDto; charts?: boolean; renderText?: (q: Extract<QuestionResultDto, { kind: 'text' }>) => React.ReactNode }) {
  const { t, i18n } = useTranslation('surveys')
  return (
    <div className="space-y-4" data-testid="survey-results" data-valid={r.valid}>
      <header className="card border-t-4 border-t-accent p-4">
        <h1 className="text-xl font-bold text-slate-900">{t('resultsOf', { title: r.title })}</h1>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">{t('organiser')}</dt><dd>{r.department}</dd>
          <dt className="text-slate-600">{t('periodLabel')}</dt>
          <dd>{r.period.from ? formatDate(r.period.from, i18n.language) : '—'} – {r.period.to ? formatDate(r.period.to, i18n.language) : '—'}</dd>
          <dt className="text-slate-600">{t('sample')}</dt><dd data-testid="results-valid">{t('validN', { n: r.valid })}</dd>
          {r.byChannel && (
            <><dt className="text-slate-600">{t('channels')}</dt>
              <dd data-testid="results-channels">{t('byChannel', { online: r.byChannel.online, paper: r.byChannel.paper, phone: r.byChannel.phone, total: r.total })}</dd></>
          )}
          {r.flaggedAddresses && r.flaggedAddresses.addresses > 0 && (
            <><dt className="text-slate-600">{t('flagged')}</dt><dd data-testid="results-flagged">{t('flaggedText', r.flaggedAddresses)}</dd></>
          )}
        </dl>
        <p className="mt-2 text-xs text-slate-500">{t('generatedAt', { time: formatDate(r.generatedAt, i18n.language) })}</p>
      </header>
      {r.questions.map((q, i) => (
        <section key={q.id} className="card break-inside-avoid p-4" aria-labelledby={`res-${q.id}`} data-testid="result-question" data-question-id={q.id}>
          <h2 id={`res-${q.id}`} className="font-bold text-slate-900">{i + 1}. {q.title} <span className="text-xs font-normal text-slate-500">（{t(`kinds.${KIND_KEY[q.kind]}`)}）</span></h2>
          <div className="mt-2 grid gap-4 md:grid-cols-2">
            <div>{q.kind === 'text' && renderText ? renderText(q) : <ResultView result={q} />}</div>
            {charts && q.answered > 0 && ['single', 'multiple', 'satisfaction', 'rating'].includes(q.kind) && (
              <Suspense fallback={null}><QuestionChart result={q} /></Suspense>
            )}
          </div>
        </section>
      ))}
    </div>
  )
}

/** The public results page, once the unit publishes it. */
export function PublicResultsPage() {
  const { surveyId = '' } = useParams()
  const { t } = useTranslation('surveys')
  const { data, error, loading, reload } = useAsync(() => surveysApi.publicResults(surveyId), `survey-results:${surveyId}`)
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={error.code === 'NOT_FOUND' ? undefined : reload} />
  if (!data) return null
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <div className="flex justify-end print:hidden"><button type="button" className="btn-secondary" onClick={() => window.print()} data-testid="print-results">{t('print')}</button></div>
      <ResultsReport r={data} />
    </div>
  )
}

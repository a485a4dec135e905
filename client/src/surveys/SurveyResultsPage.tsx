import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { QuestionResultDto, SurveyResponseRowDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { ResultsReport } from './ResultsReport.tsx'

/** While a survey is open its figures move: read them again this often. */
const LIVE_MS = 5000

function TextModeration({ surveyId, q, onDone }: { surveyId: string; q: Extract<QuestionResultDto, { kind: 'text' }>; onDone: () => void }) {
  const { t } = useTranslation('surveys')
  const [error, setError] = useState<ApiError | null>(null)
  const decide = async (tid: string, status: 'approved' | 'rejected') => {
    setError(null)
    try { await surveysApi.decideText(surveyId, tid, status); onDone() } catch (err) { setError(toApiError(err)) }
  }
  return (
    <div>
      <p className="text-xs text-slate-600">{t('answered', { n: q.answered })}</p>
      {error && <ErrorMessage error={error} />}
      <ul className="mt-2 space-y-2">
        {q.texts.map((x) => (
          <li key={x.id} className="rounded border border-slate-200 p-2" data-testid="staff-text" data-status={x.status}>
            <p className="user-text text-sm">{x.body}</p>
            {x.sensitiveHits && x.sensitiveHits.length > 0 && <p className="text-xs text-red-700">{t('hits', { words: x.sensitiveHits.join('、') })}</p>}
            <div className="mt-1 flex items-center gap-2 text-xs print:hidden">
              <span className="text-slate-600">{t(`textStatus.${x.status ?? 'pending'}`)}</span>
              {x.status !== 'approved' && <button type="button" className="btn-secondary py-0.5" onClick={() => void decide(x.id, 'approved')} data-testid="text-approve">{t('approve')}</button>}
              {x.status !== 'rejected' && <button type="button" className="btn-secondary py-0.5" onClick={() => void decide(x.id, 'rejected')} data-testid="text-reject">{t('reject')}</button>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}

function ResponseRow({ surveyId, r, onSaved }: { surveyId: string; r: SurveyResponseRowDto; onSaved: (r: SurveyResponseRowDto) => void }) {
  const { t, i18n } = useTranslation('surveys')
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const save = async (valid: boolean) => {
    setError(null)
    try { onSaved(await surveysApi.setValidity(surveyId, r.id, valid, reason.trim())); setAsking(false); setReason('') } catch (err) { setError(toApiError(err)) }
  }
  return (
    <li className="flex flex-wrap items-center gap-2 py-1" data-testid="response-row" data-valid={r.valid} data-channel={r.channel}>
      <span className="tabular-nums">{formatDate(r.createdAt, i18n.language)}</span>
      <span>{t(`channels_.${r.channel}`)}{r.enteredBy && ` · ${r.enteredBy}`}{r.paperRef && ` · ${r.paperRef}`}</span>
      <span className="text-slate-600">{t('versionN', { n: r.version })}</span>
      {r.flagged && <span className="rounded bg-amber-100 px-1 text-xs text-amber-900">{t('sharedAddress')}</span>}
      {!r.valid && <span className="text-xs text-red-700">{t('notCounted', { reason: r.invalidReason ?? '' })}</span>}
      {r.valid && !asking && <button type="button" className="btn-secondary ml-auto py-0.5 text-xs" onClick={() => setAsking(true)} data-testid="response-discount">{t('discount')}</button>}
      {!r.valid && <button type="button" className="btn-secondary ml-auto py-0.5 text-xs" onClick={() => void save(true)} data-testid="response-count">{t('count')}</button>}
      {asking && (
        <span className="ml-auto flex items-center gap-1">
          <label className="sr-only" htmlFor={`reason-${r.id}`}>{t('invalidReason')}</label>
          <input id={`reason-${r.id}`} className="input py-0.5 text-xs" maxLength={200} placeholder={t('invalidReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="btn-danger py-0.5 text-xs" disabled={!reason.trim()} onClick={() => void save(false)}>{t('discount')}</button>
          <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => setAsking(false)}>{t('cancel')}</button>
        </span>
      )}
      {error && <ErrorMessage error={error} />}
    </li>
  )
}

function Responses({ surveyId, onChanged }: { surveyId: string; onChanged: () => void }) {
  const { t } = useTranslation('surveys')
  const { data, setData, error } = useAsync(() => surveysApi.responses(surveyId), `responses:${surveyId}`)
  const [more, setMore] = useState(true)
  const older = async () => {
    const page = await surveysApi.responses(surveyId, data?.at(-1)?.id)
    if (page.length < 100) setMore(false)
    setData((list) => [...(list ?? []), ...page])
  }
  if (error) return <ErrorMessage error={error} />
  return (
    <section className="card p-4 print:hidden" aria-labelledby="responses-title">
      <h2 id="responses-title" className="section-title">{t('responsesTitle')}</h2>
      <ul className="mt-2 divide-y divide-slate-200 text-sm" data-testid="response-list">
        {(data ?? []).map((r) => (
          <ResponseRow key={r.id} surveyId={surveyId} r={r} onSaved={(next) => { setData((list) => list?.map((x) => (x.id === next.id ? next : x))); onChanged() }} />
        ))}
      </ul>
      {data && data.length >= 100 && more && <button type="button" className="btn-secondary mt-2" onClick={() => void older()}>{t('older')}</button>}
    </section>
  )
}

/** The unit's live results: figures with charts, free texts to moderate, exports, and the public report. */
export function SurveyResultsPage() {
  const { surveyId = '' } = useParams()
  const { t } = useTranslation('surveys')
  const survey = useAsync(() => surveysApi.get(surveyId), `survey-staff:${surveyId}`)
  const results = useAsync(() => surveysApi.results(surveyId), `survey-results-staff:${surveyId}`)
  const [error, setError] = useState<ApiError | null>(null)
  const open = survey.data?.open ?? false
  const reloadResults = results.reload
  useEffect(() => {
    if (!open) return
    const timer = setInterval(reloadResults, LIVE_MS)
    return () => clearInterval(timer)
  }, [open, reloadResults])

  if ((survey.loading && !survey.data) || (results.loading && !results.data)) return <Loading />
  if (survey.error) return <ErrorMessage error={survey.error} onRetry={survey.reload} />
  if (results.error) return <ErrorMessage error={results.error} onRetry={results.reload} />
  if (!survey.data || !results.data) return null
  const s = survey.data
  const togglePublic = async () => {
    setError(null)
    try { const next = await surveysApi.setResultsPublic(s.id, !s.resultsPublic); survey.setData(() => next) } catch (err) { setError(toApiError(err)) }
  }

  return (
    <div className="space-y-4" data-testid="survey-results-page" data-survey-id={s.id}>
      <div className="card flex flex-wrap items-center gap-2 p-3 print:hidden">
        <Link className="btn-secondary" to={`/unit/surveys/${encodeURIComponent(s.id)}`}>{t('editTab')}</Link>
        {s.status !== 'draft' && <Link className="btn-secondary" to={`/unit/surveys/${encodeURIComponent(s.id)}/entry`}>{t('entryTab')}</Link>}
        <a className="btn-secondary" href={surveysApi.exportUrl(s.id, 'xlsx')} download data-testid="export-xlsx">{t('exportXlsx')}</a>
        <a className="btn-secondary" href={surveysApi.exportUrl(s.id, 'csv')} download data-testid="export-csv">{t('exportCsv')}</a>
        <a className="btn-secondary" href={surveysApi.codebookUrl(s.id)} download>{t('exportCodebook')}</a>
        <button type="button" className="btn-secondary" onClick={() => window.print()}>{t('print')}</button>
        <button type="button" className={s.resultsPublic ? 'btn-danger' : 'btn-primary'} disabled={s.status === 'draft'} onClick={() => void togglePublic()} data-testid="results-public-toggle">
          {s.resultsPublic ? t('withdrawResults') : t('publishResults')}
        </button>
        {s.resultsPublic && <Link className="text-sm text-accent underline" to={`/surveys/${encodeURIComponent(s.id)}/results`} data-testid="public-results-link">{t('publicResults')}</Link>}
        {open && <span className="text-xs text-slate-600" role="status">{t('liveNote')}</span>}
        {s.textsPending > 0 && <span className="text-xs text-amber-900">{t('textsPending', { n: s.textsPending })}</span>}
      </div>
      {error && <ErrorMessage error={error} />}
      <ResultsReport r={results.data} charts renderText={(q) => <TextModeration surveyId={s.id} q={q} onDone={() => { results.reload(); survey.reload() }} />} />
      <Responses surveyId={s.id} onChanged={results.reload} />
    </div>
  )
}

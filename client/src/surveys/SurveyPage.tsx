import { useRef, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { type AnswerIssue, type Answers, type AnswerValue, allQuestions, checkAnswers, keepShown, type PublicSurveyDto, shownIds } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { newClientId } from '../lib/ids.ts'
import { readString, writeString } from '../lib/storage.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { QuestionInput } from './QuestionInput.tsx'

const doneKey = (id: string) => `openday:survey:${id}`

/** The questions of a questionnaire with the skip logic applied as the respondent answers. */
export function QuestionFields({ survey, answers, setAnswer, issues, idPrefix, numbered }: {
  survey: Pick<PublicSurveyDto, 'definition'>; answers: Answers; setAnswer: (id: string, v: AnswerValue | undefined) => void
  issues: AnswerIssue[]; idPrefix: string; numbered?: boolean
}) {
  const { t } = useTranslation('surveys')
  const shown = shownIds(allQuestions(survey.definition), answers)
  let n = 0
  return (
    <>
      {survey.definition.sections.map((sec) => {
        const qs = sec.questions.filter((q) => shown.has(q.id))
        if (qs.length === 0) return null
        return (
          <section key={sec.id} className="card space-y-5 p-4" aria-labelledby={sec.title ? `${idPrefix}-sec-${sec.id}` : undefined}>
            {sec.title && <h2 id={`${idPrefix}-sec-${sec.id}`} className="section-title">{sec.title}</h2>}
            {sec.description && <p className="user-text text-sm text-slate-600">{sec.description}</p>}
            {qs.map((q) => {
              n++
              const issue = issues.find((i) => i.questionId === q.id)
              return (
                <div key={q.id} data-testid="survey-question" data-question-id={q.id}>
                  <p id={`${idPrefix}-${q.id}-label`} className="text-base font-medium text-slate-900">
                    {n}. {q.title}{q.required && <span className="text-accent" aria-label={t('required')}> *</span>}
                  </p>
                  {q.help && <p className="mt-1 text-sm text-slate-600">{q.help}</p>}
                  <QuestionInput question={q} value={answers[q.id]} onChange={(v) => setAnswer(q.id, v)} idPrefix={idPrefix} invalid={!!issue} numbered={numbered} />
                  {issue && <p className="mt-1 text-sm text-red-700" role="alert" data-testid="question-issue">{t(`problem.${issue.problem}`)}</p>}
                </div>
              )
            })}
          </section>
        )
      })}
    </>
  )
}

/** The public questionnaire page: works on a phone, one response per device (or per invitation code). */
export function SurveyPage() {
  const { surveyId = '' } = useParams()
  const [params] = useSearchParams()
  const { t, i18n } = useTranslation('surveys')
  const { data: s, error, loading, reload } = useAsync(() => surveysApi.publicGet(surveyId), `survey:${surveyId}`)
  const [answers, setAnswers] = useState<Answers>({})
  const [issues, setIssues] = useState<AnswerIssue[]>([])
  const [code, setCode] = useState(params.get('code')?.toUpperCase() ?? '')
  const [busy, setBusy] = useState(false)
  const [sendError, setSendError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(() => readString(doneKey(surveyId)) === 'done')
  // Kept across a failed attempt: "try again" must not make a second response the server did store.
  const pending = useRef<string | null>(null)

  if (loading && !s) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={error.code === 'NOT_FOUND' ? undefined : reload} />
  if (!s) return null
  const questions = allQuestions(s.definition)

  const setAnswer = (id: string, v: AnswerValue | undefined) => {
    setAnswers((a) => { const next = { ...a }; if (v === undefined) delete next[id]; else next[id] = v; return next })
    setIssues((list) => list.filter((i) => i.questionId !== id))
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSendError(null)
    const sent = keepShown(questions, answers)
    const found = checkAnswers(questions, sent)
    setIssues(found)
    if (found.length) {
      document.getElementById(`sv-${found[0]!.questionId}-label`)?.scrollIntoView({ block: 'center' })
      return
    }
    pending.current ??= newClientId()
    setBusy(true)
    try {
      await surveysApi.respond(s.id, { clientId: pending.current, answers: sent, ...(s.access === 'invite' ? { code: code.trim().toUpperCase() } : {}) })
      // A code answers once, but one phone may hand in a family's several codes.
      if (s.access === 'device') writeString(doneKey(s.id), 'done')
      setDone(true)
    } catch (err) {
      const e2 = toApiError(err)
      if (e2.code !== 'NETWORK' && e2.code !== 'TIMEOUT') pending.current = null
      if (e2.code === 'ALREADY_ANSWERED' && s.access === 'device') { writeString(doneKey(s.id), 'done'); setDone(true) }
      // The unit changed the questionnaire meanwhile: show the new one, keeping what fits.
      if (e2.code === 'ANSWER_INVALID') reload()
      setSendError(e2)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="mx-auto max-w-2xl space-y-4" data-testid="survey-page" data-survey-id={s.id} data-phase={s.phase}>
      <header className="card border-t-4 border-t-accent p-4">
        <h1 className="text-xl font-bold text-slate-900">{s.title}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('by', { department: s.department })}</p>
        {(s.opensAt || s.closesAt) && (
          <p className="mt-1 text-sm text-slate-600">{t('period', { from: s.opensAt ? formatDate(s.opensAt, i18n.language) : '—', to: s.closesAt ? formatDate(s.closesAt, i18n.language) : '—' })}</p>
        )}
        {s.event && <p className="mt-1 text-sm"><Link className="text-accent underline" to={`/events/${encodeURIComponent(s.event.id)}`}>{s.event.theme}</Link></p>}
        {s.intro && <p className="user-text mt-3 text-base text-slate-800">{s.intro}</p>}
        {s.resultsPublic && <p className="mt-2"><Link className="text-accent underline" to={`/surveys/${encodeURIComponent(s.id)}/results`} data-testid="survey-results-link">{t('seeResults')}</Link></p>}
      </header>

      {done ? (
        <p role="status" className="card bg-green-50 p-4 text-base text-green-900" data-testid="survey-done">{t('thanks')}</p>
      ) : s.phase !== 'open' ? (
        <p className="card p-4 text-base text-slate-700" data-testid="survey-not-open">{s.phase === 'closed' ? t('closed') : t('notOpen')}</p>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate data-testid="survey-form">
          {s.access === 'invite' && (
            <div className="card p-4">
              <label className="label" htmlFor="survey-code">{t('code')}</label>
              <input id="survey-code" className="input max-w-48 font-mono uppercase" maxLength={8} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} data-testid="survey-code" />
              <p className="mt-1 text-sm text-slate-600">{t('codeHelp')}</p>
            </div>
          )}
          <QuestionFields survey={s} answers={answers} setAnswer={setAnswer} issues={issues} idPrefix="sv" />
          {issues.length > 0 && <p className="text-sm text-red-700" role="alert" data-testid="survey-issues">{t('fixIssues', { n: issues.length })}</p>}
          {sendError && <ErrorMessage error={sendError} testId="survey-error" text={sendError.code === 'ANSWER_INVALID' ? t('changed') : sendError.code === 'FORBIDDEN' ? t('badCode') : undefined} />}
          <p className="text-xs text-slate-600">{t('privacy')}</p>
          <button type="submit" className="btn-primary min-h-12 w-full text-base sm:w-auto" disabled={busy} data-testid="survey-submit">{busy ? t('sending') : t('submit')}</button>
        </form>
      )}
    </div>
  )
}

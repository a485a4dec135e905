import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { type AnswerIssue, type Answers, type AnswerValue, allQuestions, checkAnswers, keepShown } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { newClientId } from '../lib/ids.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { QuestionFields } from './SurveyPage.tsx'

/**
 * Typing in paper (or telephone) questionnaires, fast, from the keyboard: on a choice question a
 * digit picks that option (a single choice then moves on to the next question), Tab goes on,
 * Enter saves the form and starts the next one with the focus back on the first question.
 * Each response is stored with its channel and who entered it (the server audits it).
 */
export function DataEntryPage() {
  const { surveyId = '' } = useParams()
  const { t } = useTranslation('surveys')
  const { data: s, error, loading, reload } = useAsync(() => surveysApi.get(surveyId), `survey-staff:${surveyId}`)
  const [answers, setAnswers] = useState<Answers>({})
  const [channel, setChannel] = useState<'paper' | 'phone'>('paper')
  const [paperRef, setPaperRef] = useState('')
  const [issues, setIssues] = useState<AnswerIssue[]>([])
  const [saveError, setSaveError] = useState<ApiError | null>(null)
  const [entered, setEntered] = useState(0)
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const pending = useRef<string | null>(null)

  if (loading && !s) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (!s) return null
  const questions = allQuestions(s.definition)

  const setAnswer = (id: string, v: AnswerValue | undefined) => {
    setAnswers((a) => { const next = { ...a }; if (v === undefined) delete next[id]; else next[id] = v; return next })
    setIssues((list) => list.filter((i) => i.questionId !== id))
  }
  const firstField = () => form.current?.querySelector<HTMLElement>('[data-testid="survey-question"] input, [data-testid="survey-question"] textarea')

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const el = e.target as HTMLInputElement
    // Enter saves from any field but a text box (where it is a new line); Ctrl+Enter from there too.
    if (e.key === 'Enter' && (el.tagName !== 'TEXTAREA' || e.ctrlKey) && el.tagName !== 'BUTTON') {
      e.preventDefault()
      form.current?.requestSubmit()
      return
    }
    const block = el.closest<HTMLElement>('[data-testid="survey-question"]')
    if (!block || !/^[1-9]$/.test(e.key) || (el.type !== 'radio' && el.type !== 'checkbox')) return
    const inputs = [...block.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox]')]
    const target = inputs[Number(e.key) - 1]
    if (!target) return
    e.preventDefault()
    target.click()
    target.focus()
    if (target.type === 'radio') {
      // The next question appears only after this render (skip logic): move on once it has.
      requestAnimationFrame(() => {
        const all = [...(form.current?.querySelectorAll<HTMLElement>('[data-testid="survey-question"]') ?? [])]
        const next = all[all.indexOf(block) + 1]
        next?.querySelector<HTMLElement>('input, textarea')?.focus()
      })
    }
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setSaveError(null)
    const sent = keepShown(questions, answers)
    const found = checkAnswers(questions, sent)
    setIssues(found)
    if (found.length) { document.getElementById(`de-${found[0]!.questionId}-label`)?.scrollIntoView({ block: 'center' }); return }
    pending.current ??= newClientId()
    setBusy(true)
    try {
      await surveysApi.enter(s.id, { clientId: pending.current, channel, paperRef: paperRef.trim(), answers: sent })
      pending.current = null
      setEntered((n) => n + 1)
      setAnswers({})
      // Paper forms are numbered in sequence: suggest the next number.
      setPaperRef((r) => r.replace(/(\d+)$/, (d) => String(Number(d) + 1).padStart(d.length, '0')))
      requestAnimationFrame(() => firstField()?.focus())
    } catch (err) {
      const e2 = toApiError(err)
      if (e2.code !== 'NETWORK' && e2.code !== 'TIMEOUT') pending.current = null
      setSaveError(e2)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4" data-testid="data-entry" data-survey-id={s.id}>
      <header className="card flex flex-wrap items-center gap-2 p-4">
        <h1 className="text-xl font-bold text-slate-900">{t('entryTitle', { title: s.title })}</h1>
        <span className="ml-auto text-sm text-slate-700" role="status" data-testid="entered-count">{t('enteredN', { n: entered })}</span>
        <Link className="btn-secondary" to={`/unit/surveys/${encodeURIComponent(s.id)}/results`}>{t('resultsTab')}</Link>
      </header>
      <p className="text-sm text-slate-600">{t('entryHelp')}</p>
      <form ref={form} onSubmit={submit} onKeyDown={onKeyDown} className="space-y-4" noValidate data-testid="entry-form">
        <div className="card flex flex-wrap gap-3 p-4">
          <div><label className="label" htmlFor="entry-channel">{t('channel')}</label>
            <select id="entry-channel" className="input" value={channel} onChange={(e) => setChannel(e.target.value as 'paper' | 'phone')} data-testid="entry-channel">
              <option value="paper">{t('channels_.paper')}</option><option value="phone">{t('channels_.phone')}</option>
            </select></div>
          <div><label className="label" htmlFor="entry-ref">{t('paperRef')}</label>
            <input id="entry-ref" className="input w-40" maxLength={40} value={paperRef} onChange={(e) => setPaperRef(e.target.value)} data-testid="entry-ref" /></div>
        </div>
        <QuestionFields survey={s} answers={answers} setAnswer={setAnswer} issues={issues} idPrefix="de" numbered />
        {saveError && <ErrorMessage error={saveError} testId="entry-error" />}
        <button type="submit" className="btn-primary min-h-11" disabled={busy} data-testid="entry-save">{t('entrySave')}</button>
      </form>
    </div>
  )
}

import { useRef, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { PolicyAskBody, type PublicPolicyDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { newClientId } from '../lib/ids.ts'
import { useAsync } from '../lib/useAsync.ts'
import { loadNickname, saveNickname } from '../live/device.ts'
import { PublicReply } from '../replies/PublicReply.tsx'
import { policiesApi } from './api.ts'
import { InterpretationView, PolicyFileLink } from './PolicyDocumentView.tsx'

/** A wall date (YYYY-MM-DD) shown as a date; noon keeps it the same day in any zone. */
const dayIso = (day: string) => `${day}T12:00:00+08:00`

function AskForm({ policyId }: { policyId: string }) {
  const { t } = useTranslation('policies')
  const [nickname, setNickname] = useState(loadNickname)
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [invalid, setInvalid] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState(false)
  // Kept across a failed attempt: sending again cannot make a second copy of a stored question.
  const pendingId = useRef<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setDone(false)
    const clientId = pendingId.current ?? newClientId()
    const parsed = PolicyAskBody.omit({ token: true }).safeParse({ clientId, nickname, body })
    setInvalid(!parsed.success)
    if (!parsed.success) return
    pendingId.current = clientId
    setBusy(true)
    try {
      await policiesApi.ask(policyId, parsed.data)
      pendingId.current = null
      saveNickname(parsed.data.nickname)
      setBody('')
      setDone(true)
    } catch (err) {
      const apiErr = toApiError(err)
      if (apiErr.code !== 'NETWORK' && apiErr.code !== 'TIMEOUT') pendingId.current = null
      setError(apiErr)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3" noValidate data-testid="policy-ask-form">
      <div>
        <label className="label" htmlFor="policy-ask-nickname">{t('nickname')}</label>
        <input id="policy-ask-nickname" className="input" maxLength={20} value={nickname} autoComplete="nickname" onChange={(e) => setNickname(e.target.value)} aria-invalid={invalid} data-testid="policy-ask-nickname" />
      </div>
      <div>
        <label className="label" htmlFor="policy-ask-body">{t('body')}</label>
        <textarea id="policy-ask-body" className="input min-h-24" maxLength={500} value={body} onChange={(e) => { setBody(e.target.value); setDone(false) }} aria-invalid={invalid} aria-describedby="policy-ask-hint" data-testid="policy-ask-body" />
        <p id="policy-ask-hint" className="mt-1 text-xs text-slate-600">{t('bodyHint')}</p>
      </div>
      {invalid && <p className="text-sm text-red-700" role="alert" data-testid="policy-ask-invalid">{t('invalid')}</p>}
      {error && <ErrorMessage error={error} testId="policy-ask-error" />}
      {done && <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-800" data-testid="policy-ask-done">{t('submitted')}</p>}
      <button type="submit" className="btn-primary" disabled={busy} data-testid="policy-ask-submit">{busy ? t('submitting') : t('submit')}</button>
    </form>
  )
}

function Briefing({ policy }: { policy: PublicPolicyDto }) {
  const { t } = useTranslation('policies')
  const b = policy.briefing
  if (!b) return null
  const to = b.status === 'archived' ? `/archive/${encodeURIComponent(b.sessionId)}` : `/s/${encodeURIComponent(b.sessionId)}`
  const label = b.status === 'archived' ? t('briefing.archived') : b.status === 'live' ? t('briefing.live') : t('briefing.scheduled')
  return <Link to={to} className="btn-secondary" data-testid="policy-briefing-link" data-status={b.status}>{label}</Link>
}

/** The public page of one policy: the document, its interpretation, the briefing, the questions and their written replies. */
export function PolicyPage() {
  const { policyId = '' } = useParams()
  const { t, i18n } = useTranslation('policies')
  const { data: policy, error, loading, reload } = useAsync(() => policiesApi.get(policyId), `policy:${policyId}`)
  if (loading && !policy) return <Loading />
  if (!policy) return <ErrorMessage error={error ?? { code: 'NOT_FOUND' }} onRetry={reload} />
  return (
    <div className="space-y-4" data-testid="policy-page" data-policy-id={policy.id}>
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-sm text-slate-600">{t('kicker')} · <Link to={`/events/${encodeURIComponent(policy.event.id)}`} className="text-accent underline">{policy.event.theme}</Link></p>
        <h1 className="text-xl font-bold text-slate-900" data-testid="policy-title">{policy.title}</h1>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {policy.docNumber && <div><dt className="inline text-slate-600">{t('docNumber')}</dt> <dd className="inline text-slate-900" data-testid="policy-doc-number">{policy.docNumber}</dd></div>}
          <div><dt className="inline text-slate-600">{t('issuedAt')}</dt> <dd className="inline text-slate-900" data-testid="policy-issued-at">{formatDate(dayIso(policy.issuedAt), i18n.language, 'date')}</dd></div>
        </dl>
        <div className="mt-3 flex flex-wrap items-center gap-4">
          <PolicyFileLink file={policy.file} />
          <Briefing policy={policy} />
        </div>
      </section>
      <section className="card p-4" aria-labelledby="policy-interpretation-title">
        <h2 id="policy-interpretation-title" className="mb-3 text-base font-bold text-slate-900">{t('interpretation')}</h2>
        {policy.interpretation
          ? <InterpretationView interpretation={policy.interpretation} />
          : <p className="text-sm text-slate-600" data-testid="policy-no-interpretation">{t('noInterpretation')}</p>}
      </section>
      <section className="card space-y-3 p-4" aria-labelledby="policy-questions-title">
        <h2 id="policy-questions-title" className="text-base font-bold text-slate-900">{t('questions')}</h2>
        {policy.questions.length === 0 && <p className="text-sm text-slate-600" data-testid="policy-no-questions">{t('noQuestions')}</p>}
        <ul className="space-y-3">
          {policy.questions.map((q) => (
            <li key={q.id} className="rounded border border-slate-200 p-3" data-testid="policy-question" data-question-id={q.id}>
              <p className="text-xs text-slate-600">{q.nickname} · {formatDate(q.createdAt, i18n.language)}</p>
              <p className="user-text mt-1 text-[15px] text-slate-900" data-testid="policy-question-body">{q.body}</p>
              {q.reply && <PublicReply reply={q.reply} />}
              {q.awaitingReply && <p className="mt-2 text-xs text-amber-900" data-testid="policy-question-awaiting">{t('awaitingReply')}</p>}
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-100 pt-3" data-testid="policy-ask">
          <h3 className="text-sm font-bold text-slate-900">{t('askTitle')}</h3>
          {policy.canAsk
            ? <><p className="mb-2 text-xs text-slate-600">{t('askHint')}</p><AskForm policyId={policy.id} /></>
            : <p className="text-sm text-slate-600" data-testid="policy-ask-later">{t('askLater')}</p>}
        </div>
      </section>
    </div>
  )
}

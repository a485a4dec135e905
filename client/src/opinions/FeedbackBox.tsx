import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { OpinionSentDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { newClientId } from '../lib/ids.ts'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { opinionsApi } from './api.ts'

/**
 * Under the invitation on the participant's phone: once checked in, their opinions and
 * suggestions, during the event and for a week after; what they sent, and whether it is public.
 */
export function FeedbackBox({ token }: { token: string }) {
  const { t, i18n } = useTranslation('venue')
  const { data, error, loading, reload } = useAsync(() => opinionsApi.mine(token), `feedback:${token}`)
  const [body, setBody] = useState('')
  const [clientId, setClientId] = useState(newClientId)
  const [sent, setSent] = useState(false)
  const { busy, error: sendError, run } = useAction<OpinionSentDto>(() => { setSent(true); reload() })
  if (loading && !data) return <Loading />
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />
  if (!data) return null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSent(false)
    void run(() => opinionsApi.send(token, { clientId, body }), () => { setBody(''); setClientId(newClientId()) })
  }
  return (
    <section className="card space-y-3 p-4" aria-labelledby="feedback-title" data-testid="feedback-box" data-can-send={String(data.canSend)}>
      <h2 id="feedback-title" className="text-lg font-bold text-slate-900">{t('feedback.title')}</h2>
      {data.canSend ? (
        <form onSubmit={submit} className="space-y-2" noValidate>
          <label className="label" htmlFor="feedback-body">{t('feedback.label')}</label>
          <textarea id="feedback-body" className="input min-h-32 text-base" maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} data-testid="feedback-body" />
          <p className="text-sm text-slate-700">{t('feedback.hint')}</p>
          <button type="submit" className="btn-primary w-full py-3 text-base" disabled={busy || !body.trim()} data-testid="feedback-send">{t('feedback.send')}</button>
          {sendError && <ErrorMessage error={sendError} text={sendError.message} />}
          {sent && <p role="status" className="text-base text-green-800" data-testid="feedback-sent">{t('feedback.sent')}</p>}
        </form>
      ) : <p className="text-base text-slate-700" data-testid="feedback-closed">{t(`feedback.${data.reason ?? 'closed'}`)}</p>}
      {data.opinions.length > 0 && (
        <div>
          <h3 className="text-base font-bold text-slate-900">{t('feedback.mine')}</h3>
          <ul className="mt-1 space-y-2">
            {data.opinions.map((o) => (
              <li key={o.id} className="rounded border border-slate-200 p-2" data-testid="feedback-mine" data-status={o.status}>
                <p className="user-text text-base">{o.body}</p>
                <p className="text-sm text-slate-700">{formatDate(o.createdAt, i18n.language)} · {t(`opinions.statuses.${o.status}`)}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitQuestion, type QuestionDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { newClientId } from '../lib/ids.ts'
import { emitWithRetry } from '../lib/socket.ts'
import { loadNickname, rememberMyQuestion, saveNickname } from './device.ts'

const NICK_MAX = 20
const BODY_MAX = 500

interface Props {
  sessionId: string
  closed: boolean
  onSubmitted: (q: QuestionDto) => void
}

export function QuestionForm({ sessionId, closed, onSubmitted }: Props) {
  const { t } = useTranslation()
  const [nickname, setNickname] = useState(loadNickname)
  const [body, setBody] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [invalid, setInvalid] = useState<'nickname' | 'body' | null>(null)
  const [done, setDone] = useState(false)
  // The idempotency key of the submission in flight. It survives a timed-out attempt so that
  // "try again" cannot create a second copy of a question the server did receive.
  const pendingId = useRef<string | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setDone(false)
    const clientId = pendingId.current ?? newClientId()
    const parsed = SubmitQuestion.safeParse({ sessionId, clientId, nickname, body })
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0]
      setInvalid(field === 'nickname' ? 'nickname' : 'body')
      return
    }
    setInvalid(null)
    pendingId.current = clientId
    setBusy(true)
    try {
      const q = await emitWithRetry('question:submit', parsed.data)
      pendingId.current = null
      rememberMyQuestion(sessionId, q.clientId)
      saveNickname(parsed.data.nickname)
      onSubmitted(q)
      setBody('')
      setDone(true)
    } catch (err) {
      const apiErr = toApiError(err)
      // Refused outright: nothing was stored, so the next attempt is a new question.
      if (apiErr.code !== 'TIMEOUT' && apiErr.code !== 'NETWORK') pendingId.current = null
      setError(apiErr)
    } finally {
      setBusy(false)
    }
  }

  if (closed) {
    return <p className="rounded bg-slate-100 p-3 text-sm text-slate-600" data-testid="question-form-closed">{t('ask.closed')}</p>
  }

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="question-form" noValidate>
      <div>
        <label className="label" htmlFor="ask-nickname">{t('ask.nickname')}</label>
        <input id="ask-nickname" className="input" maxLength={NICK_MAX} value={nickname} autoComplete="nickname"
          placeholder={t('ask.nicknamePlaceholder')} onChange={(e) => setNickname(e.target.value)}
          aria-invalid={invalid === 'nickname'} data-testid="question-nickname-input" />
        {invalid === 'nickname' && <p className="mt-1 text-xs text-red-700" data-testid="question-nickname-invalid">{t('ask.nicknameInvalid', { max: NICK_MAX })}</p>}
      </div>
      <div>
        <label className="label" htmlFor="ask-body">{t('ask.body')}</label>
        <textarea id="ask-body" className="input min-h-28" maxLength={BODY_MAX} value={body}
          placeholder={t('ask.bodyPlaceholder')} onChange={(e) => { setBody(e.target.value); setDone(false) }}
          aria-invalid={invalid === 'body'} data-testid="question-body-input" />
        <div className="mt-1 flex justify-between text-xs text-slate-500">
          <span>{invalid === 'body' && <span className="text-red-700" data-testid="question-body-invalid">{t('ask.bodyInvalid', { min: 2, max: BODY_MAX })}</span>}</span>
          <span data-testid="question-body-count">{t('ask.count', { n: body.length, max: BODY_MAX })}</span>
        </div>
      </div>
      <p className="text-xs text-slate-500">{t('ask.notice')}</p>
      {error && <ErrorMessage error={error} testId="question-form-error" text={error.code === 'TIMEOUT' ? t('ask.timeout') : undefined} />}
      {done && <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-800" data-testid="question-form-success">{t('ask.submitted')}</p>}
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={busy} data-testid="question-submit">
        {busy ? t('ask.submitting') : error?.code === 'TIMEOUT' ? t('ask.retry') : t('ask.submit')}
      </button>
    </form>
  )
}

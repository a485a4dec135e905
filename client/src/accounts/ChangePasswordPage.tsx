import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { PASSWORD_MAX, PASSWORD_MIN } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { safeNext } from '../auth/LoginPage.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { passwordProblem, type PasswordProblem } from './password.ts'

/**
 * /account/password — every staff member's own password. A login with a one-time password is sent
 * here from every staff page (RequireStaff) and may do nothing else until it is done.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation('accounts')
  const { user, changePassword, logout } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const id = useId()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [show, setShow] = useState(false)
  const [problem, setProblem] = useState<PasswordProblem | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => { first.current?.focus() }, [])
  const oneTime = !!user?.mustChangePassword

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const p = passwordProblem({ current, next, confirm, username: user?.username ?? '' })
    setProblem(p)
    setError(null)
    if (p) return
    setBusy(true)
    try {
      await changePassword({ current, next })
      setDone(true)
      // Back where the user was going; someone who came here by choice stays to read the note.
      if (oneTime || params.get('next')) navigate(safeNext(params.get('next')), { replace: true })
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const type = show ? 'text' : 'password'
  const problemText = problem && t(`password.problems.${problem}`, { min: PASSWORD_MIN })
  const describe = (hint?: string) => [hint, problem ? `${id}-problem` : undefined].filter(Boolean).join(' ') || undefined

  return (
    <div className="mx-auto max-w-md py-4" data-testid="change-password-page" data-one-time={String(oneTime)}>
      <form onSubmit={submit} className="card space-y-4 p-5" noValidate aria-labelledby={`${id}-title`} data-testid="change-password-form">
        <h1 id={`${id}-title`} className="text-xl font-bold text-slate-900">{t('password.title')}</h1>
        <p className={`text-sm ${oneTime ? 'rounded bg-amber-50 p-2 text-amber-900' : 'text-slate-600'}`} data-testid="change-password-intro">
          {oneTime ? t('password.introOneTime') : t('password.intro')}
        </p>
        <input type="text" autoComplete="username" value={user?.username ?? ''} readOnly hidden />
        <div>
          <label className="label" htmlFor={`${id}-current`}>{oneTime ? t('password.currentOneTime') : t('password.current')}</label>
          <input id={`${id}-current`} ref={first} type={type} className="input" autoComplete="current-password" required maxLength={PASSWORD_MAX}
            value={current} onChange={(e) => setCurrent(e.target.value)} aria-invalid={problem === 'currentMissing' || error?.code === 'FORBIDDEN'}
            aria-describedby={describe()} data-testid="password-current" />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-next`}>{t('password.next')}</label>
          <input id={`${id}-next`} type={type} className="input" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX}
            value={next} onChange={(e) => setNext(e.target.value)} aria-invalid={!!problem && problem !== 'currentMissing' && problem !== 'mismatch'}
            aria-describedby={describe(`${id}-next-hint`)} data-testid="password-next" />
          <p id={`${id}-next-hint`} className="mt-1 text-xs text-slate-500">{t('password.nextHint', { min: PASSWORD_MIN })}</p>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-confirm`}>{t('password.confirm')}</label>
          <input id={`${id}-confirm`} type={type} className="input" autoComplete="new-password" required maxLength={PASSWORD_MAX}
            value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-invalid={problem === 'mismatch'}
            aria-describedby={describe()} data-testid="password-confirm" />
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} data-testid="password-show" />
          {t('password.show')}
        </label>
        {problemText && <p id={`${id}-problem`} role="alert" className="text-sm text-red-700" data-testid="password-problem" data-problem={problem}>{problemText}</p>}
        {error && <ErrorMessage error={error} testId="password-error" text={error.code === 'FORBIDDEN' ? t('password.wrongCurrent') : undefined} />}
        {done && <p role="status" className="text-sm text-green-700" data-testid="password-saved">{t('password.saved')}</p>}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={busy} data-testid="password-submit">{busy ? t('password.saving') : t('password.submit')}</button>
          {oneTime && (
            <button type="button" className="text-sm text-slate-600 underline" onClick={() => { navigate('/login'); void logout() }} data-testid="password-logout">
              {t('password.logout')}
            </button>
          )}
        </div>
      </form>
    </div>
  )
}

import { useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAuth } from './AuthContext.tsx'
import { CHANGE_PASSWORD_PATH } from './RequireStaff.tsx'

// Only same-site paths: "?next=https://evil.example" must not turn login into an open redirect.
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/console'
}

export function LoginPage() {
  const { t } = useTranslation()
  const { login } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const me = await login({ username: username.trim(), password })
      const next = safeNext(params.get('next'))
      // A one-time password: the user sets their own first, then goes where they were going.
      navigate(me.mustChangePassword ? `${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(next)}` : next, { replace: true })
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <div className="mx-auto max-w-sm py-6">
      <form onSubmit={submit} className="card space-y-4 p-5" data-testid="login-form" noValidate>
        <h1 className="text-xl font-bold text-slate-900">{t('auth.title')}</h1>
        <p className="text-sm text-slate-500">{t('auth.hint')}</p>
        <div>
          <label className="label" htmlFor="login-username">{t('auth.username')}</label>
          <input id="login-username" className="input" autoComplete="username" required value={username}
            onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        </div>
        <div>
          <label className="label" htmlFor="login-password">{t('auth.password')}</label>
          <input id="login-password" type="password" className="input" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </div>
        {error && (
          <ErrorMessage testId="login-error" error={error} text={error.code === 'UNAUTHENTICATED' ? t('auth.badCredentials') : undefined} />
        )}
        <button type="submit" className="btn-primary w-full" disabled={busy || !username.trim() || !password} data-testid="login-submit">
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </div>
  )
}

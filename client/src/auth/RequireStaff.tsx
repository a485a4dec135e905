import { useEffect, useState, type ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Role } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAuth } from './AuthContext.tsx'

/** Staff pages: asks the server who we are (the cookie decides), then shows or redirects. */
export function RequireStaff({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { user, refresh } = useAuth()
  const { t } = useTranslation()
  const location = useLocation()
  const [state, setState] = useState<'checking' | 'done'>(user ? 'done' : 'checking')
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    if (user) return
    let current = true
    refresh().then(
      () => current && setState('done'),
      (e: unknown) => {
        if (!current) return
        setError(toApiError(e))
        setState('done')
      },
    )
    return () => {
      current = false
    }
  }, [user, refresh])

  if (error) return <ErrorMessage error={error} />
  if (state === 'checking' && !user) return <Loading />
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />
  if (roles && !roles.includes(user.role)) {
    return (
      <div className="card p-4" data-testid="forbidden">
        <ErrorMessage error={{ code: 'FORBIDDEN' }} />
        <p className="mt-2 text-sm text-slate-600">{t('auth.wrongRole')}</p>
      </div>
    )
  }
  return <>{children}</>
}

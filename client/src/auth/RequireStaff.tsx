import { useEffect, useState, type ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Role } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { getSocket } from '../lib/socket.ts'
import { useAuth } from './AuthContext.tsx'

export const CHANGE_PASSWORD_PATH = '/account/password'

/**
 * Staff pages: asks the server who we are (the cookie decides), then shows or redirects. A login
 * with a one-time password is sent to change it first, from every staff page.
 */
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

  // Every staff page holds the tab's socket, even one that shows nothing live: when the login
  // ends elsewhere (logout, the account disabled, its password reset) the server closes it, and
  // the page learns at once that it has to go to the login form.
  useEffect(() => {
    if (user) getSocket()
  }, [user])

  if (error) return <ErrorMessage error={error} />
  if (state === 'checking' && !user) return <Loading />
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />
  if (user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={`${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(location.pathname)}`} replace />
  }
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

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { AccountPaths, type LoginBody, type PasswordChangeBody, type StaffUserDto } from '@openday/protocol'
import { ApiError, api, request } from '../lib/api.ts'
import { LOGIN_ENDED_EVENT, reconnectSocket } from '../lib/socket.ts'
import { readString, writeString } from '../lib/storage.ts'

// A hint (not a credential: the cookie is httpOnly) that this device has a staff login, so public
// pages only ask /api/auth/me when it can succeed, instead of logging a 401 for every citizen.
const HINT_KEY = 'openday:staffHint'

interface AuthValue {
  user: StaffUserDto | null
  /** True until we know whether there is a logged-in user. */
  checking: boolean
  refresh: () => Promise<StaffUserDto | null>
  login: (body: LoginBody) => Promise<StaffUserDto>
  logout: () => Promise<void>
  /** The user's own new password (also over a one-time one); this login stays, the others end. */
  changePassword: (body: PasswordChangeBody) => Promise<StaffUserDto>
}

const AuthContext = createContext<AuthValue | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<StaffUserDto | null>(null)
  const [checking, setChecking] = useState(() => readString(HINT_KEY) === '1')

  const refresh = useCallback(async () => {
    setChecking(true)
    try {
      const me = await api.me()
      setUser(me)
      writeString(HINT_KEY, '1')
      return me
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        setUser(null)
        writeString(HINT_KEY, '0')
        return null
      }
      throw err
    } finally {
      setChecking(false)
    }
  }, [])

  useEffect(() => {
    if (readString(HINT_KEY) === '1') refresh().catch(() => setChecking(false))
  }, [refresh])

  // The server closed our socket because this login ended (logout in another tab, expiry, the
  // account disabled): find out who we are now, so staff pages show the login form.
  useEffect(() => {
    const onEnded = () => { refresh().catch(() => undefined) }
    window.addEventListener(LOGIN_ENDED_EVENT, onEnded)
    return () => window.removeEventListener(LOGIN_ENDED_EVENT, onEnded)
  }, [refresh])

  const login = useCallback(async (body: LoginBody) => {
    const me = await api.login(body)
    setUser(me)
    writeString(HINT_KEY, '1')
    reconnectSocket()
    return me
  }, [])

  const logout = useCallback(async () => {
    try {
      await api.logout()
    } finally {
      setUser(null)
      writeString(HINT_KEY, '0')
      reconnectSocket()
    }
  }, [])

  const changePassword = useCallback(async (body: PasswordChangeBody) => {
    const me = await request<StaffUserDto>('POST', AccountPaths.changePassword, body)
    setUser(me)
    // The server reads the account afresh for every staff command anyway; a new handshake also
    // joins this tab's socket as the staff member it now fully is.
    reconnectSocket()
    return me
  }, [])

  const value = useMemo(() => ({ user, checking, refresh, login, logout, changePassword }), [user, checking, refresh, login, logout, changePassword])
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext)
  if (!v) throw new Error('useAuth outside AuthProvider')
  return v
}

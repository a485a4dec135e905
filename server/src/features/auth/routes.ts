import { LoginBody, PasswordChangeBody } from '@openday/protocol'
import { Router } from 'express'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { parse as parseCookie } from 'cookie'
import type { Config } from '../../config.ts'
import { AppError } from '../../lib/errors.ts'
import { SESSION_COOKIE } from '../../http/cookies.ts'
import { limitKey } from '../../http/client-ip.ts'
import { requireLogin } from './actor.ts'
import type { AuthService } from './service.ts'
import { LoginThrottle } from './throttle.ts'

export function authRoutes(auth: AuthService, config: Config): Router {
  const r = Router()
  const secure = config.COOKIE_SECURE ?? config.PUBLIC_URL.startsWith('https:')
  // Password guessing is slowed per address (argon2 already makes each guess expensive for us
  // too) and per account, so spreading guesses over many addresses does not help either.
  const attempts = new RateLimiterMemory({ points: config.LOGIN_ATTEMPTS_PER_IP, duration: 15 * 60 })
  const accounts = new LoginThrottle(config.LOGIN_FAILURES_PER_ACCOUNT, config.LOGIN_BACKOFF_MAX_S)

  r.post('/login', async (req, res) => {
    const body = LoginBody.parse(req.body)
    try {
      await attempts.consume(limitKey(req.ip ?? 'unknown'))
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new AppError('RATE_LIMITED', 'too many login attempts; wait a few minutes')
      throw err
    }
    accounts.check(body.username)
    let login
    try {
      login = await auth.login(body.username, body.password, req.ip ?? null)
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') accounts.failed(body.username)
      throw err
    }
    accounts.succeeded(body.username)
    res.cookie(SESSION_COOKIE, login.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: login.expiresAt })
    res.json(login.user)
  })

  // Ends this login everywhere: its cookie, and every socket opened with it (socket/staff.ts).
  r.post('/logout', async (req, res) => {
    await auth.logout(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE])
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.json({})
  })

  // Also for a login that must change its one-time password: the client learns it from here.
  r.get('/me', async (req, res) => {
    requireLogin(req.actor)
    const login = await auth.resolve(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE])
    if (!login) throw new AppError('UNAUTHENTICATED', 'staff login required')
    res.json(login.user)
  })

  // The current password is a password guess too: it counts against the account like a login.
  r.post('/password', async (req, res) => {
    requireLogin(req.actor)
    const login = await auth.resolve(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE])
    if (!login) throw new AppError('UNAUTHENTICATED', 'staff login required')
    const body = PasswordChangeBody.parse(req.body)
    accounts.check(login.user.username)
    let user
    try {
      user = await auth.changePassword(login, body, req.ip ?? null)
    } catch (err) {
      if (err instanceof AppError && err.code === 'FORBIDDEN') accounts.failed(login.user.username)
      throw err
    }
    accounts.succeeded(login.user.username)
    res.json(user)
  })
  return r
}

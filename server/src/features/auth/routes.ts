import { LoginBody } from '@openday/protocol'
import { Router } from 'express'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { parse as parseCookie } from 'cookie'
import type { Config } from '../../config.ts'
import { AppError } from '../../lib/errors.ts'
import { SESSION_COOKIE } from '../../http/cookies.ts'
import { requireActor } from './actor.ts'
import type { AuthService } from './service.ts'

export function authRoutes(auth: AuthService, config: Config): Router {
  const r = Router()
  const secure = config.COOKIE_SECURE ?? config.PUBLIC_URL.startsWith('https:')
  // Password guessing is slowed per IP (argon2 already makes each guess expensive for us too).
  const attempts = new RateLimiterMemory({ points: config.LOGIN_ATTEMPTS_PER_IP, duration: 15 * 60 })

  r.post('/login', async (req, res) => {
    const body = LoginBody.parse(req.body)
    try {
      await attempts.consume(req.ip ?? 'unknown')
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new AppError('RATE_LIMITED', 'too many login attempts; wait a few minutes')
      throw err
    }
    const { token, user, expiresAt } = await auth.login(body.username, body.password, req.ip ?? null)
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt })
    res.json(user)
  })

  r.post('/logout', async (req, res) => {
    await auth.logout(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE])
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.json({})
  })

  r.get('/me', async (req, res) => {
    requireActor(req.actor)
    const login = await auth.resolve(parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE])
    res.json(login!.user)
  })
  return r
}

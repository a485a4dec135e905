import { CSRF_HEADER } from '@openday/protocol'
import { metrics } from '../lib/metrics.ts'
import { parse as parseCookie } from 'cookie'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { AppError, httpStatus, toAckError } from '../lib/errors.ts'
import type { Actor } from '../features/auth/actor.ts'
import type { AuthService } from '../features/auth/service.ts'
import { findIllFormed } from '../lib/unicode.ts'
import { SESSION_COOKIE } from './cookies.ts'

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor | null
  }
}

/**
 * CSRF: staff cookies are SameSite=Lax, and every state-changing request must carry a custom header
 * (a cross-site form or image cannot set one) and, when the browser sends an Origin, an allowed one.
 */
export function csrfGuard(origins: Set<string>): RequestHandler {
  return (req, _res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
    const origin = req.headers.origin
    if (origin && !origins.has(origin)) return next(new AppError('FORBIDDEN', 'cross-site request refused'))
    if (req.headers[CSRF_HEADER] !== '1') return next(new AppError('FORBIDDEN', `missing ${CSRF_HEADER} header`))
    next()
  }
}

/**
 * JSON bodies and query strings with half a surrogate pair anywhere are refused before any route
 * (lib/unicode.ts). Multipart fields need no check: they are decoded from UTF-8 bytes, which cannot
 * encode a lone surrogate (bad bytes become U+FFFD).
 */
export const wellFormedText: RequestHandler = (req, _res, next) => {
  const bad = findIllFormed(req.body) ?? findIllFormed(req.query)
  if (bad) return next(new AppError('BAD_REQUEST', `${bad}: text must be well-formed Unicode (no lone surrogates)`))
  next()
}

/** Resolves the staff login from the cookie (or none) for every API request. */
export function loadActor(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    try {
      const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE]
      req.actor = (await auth.resolve(token))?.actor ?? null
      next()
    } catch (err) {
      next(err)
    }
  }
}

/** Express 5 forwards rejected promises here; every error leaves as `{error:{code,message}}`. */
export function errorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; code?: string }
    let ack
    if (e?.type === 'entity.too.large' || e?.code === 'LIMIT_FILE_SIZE') ack = { code: 'PAYLOAD_TOO_LARGE' as const, message: 'request too large' }
    else if (e?.type === 'entity.parse.failed' || (typeof e?.code === 'string' && e.code.startsWith('LIMIT_'))) ack = { code: 'BAD_REQUEST' as const, message: 'malformed request' }
    else ack = toAckError(err, log)
    if (ack.code === 'RATE_LIMITED') metrics.refused.inc({ via: 'http' })
    res.status(httpStatus[ack.code]).json({ error: { code: ack.code, message: ack.message } })
  }
}

export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such endpoint'))

import type { AckErr, ErrorCode } from '@openday/protocol'
import { ZodError } from 'zod'
import type { Logger } from 'pino'

/** An expected failure with a code from the protocol's closed set; its message is safe to show. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message)
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SESSION_CLOSED: 409,
  RATE_LIMITED: 429,
  NOT_OPEN: 409,
  ANSWER_INVALID: 422,
  ALREADY_ANSWERED: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
}

/** Turns anything thrown into a protocol error; unknown errors are logged and never leaked. */
export function toAckError(err: unknown, log: Logger): AckErr {
  if (err instanceof AppError) return { ok: false, code: err.code, message: err.message }
  if (err instanceof ZodError) {
    const first = err.issues[0]
    return { ok: false, code: 'BAD_REQUEST', message: first ? `${first.path.join('.') || 'payload'}: ${first.message}` : 'invalid payload' }
  }
  log.error({ err }, 'unexpected error')
  return { ok: false, code: 'INTERNAL', message: 'internal error' }
}

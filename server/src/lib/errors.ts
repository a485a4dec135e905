import type { AckErr, ErrorCode } from '@openday/protocol'
import { ZodError } from 'zod'
import type { Logger } from 'pino'
import { storageFault, storageHealth } from './storage-health.ts'

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
  // The database down or the disk full is not a bug: the caller may try again (a retried command
  // with the same clientId is stored once), and readiness says so meanwhile (lib/storage-health.ts).
  const fault = storageFault(err)
  if (fault) {
    storageHealth.failed(fault)
    log.warn({ err }, fault === 'full' ? 'storage full' : 'database unavailable')
    return { ok: false, code: 'UNAVAILABLE', message: fault === 'full' ? 'storage is full: try again later' : 'the database is not available: try again shortly' }
  }
  log.error({ err }, 'unexpected error')
  return { ok: false, code: 'INTERNAL', message: 'internal error' }
}

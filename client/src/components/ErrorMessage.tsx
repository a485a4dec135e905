import { useTranslation } from 'react-i18next'
import type { ClientErrorCode } from '../lib/api.ts'

export interface ShownError {
  code: ClientErrorCode | string
  message?: string
}

const KNOWN: readonly string[] = [
  'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'SESSION_CLOSED', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'NETWORK', 'TIMEOUT', 'NOT_OPEN', 'ANSWER_INVALID', 'ALREADY_ANSWERED',
] satisfies readonly ClientErrorCode[]

/** The translated sentence for an error code; the server's own wording is only a detail. */
export function useErrorText(): (err: ShownError) => string {
  const { t } = useTranslation()
  return (err) => (KNOWN.includes(err.code) ? t(`errors.${err.code as ClientErrorCode}`) : t('errors.INTERNAL'))
}

interface Props {
  error: ShownError
  testId?: string
  onRetry?: () => void
  /** A sentence that fits the context better than the generic one for the code. */
  text?: string
}

export function ErrorMessage({ error, testId = 'error-message', onRetry, text: override }: Props) {
  const { t } = useTranslation()
  const generic = useErrorText()(error)
  const text = override ?? generic
  // BAD_REQUEST and CONFLICT details say which field or state was wrong, which helps staff.
  const detail = (error.code === 'BAD_REQUEST' || error.code === 'CONFLICT') && error.message ? error.message : null
  return (
    <div role="alert" data-testid={testId} data-error-code={error.code} className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p>{text}</p>
      {detail && <p className="user-text mt-1 text-xs text-red-700/80">{detail}</p>}
      {onRetry && (
        <button type="button" className="btn-secondary mt-2" onClick={onRetry} data-testid={`${testId}-retry`}>
          {t('common.retry')}
        </button>
      )}
    </div>
  )
}

export function Loading() {
  const { t } = useTranslation()
  return (
    <p className="py-8 text-center text-sm text-slate-500" data-testid="loading" aria-busy="true">
      {t('common.loading')}
    </p>
  )
}

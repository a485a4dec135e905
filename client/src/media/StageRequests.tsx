import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StageDecide, StageRequestDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { emitAck } from '../lib/socket.ts'

/** Requests waiting for the host, then citizens on stage; the rest are history. */
const ORDER: Record<StageRequestDto['status'], number> = { requested: 0, approved: 1, declined: 2, removed: 2, cancelled: 2 }

/** Citizens asking to speak (申请连麦): the host lets them on stage, turns them down, or takes them off. */
export function StageRequests({ requests, canDecide }: { requests: readonly StageRequestDto[]; canDecide: boolean }) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const open = requests.filter((r) => r.status === 'requested' || r.status === 'approved').sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.createdAt.localeCompare(b.createdAt))

  const decide = async (requestId: string, decision: StageDecide['decision']) => {
    setBusy(requestId)
    setError(null)
    try {
      await emitAck('stage:decide', { requestId, decision }) // the new list arrives with media:stage
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="space-y-2">
      {error && <ErrorMessage error={error} testId="stage-decide-error" />}
      {open.length === 0 ? (
        <p className="py-4 text-center text-sm text-slate-500" data-testid="stage-requests-empty">{t('studio.requestsEmpty')}</p>
      ) : (
        <ul className="space-y-2" data-testid="stage-requests" data-count={open.length}>
          {open.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2"
              data-testid="stage-request-item" data-request-id={r.id} data-status={r.status}>
              <span className="user-text min-w-0 flex-1 text-sm font-medium text-slate-900" data-testid="stage-request-name">{r.nickname}</span>
              <time className="text-xs text-slate-500" dateTime={r.createdAt}>{formatDate(r.createdAt, i18n.language, 'time')}</time>
              <span className="text-xs text-slate-600">{t(`studio.requestStatus.${r.status}`)}</span>
              {canDecide && r.status === 'requested' && (
                <>
                  <button type="button" className="btn-primary py-1" disabled={busy === r.id} onClick={() => void decide(r.id, 'approve')} data-testid="stage-approve">{t('studio.approve')}</button>
                  <button type="button" className="btn-secondary py-1" disabled={busy === r.id} onClick={() => void decide(r.id, 'decline')} data-testid="stage-decline">{t('studio.decline')}</button>
                </>
              )}
              {canDecide && r.status === 'approved' && (
                <button type="button" className="btn-danger py-1" disabled={busy === r.id} onClick={() => void decide(r.id, 'remove')} data-testid="stage-remove">{t('studio.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

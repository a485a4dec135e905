import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionSummaryDto } from '@openday/protocol'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { emitAck } from '../lib/socket.ts'
import type { LiveAction } from '../live/store.ts'

type Confirm = 'start' | 'end' | null

export interface SessionControlsProps {
  sessionId: string
  session: SessionSummaryDto
  dispatch: (a: LiveAction) => void
  onError: (error: ApiError | null) => void
  /** i18n namespace of the screen ('host' or 'studio'): its statusHint, start and confirm-start texts. */
  texts: 'host' | 'studio'
}

/**
 * Start / end of a session with a confirmation, as the host console and the studio both offer
 * it. Ending is the same everywhere; starting is "go live" in the studio.
 */
export function SessionControls({ sessionId, session, dispatch, onError, texts }: SessionControlsProps) {
  const { t } = useTranslation()
  const [confirm, setConfirm] = useState<Confirm>(null)
  const [busy, setBusy] = useState(false)
  const startLabel = texts === 'studio' ? t('studio.goLive') : t('host.start')

  const control = async (kind: 'start' | 'end') => {
    setBusy(true)
    onError(null)
    try {
      const s: SessionSummaryDto = await emitAck(kind === 'start' ? 'session:start' : 'session:end', { sessionId })
      dispatch({ type: 'sessionAck', session: s })
    } catch (err) {
      onError(toApiError(err))
    } finally {
      setConfirm(null)
      setBusy(false)
    }
  }

  return (
    <>
      <div className="card flex flex-wrap items-center gap-3 p-3" data-testid="session-controls">
        <span className="text-sm text-slate-600">{t(`${texts}.statusHint.${session.status}`)}</span>
        <span className="flex-1" />
        {session.status === 'scheduled' && (
          <button type="button" className="btn-primary" disabled={busy} onClick={() => setConfirm('start')} data-testid="start-session">{startLabel}</button>
        )}
        {session.status === 'live' && (
          <button type="button" className="btn-danger" disabled={busy} onClick={() => setConfirm('end')} data-testid="end-session">{t('host.end')}</button>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm === 'start' ? t(`${texts}.confirmStartTitle`) : t('host.confirmEndTitle')}
          body={confirm === 'start' ? t(`${texts}.confirmStartBody`) : t('host.confirmEndBody')}
          confirmLabel={confirm === 'start' ? startLabel : t('host.end')}
          busy={busy}
          onConfirm={() => void control(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  )
}

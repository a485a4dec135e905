import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { StageRequest } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { emitAck } from '../lib/socket.ts'
import { loadNickname, saveNickname } from '../live/device.ts'
import { mediaProblem, openCameraAndMic, type MediaProblem } from './devices.ts'
import type { Stage } from './useStage.ts'
import { TrackVideo } from './VideoTile.tsx'

/**
 * A citizen asks to speak on stage (申请连麦). The host decides in the studio; when the answer
 * (`media:request`) is "approved" this asks for camera and microphone and publishes them; when the
 * request is no longer approved (removed, cancelled) it stops them again.
 */
export function StageRequestButton({ sessionId, stage }: { sessionId: string; stage: Stage }) {
  const { t } = useTranslation()
  const request = stage.snap.myRequest
  const status = request?.status ?? 'none'
  const [nickname, setNickname] = useState(loadNickname)
  const [invalid, setInvalid] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [problem, setProblem] = useState<MediaProblem | null>(null)
  const [preview, setPreview] = useState<MediaStreamTrack | null>(null)
  // Where getUserMedia is: shown as data-media, so a stuck permission prompt is visible in tests.
  const [device, setDevice] = useState<'off' | 'opening' | 'on'>('off')
  const tracks = useRef<MediaStreamTrack[]>([])
  const { setLocal, refresh, noteRequest } = stage

  const stopMedia = useCallback(() => {
    setLocal('camera', null)
    setLocal('mic', null)
    for (const track of tracks.current) track.stop()
    tracks.current = []
    setPreview(null)
    setDevice('off')
  }, [setLocal])

  const send = useCallback(async (action: () => Promise<Parameters<typeof noteRequest>[0]>) => {
    setBusy(true)
    setError(null)
    try {
      noteRequest(await action())
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }, [noteRequest])

  const approved = status === 'approved'
  useEffect(() => {
    if (!approved) {
      stopMedia()
      return
    }
    let cancelled = false
    setProblem(null)
    setDevice('opening')
    openCameraAndMic().then(({ camera, mic }) => {
      if (cancelled) {
        camera.stop()
        mic.stop()
        return
      }
      tracks.current = [camera, mic]
      setPreview(camera)
      setDevice('on')
      setLocal('camera', camera)
      setLocal('mic', mic)
      // The join answer now says we may publish; what setLocal holds goes out.
      void refresh()
    }, (err: unknown) => {
      if (cancelled) return
      setDevice('off')
      setProblem(mediaProblem(err))
      // Without a camera and microphone there is nothing to say on stage: give the place back.
      void send(() => emitAck('stage:cancel', { sessionId }))
    })
    return () => {
      cancelled = true
    }
  }, [approved, sessionId, setLocal, refresh, send, stopMedia])

  useEffect(() => stopMedia, [stopMedia]) // leaving the page takes the citizen off stage

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const parsed = StageRequest.safeParse({ sessionId, nickname })
    if (!parsed.success) {
      setInvalid(true)
      return
    }
    setInvalid(false)
    setProblem(null)
    saveNickname(parsed.data.nickname)
    void send(() => emitAck('stage:request', parsed.data))
  }

  const publishing = stage.snap.publishing.has('camera') || stage.snap.publishing.has('mic')
  const canAsk = status === 'none' || status === 'cancelled' || status === 'declined' || status === 'removed'

  return (
    <div className="rounded border border-slate-200 p-3" data-testid="stage-request" data-status={status} data-publishing={publishing ? 'true' : 'false'} data-media={device}>
      <h3 className="text-sm font-bold text-slate-900">{t('stageRequest.title')}</h3>
      {status === 'declined' && <p className="mt-1 text-sm text-amber-800" data-testid="stage-request-declined">{t('stageRequest.declined')}</p>}
      {status === 'removed' && <p className="mt-1 text-sm text-amber-800" data-testid="stage-request-removed">{t('stageRequest.removed')}</p>}
      {problem && <p className="mt-1 text-sm text-red-800" role="alert" data-testid="stage-request-media-error" data-problem={problem}>{t(`stageRequest.problems.${problem}`)}</p>}

      {canAsk && (
        <form className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end" onSubmit={submit} data-testid="stage-request-form">
          <label className="flex-1">
            <span className="label">{t('ask.nickname')}</span>
            <input className="input" value={nickname} maxLength={20} onChange={(e) => setNickname(e.target.value)}
              placeholder={t('ask.nicknamePlaceholder')} data-testid="stage-request-nickname" aria-invalid={invalid} />
          </label>
          <button type="submit" className="btn-primary" disabled={busy} data-testid="stage-request-button">{t('stageRequest.ask')}</button>
        </form>
      )}
      {canAsk && <p className="mt-1 text-xs text-slate-500">{t('stageRequest.notice')}</p>}
      {invalid && <p className="mt-1 text-xs text-red-700" data-testid="stage-request-nickname-invalid">{t('ask.nicknameInvalid', { max: 20 })}</p>}

      {status === 'requested' && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <p className="flex-1 text-sm text-slate-700" data-testid="stage-request-waiting">{t('stageRequest.waiting')}</p>
          <button type="button" className="btn-secondary" disabled={busy} data-testid="stage-request-cancel"
            onClick={() => void send(() => emitAck('stage:cancel', { sessionId }))}>{t('stageRequest.cancel')}</button>
        </div>
      )}

      {approved && (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <div className="h-20 w-32 shrink-0 overflow-hidden rounded bg-slate-900" data-testid="stage-request-preview">
            {preview && <TrackVideo track={preview} mirrored />}
          </div>
          <p className="flex-1 text-sm text-green-800" data-testid="stage-request-on-stage">{publishing ? t('stageRequest.onStage') : t('stageRequest.starting')}</p>
          <button type="button" className="btn-danger" disabled={busy} data-testid="stage-request-leave"
            onClick={() => void send(() => emitAck('stage:cancel', { sessionId }))}>{t('stageRequest.leave')}</button>
        </div>
      )}
      {error && <div className="mt-2"><ErrorMessage error={error} testId="stage-request-error" /></div>}
    </div>
  )
}

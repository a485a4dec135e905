import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import jsQR from 'jsqr'

/** How often a frame is looked at: enough to feel instant, little enough for an old phone. */
const SCAN_MS = 200

/**
 * The browser's camera (the back one on a phone), read frame by frame for a QR code. Each code
 * read is handed to `onCode`; the caller decides what a repeated read means. Nothing leaves the
 * page but the decoded text.
 */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation('attendance')
  const video = useRef<HTMLVideoElement>(null)
  const [running, setRunning] = useState(false)
  const [state, setState] = useState<'off' | 'starting' | 'on' | 'denied'>('off')
  const handler = useRef(onCode)
  handler.current = onCode

  useEffect(() => {
    if (!running) { setState((s) => (s === 'denied' ? s : 'off')); return }
    setState('starting')
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setInterval> | undefined
    let stopped = false
    const canvas = document.createElement('canvas')
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    // No camera API at all on a plain-http page (the browser offers it only in secure contexts).
    if (!(navigator.mediaDevices as MediaDevices | undefined)?.getUserMedia) { setState('denied'); setRunning(false); return }
    void navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(async (s) => {
      if (stopped) { s.getTracks().forEach((tr) => tr.stop()); return }
      stream = s
      const v = video.current!
      v.srcObject = s
      await v.play().catch(() => undefined)
      setState('on')
      timer = setInterval(() => {
        if (!ctx || v.readyState < 2 || !v.videoWidth) return
        canvas.width = v.videoWidth
        canvas.height = v.videoHeight
        ctx.drawImage(v, 0, 0)
        const code = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })
        if (code?.data) handler.current(code.data)
      }, SCAN_MS)
    }, () => { if (!stopped) { setState('denied'); setRunning(false) } })
    return () => {
      stopped = true
      clearInterval(timer)
      stream?.getTracks().forEach((tr) => tr.stop())
    }
  }, [running])

  return (
    <div className="space-y-2" data-testid="qr-scanner" data-state={state}>
      {!running ? (
        <button type="button" className="btn-primary" onClick={() => setRunning(true)} data-testid="scan-start">{t('door.startCamera')}</button>
      ) : (
        <button type="button" className="btn-secondary" onClick={() => setRunning(false)} data-testid="scan-stop">{t('door.stopCamera')}</button>
      )}
      {state === 'denied' && <p role="alert" className="text-sm text-red-800">{t('door.noCamera')}</p>}
      <video ref={video} muted playsInline className={running ? 'w-full max-w-md rounded bg-black' : 'hidden'} aria-label={t('door.cameraLabel')} />
    </div>
  )
}

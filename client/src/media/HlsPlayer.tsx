import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

type HlsState = 'loading' | 'playing' | 'error'

/** How long to wait before asking again for a playlist that is not there yet (ffmpeg starting). */
const RETRY_MS = 3000

/**
 * The stage over HLS, for viewers the WebRTC audience has no room for. hls.js (loaded only here:
 * most viewers never need it) wherever the browser has Media Source Extensions: measured in
 * bench/latency.ts, Chromium's own HLS player failed to parse the recorder's live stream in about
 * half of the runs, and it picks its own distance from the live edge, while hls.js keeps the one it
 * is given. Without MSE (older iPhones) the browser's own HLS plays it. Starts muted so it may autoplay.
 */
export function HlsPlayer({ src, muted }: { src: string; muted: boolean }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLVideoElement>(null)
  const [state, setState] = useState<HlsState>('loading')
  const [mode, setMode] = useState<'native' | 'hlsjs'>('hlsjs')

  useEffect(() => {
    const video = ref.current
    if (!video) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | null = null
    let destroy = () => {}
    const onPlaying = () => setState('playing')
    video.addEventListener('playing', onPlaying)

    const withHlsJs = () => {
      void import('hls.js').then(({ default: Hls }) => {
        if (cancelled) return
        if (!Hls.isSupported()) {
          setState('error')
          return
        }
        setMode('hlsjs')
        const start = () => {
          const hls = new Hls({ liveDurationInfinity: true, manifestLoadingMaxRetry: 2 })
          destroy = () => hls.destroy()
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (!data.fatal || cancelled) return
            if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
              hls.recoverMediaError()
              return
            }
            // Network (playlist not written yet, a blip) or anything else: start over shortly.
            setState('loading')
            hls.destroy()
            timer = setTimeout(() => !cancelled && start(), RETRY_MS)
          })
          hls.loadSource(src)
          hls.attachMedia(video)
          hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined))
        }
        start()
      }, () => !cancelled && setState('error'))
    }

    const hasMse = 'MediaSource' in window || 'ManagedMediaSource' in window
    if (!hasMse && video.canPlayType('application/vnd.apple.mpegurl') !== '') {
      setMode('native')
      // A failed native attempt (a playlist it cannot read, or not written yet) hands over to hls.js.
      const onError = () => {
        video.removeEventListener('error', onError)
        video.removeAttribute('src')
        video.load()
        if (!cancelled) withHlsJs()
      }
      video.addEventListener('error', onError)
      destroy = () => video.removeEventListener('error', onError)
      video.src = src
      video.play().catch(() => undefined)
    } else withHlsJs()

    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
      video.removeEventListener('playing', onPlaying)
      destroy()
    }
  }, [src])

  useEffect(() => {
    if (ref.current) ref.current.muted = muted
  }, [muted])

  return (
    <div className="relative h-full w-full" data-testid="hls-player" data-state={state} data-mode={mode}>
      <video ref={ref} muted autoPlay playsInline className="h-full w-full bg-slate-900 object-contain" data-testid="stage-video" />
      {state !== 'playing' && (
        <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-200">
          {state === 'error' ? t('stage.hlsUnsupported') : t('stage.hlsLoading')}
        </p>
      )}
    </div>
  )
}

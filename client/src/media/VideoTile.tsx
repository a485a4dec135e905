import { useEffect, useRef, useState } from 'react'
import { layerForHeight, layerToRequest, type QualityChoice, type SpatialLayer } from './quality.ts'

interface VideoProps {
  track: MediaStreamTrack | null
  /** The consumer behind the track: its simulcast layer follows the element's size. */
  consumerId?: string
  quality?: QualityChoice
  onLayer?: (consumerId: string, layer: SpatialLayer | null) => void
  /** A local camera preview is mirrored, as people expect of a mirror. */
  mirrored?: boolean
  className?: string
  label?: string
}

/**
 * A muted <video> for one track. Video is always muted (sound plays through RemoteAudio), so the
 * browser lets it autoplay without a tap.
 */
export function TrackVideo({ track, consumerId, quality = 'auto', onLayer, mirrored, className = '', label }: VideoProps) {
  const ref = useRef<HTMLVideoElement>(null)
  const [bySize, setBySize] = useState<SpatialLayer | null>(0)

  useEffect(() => {
    const video = ref.current
    if (!video) return
    video.srcObject = track ? new MediaStream([track]) : null
    if (track) video.play().catch(() => undefined) // refused only while hidden; it plays when shown
  }, [track])

  useEffect(() => {
    const video = ref.current
    if (!video || !consumerId || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => setBySize(layerForHeight(entry?.contentRect.height ?? 0, window.devicePixelRatio)))
    observer.observe(video)
    return () => observer.disconnect()
  }, [consumerId])

  useEffect(() => {
    if (consumerId && onLayer) onLayer(consumerId, layerToRequest(quality, bySize))
  }, [consumerId, onLayer, quality, bySize])

  return (
    <video ref={ref} muted autoPlay playsInline aria-label={label} data-testid="stage-video"
      className={`h-full w-full bg-slate-900 object-contain ${mirrored ? '-scale-x-100' : ''} ${className}`} />
  )
}

/** Sound of one remote microphone. Starts muted (autoplay rules) until the viewer taps unmute. */
export function RemoteAudio({ track, muted }: { track: MediaStreamTrack; muted: boolean }) {
  const ref = useRef<HTMLAudioElement>(null)
  useEffect(() => {
    const audio = ref.current
    if (!audio) return
    audio.srcObject = new MediaStream([track])
  }, [track])
  useEffect(() => {
    const audio = ref.current
    if (!audio) return
    audio.muted = muted
    audio.play().catch(() => undefined) // blocked until a tap: the unmute button is that tap
  }, [muted, track])
  return <audio ref={ref} autoPlay muted={muted} data-testid="stage-audio" className="hidden" />
}

import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { qualityBetween, sampleStats, type ConnectionQuality as Quality, type StatLike, type StatsSample } from './quality.ts'
import type { Stage } from './useStage.ts'

const POLL_MS = 2000

const LEVEL_STYLE = { good: 'text-green-700', fair: 'text-amber-700', poor: 'text-red-700' } as const

/**
 * How the studio's connection is doing: the send transport's ICE/DTLS state, and from getStats()
 * the bitrate, packet loss and round-trip time. A guest on a weak line sees it before viewers
 * complain.
 */
export function ConnectionQuality({ stage, direction }: { stage: Stage; direction: 'send' | 'recv' }) {
  const { t } = useTranslation()
  const [quality, setQuality] = useState<Quality | null>(null)
  const prev = useRef<StatsSample | null>(null)
  const { stats } = stage
  const state = direction === 'send' ? stage.snap.sendState : stage.snap.recvState

  useEffect(() => {
    if (state !== 'connected') {
      prev.current = null
      setQuality(null)
      return
    }
    let cancelled = false
    const poll = async () => {
      const report = await stats(direction).catch(() => null)
      if (cancelled || !report) return
      const sample = sampleStats(report.values() as Iterable<StatLike>, direction, performance.now())
      if (prev.current) setQuality(qualityBetween(prev.current, sample))
      prev.current = sample
    }
    void poll()
    const timer = setInterval(() => void poll(), POLL_MS)
    return () => {
      cancelled = true
      clearInterval(timer)
    }
  }, [state, stats, direction])

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600" data-testid="connection-quality"
      data-direction={direction} data-state={state ?? 'none'} data-level={quality?.level ?? ''}
      data-bitrate={quality?.bitrateKbps ?? ''} data-loss={quality?.lossPct ?? ''} data-rtt={quality?.rttMs ?? ''}>
      <span>{t(`studio.transport.${state ?? 'none'}`)}</span>
      {quality && (
        <>
          <span className={`font-medium ${LEVEL_STYLE[quality.level]}`}>{t(`studio.level.${quality.level}`)}</span>
          <span>{t('studio.bitrate', { n: quality.bitrateKbps })}</span>
          <span>{t('studio.loss', { n: quality.lossPct })}</span>
          {quality.rttMs !== null && <span>{t('studio.rtt', { n: quality.rttMs })}</span>}
        </>
      )}
    </div>
  )
}

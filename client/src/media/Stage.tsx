import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionStatus, StageProducer } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { HlsPlayer } from './HlsPlayer.tsx'
import { chooseLayout, type StageMember } from './layout.ts'
import type { RemoteTrack } from './mediaClient.ts'
import type { QualityChoice } from './quality.ts'
import { StageRequestButton } from './StageRequestButton.tsx'
import { useStage, type Stage } from './useStage.ts'
import { RemoteAudio, TrackVideo } from './VideoTile.tsx'

function Notice({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <div className="flex aspect-video w-full items-center justify-center rounded bg-slate-900 p-4 text-center text-sm text-slate-200" data-testid={testId}>
      <div>{children}</div>
    </div>
  )
}

/** data-* hooks shared by the large picture and the thumbnails (see TESTIDS.md). */
const memberAttrs = (m: StageMember, p: StageProducer | null, speaking: boolean) => ({
  'data-member-id': m.memberId,
  'data-role': m.role,
  'data-source': p?.source ?? 'none',
  'data-producer-id': p?.id ?? '',
  'data-speaking': speaking ? 'true' : 'false',
})

const QUALITIES: QualityChoice[] = ['auto', 2, 1, 0]

/**
 * The stage as the audience sees it: the screen share or the active speaker large, everyone else
 * as thumbnails, all sound through hidden audio elements that start muted (autoplay rules) until
 * the viewer taps "unmute". Shown also in the studio (`staff`), without our own tracks.
 */
export function StageView({ stage, status, staff = false }: { stage: Stage; status: SessionStatus; staff?: boolean }) {
  const { t } = useTranslation()
  const { snap } = stage
  const [muted, setMuted] = useState(true)
  const [quality, setQuality] = useState<QualityChoice>('auto')
  const previousMain = useRef<string | null>(null)

  const producers = useMemo(() => (snap.stage?.producers ?? []).filter((p) => !snap.own.has(p.id)), [snap.stage, snap.own])
  const layout = useMemo(() => chooseLayout(producers, snap.stage?.activeSpeaker ?? null, previousMain.current), [producers, snap.stage?.activeSpeaker])
  useEffect(() => {
    previousMain.current = layout.main?.producer.id ?? null
  }, [layout])
  const tracks = useMemo(() => new Map<string, RemoteTrack>(snap.remote.map((r) => [r.producerId, r])), [snap.remote])
  const audio = snap.remote.filter((r) => r.kind === 'audio')
  const speaker = snap.stage?.activeSpeaker ?? null

  const body = (): ReactNode => {
    // Staff join while the session is scheduled, to prepare: they see the stage already.
    if ((status === 'scheduled' && !staff) || snap.phase === 'notLive') return <Notice testId="stage-not-started">{t('stage.notStarted')}</Notice>
    if (status === 'ended' || status === 'archived' || snap.phase === 'ended') return <Notice testId="stage-ended">{t('stage.ended')}</Notice>
    if (snap.phase === 'reconnecting') return <Notice testId="stage-reconnecting">{t('stage.reconnecting')}</Notice>
    if (snap.phase === 'unavailable' || snap.phase === 'failed') {
      return (
        <Notice testId="stage-unavailable">
          <p>{t('stage.unavailable')}</p>
          <button type="button" className="btn-secondary mt-3" onClick={stage.retry} data-testid="stage-retry">{t('common.retry')}</button>
        </Notice>
      )
    }
    if (snap.phase === 'joining') return <Notice testId="stage-joining">{t('stage.joining')}</Notice>
    if (!snap.webrtc) {
      const url = snap.stage?.hlsUrl
      return url
        ? <div className="aspect-video w-full overflow-hidden rounded bg-slate-900"><HlsPlayer src={url} muted={muted} /></div>
        : <Notice testId="stage-unavailable">{t('stage.hlsPreparing')}</Notice>
    }
    const main = layout.main
    return (
      <div className="space-y-2">
        {main ? (
          <div className="relative aspect-video w-full overflow-hidden rounded bg-slate-900" data-testid="stage-main" {...memberAttrs(main.member, main.producer, main.member.memberId === speaker)}>
            <TrackVideo track={tracks.get(main.producer.id)?.track ?? null} consumerId={tracks.get(main.producer.id)?.consumerId}
              quality={quality} onLayer={stage.setLayer} label={main.member.name} />
            <span className="absolute bottom-2 left-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white" data-testid="stage-main-name">
              {main.producer.source === 'screen' ? t('stage.screenOf', { name: main.member.name }) : main.member.name}
              {' · '}{t(`speaker.${main.member.role}`)}
            </span>
          </div>
        ) : (
          <Notice testId="stage-waiting">{t('stage.waiting')}</Notice>
        )}
        {layout.thumbs.length > 0 && (
          <ul className="flex gap-2 overflow-x-auto" data-testid="stage-thumbs" data-count={layout.thumbs.length}>
            {layout.thumbs.map((m) => {
              const video = m.camera && !m.camera.paused ? m.camera : null
              const remote = video ? tracks.get(video.id) : undefined
              return (
                <li key={m.memberId} data-testid="stage-tile" {...memberAttrs(m, video, m.memberId === speaker)}
                  className={`relative h-24 w-40 shrink-0 overflow-hidden rounded bg-slate-800 ${m.memberId === speaker ? 'ring-2 ring-accent' : ''}`}>
                  {video
                    ? <TrackVideo track={remote?.track ?? null} consumerId={remote?.consumerId} onLayer={stage.setLayer} label={m.name} />
                    : <p className="flex h-full items-center justify-center p-2 text-center text-xs text-slate-200">{m.name}</p>}
                  <span className="absolute bottom-1 left-1 max-w-[9rem] truncate rounded bg-black/60 px-1 text-[11px] text-white">
                    {m.name}{m.mic?.paused ? ` · ${t('stage.micOff')}` : ''}
                  </span>
                </li>
              )
            })}
          </ul>
        )}
      </div>
    )
  }

  return (
    <div className="space-y-2" data-testid="stage" data-phase={snap.phase} data-webrtc={snap.webrtc ? 'true' : 'false'}
      data-hls-url={snap.stage?.hlsUrl ?? ''} data-can-produce={snap.canProduce ? 'true' : 'false'} data-recording={snap.stage?.recording ? 'true' : 'false'} data-muted={muted ? 'true' : 'false'}>
      {body()}
      {audio.map((a) => <RemoteAudio key={a.consumerId} track={a.track} muted={muted} />)}
      {snap.phase === 'ready' && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {muted ? (
            <button type="button" className="btn-primary" onClick={() => setMuted(false)} data-testid="stage-unmute">{t('stage.unmute')}</button>
          ) : (
            <button type="button" className="btn-secondary" onClick={() => setMuted(true)} data-testid="stage-mute">{t('stage.mute')}</button>
          )}
          {snap.webrtc && layout.main && (
            <label className="flex items-center gap-1 text-slate-600">
              {t('stage.quality')}
              <select className="rounded border border-slate-300 px-1 py-0.5" value={String(quality)} data-testid="stage-quality"
                onChange={(e) => setQuality(e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as QualityChoice))}>
                {QUALITIES.map((q) => <option key={q} value={String(q)}>{t(`stage.qualities.${q}`)}</option>)}
              </select>
            </label>
          )}
          {snap.stage?.recording && <span className="text-xs text-accent" data-testid="stage-recording">● {t('stage.recording')}</span>}
        </div>
      )}
    </div>
  )
}

/** The public page's video: the stage while the session is live, and the "ask to speak" button. */
export function VideoStage({ sessionId, status }: { sessionId: string; status: SessionStatus }) {
  const { t } = useTranslation()
  const stage = useStage(sessionId, status === 'live')
  return (
    <section className="card space-y-3 p-3" aria-label={t('stage.title')} data-testid="video-stage">
      <StageView stage={stage} status={status} />
      {stage.snap.publishError && <ErrorMessage error={stage.snap.publishError} testId="stage-publish-error" />}
      {status === 'live' && stage.active && <StageRequestButton sessionId={sessionId} stage={stage} />}
    </section>
  )
}

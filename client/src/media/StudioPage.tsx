import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { HostQuestionQueue } from '../console/HostQuestionQueue.tsx'
import { StaffSessionBar } from '../console/StaffSessionBar.tsx'
import type { ApiError } from '../lib/api.ts'
import { SessionControls } from '../console/SessionControls.tsx'
import { openQuestionsByVotes, questionsWithStatus, upvotesOf, type AnyQuestion } from '../live/store.ts'
import { ConnectionQuality } from './ConnectionQuality.tsx'
import { StageView } from './Stage.tsx'
import { StageRequests } from './StageRequests.tsx'
import { useLocalMedia, type LocalMedia } from './useLocalMedia.ts'
import { useStage, type Stage } from './useStage.ts'
import { TrackVideo } from './VideoTile.tsx'
import { useStaffSession } from '../console/useStaffSession.ts'

/** Our own camera (or screen) as we send it, with the controls for it. */
function LocalPanel({ media, stage, closed }: { media: LocalMedia; stage: Stage; closed: boolean }) {
  const { t } = useTranslation()
  const publishing = [...stage.snap.publishing].sort().join(' ')
  return (
    <section className="card space-y-3 p-4" aria-labelledby="local-title" data-testid="studio-local" data-publishing={publishing}
      data-camera-on={media.cameraOn ? 'true' : 'false'} data-mic-on={media.micOn ? 'true' : 'false'} data-sharing={media.screen ? 'true' : 'false'}>
      <h2 id="local-title" className="section-title">{t('studio.local')}</h2>
      <div className="relative aspect-video w-full overflow-hidden rounded bg-slate-900" data-testid="studio-preview">
        {media.camera && media.cameraOn ? <TrackVideo track={media.camera} mirrored label={t('studio.local')} /> : (
          <p className="flex h-full items-center justify-center text-sm text-slate-300">{media.started ? t('studio.cameraIsOff') : t('studio.notStarted')}</p>
        )}
        {media.screen && (
          <div className="absolute right-2 bottom-2 h-1/3 w-1/3 overflow-hidden rounded border border-white/40" data-testid="studio-screen-preview">
            <TrackVideo track={media.screen} label={t('studio.screen')} />
          </div>
        )}
      </div>
      {media.problem && <p role="alert" className="text-sm text-red-800" data-testid="studio-media-error" data-problem={media.problem}>{t(`stageRequest.problems.${media.problem}`)}</p>}
      {stage.snap.publishError && <ErrorMessage error={stage.snap.publishError} testId="studio-publish-error" />}
      {!closed && (
        <div className="flex flex-wrap gap-2">
          {!media.started ? (
            <button type="button" className="btn-primary" disabled={media.busy} onClick={() => void media.start()} data-testid="studio-start-media">{t('studio.startMedia')}</button>
          ) : (
            <>
              <button type="button" className={media.micOn ? 'btn-secondary' : 'btn-danger'} onClick={() => media.setMicOn(!media.micOn)} data-testid="studio-toggle-mic" aria-pressed={!media.micOn}>
                {media.micOn ? t('studio.muteMic') : t('studio.unmuteMic')}
              </button>
              <button type="button" className={media.cameraOn ? 'btn-secondary' : 'btn-danger'} onClick={() => media.setCameraOn(!media.cameraOn)} data-testid="studio-toggle-camera" aria-pressed={!media.cameraOn}>
                {media.cameraOn ? t('studio.cameraOff') : t('studio.cameraOn')}
              </button>
              {media.screen ? (
                <button type="button" className="btn-danger" onClick={media.stopScreen} data-testid="studio-stop-screen">{t('studio.stopScreen')}</button>
              ) : (
                <button type="button" className="btn-secondary" disabled={media.busy} onClick={() => void media.shareScreen()} data-testid="studio-share-screen">{t('studio.shareScreen')}</button>
              )}
            </>
          )}
        </div>
      )}
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="text-sm">
          <span className="label">{t('studio.camera')}</span>
          <select className="input" value={media.cameraId} onChange={(e) => void media.chooseCamera(e.target.value)} data-testid="studio-camera-select" disabled={media.busy}>
            <option value="">{t('studio.defaultDevice')}</option>
            {media.cameras.map((d) => <option key={d.deviceId} value={d.deviceId}>{d.label || t('studio.cameraN', { n: d.n })}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="label">{t('studio.mic')}</span>
          <select className="input" value={media.micId} onChange={(e) => void media.chooseMic(e.target.value)} data-testid="studio-mic-select" disabled={media.busy}>
            <option value="">{t('studio.defaultDevice')}</option>
            {media.mics.map((d) => <option key={d.deviceId} value={d.deviceId}>{d.label || t('studio.micN', { n: d.n })}</option>)}
          </select>
        </label>
      </div>
      <ConnectionQuality stage={stage} direction="send" />
    </section>
  )
}

/**
 * The video studio (演播室) of a video interview, for its host and guests: own camera and
 * microphone, the stage as viewers see it, go live / end (host), citizens asking to speak, and the
 * approved questions. Staff may join the media while the session is still scheduled, to prepare.
 */
export function StudioPage() {
  const { sessionId = '' } = useParams()
  const { t } = useTranslation()
  const { info, state, dispatch, rejoin, connectError, session, role, closed, forbidden } = useStaffSession(sessionId)
  const [error, setError] = useState<ApiError | null>(null)
  const canControl = role === 'host' || role === 'admin'
  const onAir = !forbidden && (session?.status === 'scheduled' || session?.status === 'live')

  const stage = useStage(sessionId, onAir)
  const media = useLocalMedia(stage)
  const { stop } = media
  useEffect(() => {
    if (closed) stop() // the interview is over: the camera light goes off
  }, [closed, stop])


  return (
    <div className="space-y-3" data-testid="studio-page" data-session-id={sessionId} data-status={session?.status} data-phase={stage.snap.phase}>
      <StaffSessionBar title={t('studio.title')} event={info.data?.event} session={session} state={state} />
      {connectError && !state.connected && <ErrorMessage error={{ code: 'NETWORK', message: connectError }} testId="connect-error" onRetry={rejoin} />}
      {state.joinError && <ErrorMessage error={state.joinError} testId="join-error" onRetry={rejoin} />}
      {forbidden && <ErrorMessage error={{ code: 'FORBIDDEN' }} testId="not-staff" text={t('console.notStaff')} />}
      {!state.synced && !state.joinError && <Loading />}
      {error && <ErrorMessage error={error} testId="action-error" />}
      {session && session.kind !== 'video_interview' && <p className="rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="studio-not-video">{t('studio.notVideo')}</p>}

      {canControl && session && <SessionControls sessionId={sessionId} session={session} dispatch={dispatch} onError={setError} texts="studio" />}

      <div className="grid gap-3 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-3">
          <LocalPanel media={media} stage={stage} closed={closed || forbidden} />
          <section className="card space-y-2 p-4" aria-labelledby="stage-title">
            <h2 id="stage-title" className="section-title">{t('studio.stage')}</h2>
            {session && <StageView stage={stage} status={session.status} staff />}
            <ConnectionQuality stage={stage} direction="recv" />
          </section>
        </div>
        <div className="space-y-3">
          <section className="card p-4" aria-labelledby="requests-title">
            <h2 id="requests-title" className="section-title">{t('studio.requests')}</h2>
            <div className="mt-3"><StageRequests requests={stage.snap.stage?.requests ?? []} canDecide={canControl && session?.status === 'live'} /></div>
          </section>
          <section className="card p-4" aria-labelledby="queue-title">
            <h2 id="queue-title" className="section-title">{t('host.queue')}</h2>
            <div className="mt-3">
              <HostQuestionQueue open={openQuestionsByVotes(state)} answered={questionsWithStatus(state, ['answered'])}
                upvotesOf={(q: AnyQuestion) => upvotesOf(state, q)} closed={closed} onUpdated={(q) => dispatch({ type: 'questionAck', question: q })} />
            </div>
          </section>
        </div>
      </div>
    </div>
  )
}

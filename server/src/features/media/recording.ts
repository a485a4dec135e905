import { type SessionRouter, StageRecorder, type StageSources } from '@openday/media'
import { relative } from 'node:path'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.ts'
import type { StageBoard } from './board.ts'
import * as repo from './repository.ts'
import { mediaDir } from './routes.ts'
import type { MediaService } from './service.ts'

export interface RecordingOptions {
  db: Db
  log: Logger
  media: MediaService
  board: StageBoard
  dataDir: string
  ffmpegPath: string
}

/**
 * Records every live video session's stage (and so makes its HLS): a screen share when there is
 * one, else the guest's camera (the leader being interviewed), else the first camera, with every
 * open microphone mixed in. The picture does not follow the active speaker: every change of
 * picture restarts ffmpeg (a second's gap), and a conversation changes speaker every few seconds.
 */
export class RecordingService {
  readonly #recorders = new Map<string, { recorder: StageRecorder; router: SessionRouter }>()
  readonly #o: RecordingOptions

  constructor(options: RecordingOptions) {
    this.#o = options
  }

  /** The stage changed (or the session went live): update the programme, starting a recorder if needed. */
  async follow(sessionId: string): Promise<void> {
    const router = this.#o.media.existingRouter(sessionId)
    if (!router || router.closed) return
    let entry = this.#recorders.get(sessionId)
    if (entry && entry.router !== router) {
      // The session was rebuilt on another worker; the old recorder stopped with its router.
      // A new one continues the same playlist.
      this.#recorders.delete(sessionId)
      entry = undefined
    }
    if (!entry) {
      if ((await repo.findMediaSession(this.#o.db, sessionId))?.status !== 'live') return
      if (this.#recorders.has(sessionId) || router.closed) return this.follow(sessionId)
      entry = { recorder: this.#start(sessionId, router), router }
      this.#recorders.set(sessionId, entry)
    }
    entry.recorder.setSources(this.programme(sessionId))
  }

  /** The programme: one picture and every open microphone. */
  programme(sessionId: string): StageSources {
    const tracks = this.#o.media.stageProducers(sessionId).filter((p) => !p.paused)
    const cameras = tracks.filter((p) => p.source === 'camera')
    const video = tracks.findLast((p) => p.source === 'screen') ?? cameras.find((p) => p.role === 'guest') ?? cameras[0]
    return { video: video?.id ?? null, audio: tracks.filter((p) => p.source === 'mic').map((p) => p.id) }
  }

  /**
   * The session ended: stop, write the mp4 and remember it for the archive. Takes a few seconds
   * (ffmpeg finishing, then a remux), so callers do not wait for it.
   */
  async finish(sessionId: string): Promise<void> {
    const entry = this.#recorders.get(sessionId)
    if (!entry) return
    this.#recorders.delete(sessionId)
    const result = await entry.recorder.stop()
    this.#o.board.setRecording(sessionId, false)
    if (!result) return
    await repo.saveRecording(this.#o.db, sessionId, relative(this.#o.dataDir, result.file), result.durationSeconds)
    this.#o.log.info({ sessionId, seconds: result.durationSeconds, segments: result.segments }, 'recording saved')
  }

  /** Server shutdown: finish every recording that is running. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#recorders.keys()].map((id) => this.finish(id)))
  }

  #start(sessionId: string, router: SessionRouter): StageRecorder {
    const log = this.#o.log.child({ sessionId, part: 'recorder' })
    const recorder = new StageRecorder(router, {
      dir: mediaDir(this.#o.dataDir, sessionId),
      ffmpegPath: this.#o.ffmpegPath,
      log: (msg, extra) => log.debug(extra ?? {}, msg),
    })
    recorder.on('hls', () => this.#o.board.setHls(sessionId, `/media/hls/${encodeURIComponent(sessionId)}/index.m3u8`))
    recorder.on('programme', () => this.#o.board.setRecording(sessionId, true))
    recorder.on('error', (err) => log.warn({ err }, 'recorder error'))
    return recorder
  }
}

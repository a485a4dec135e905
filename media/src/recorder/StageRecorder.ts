import { EventEmitter } from 'node:events'
import type { types } from 'mediasoup'
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import type { MediaConsumer } from '../MediaConsumer.ts'
import type { SessionCloseReason, SessionRouter } from '../SessionRouter.ts'
import {
  MPEGTS_START_SECONDS, PLAYLIST_NAME, RTP_TIMEOUT_SECONDS, liveArgs, probeDurationSeconds, probeEndSeconds,
  releasePortPair, remuxToMp4, spawnListening,
} from './ffmpeg.ts'
import { playlistState, tidyPlaylist, type PlaylistState } from './hls.ts'
import { buildSdp, highestSpatialLayer, recorderRtpCapabilities } from './sdp.ts'
import {
  NOTHING, message, same, type Input, type Run, type StageRecorderEvents, type StageRecorderOptions,
  type StageRecording, type StageSources,
} from './stage-types.ts'

export type { StageRecorderOptions, StageRecording, StageSources } from './stage-types.ts'

/**
 * Records a live session's stage to HLS (event playlist: live and the full archive at
 * once) and, on stop(), to one MP4. The caller picks the sources; every change restarts
 * ffmpeg, which appends to the same playlist after a discontinuity. A paused producer is
 * left out until it resumes (its RTP stops, which would stall ffmpeg's mix or picture).
 */
export class StageRecorder extends EventEmitter<StageRecorderEvents> {
  readonly dir: string
  readonly playlistPath: string
  readonly #session: SessionRouter
  readonly #ffmpegPath: string
  readonly #ffprobePath: string
  readonly #segmentSeconds: number
  readonly #preset: string
  readonly #debounceMs: number
  readonly #stopTimeoutMs: number
  readonly #log: (msg: string, extra?: Record<string, unknown>) => void
  #requested: StageSources = NOTHING
  #run: Run | undefined
  // Starts, ends and the final remux run one at a time, in order.
  #queue: Promise<unknown> = Promise.resolve()
  #timer: NodeJS.Timeout | undefined
  #failures = 0
  #runs = 0
  #announced = false
  #halted: SessionCloseReason | undefined
  #stopping: Promise<StageRecording | null> | undefined
  #tmp: string | undefined

  constructor(session: SessionRouter, options: StageRecorderOptions) {
    super()
    if (!isAbsolute(options.dir)) throw new Error(`media: recording dir must be absolute, got ${options.dir}`)
    this.dir = options.dir
    this.playlistPath = join(options.dir, PLAYLIST_NAME)
    this.#session = session
    this.#ffmpegPath = options.ffmpegPath ?? 'ffmpeg'
    this.#ffprobePath = options.ffprobePath ?? 'ffprobe'
    this.#segmentSeconds = options.hlsSegmentSeconds ?? 2
    this.#preset = options.x264Preset ?? 'veryfast'
    this.#debounceMs = options.debounceMs ?? 500
    this.#stopTimeoutMs = options.stopTimeoutMs ?? (RTP_TIMEOUT_SECONDS + 5) * 1000
    this.#log = options.log ?? (() => undefined)
    if (!(Number.isInteger(this.#segmentSeconds) && this.#segmentSeconds >= 1)) {
      throw new RangeError('media: hlsSegmentSeconds must be a whole number of seconds')
    }
    if (session.closed) this.#halted = 'closed'
    else session.once('close', this.#onSessionClose)
  }

  /** What the caller asked for last. */
  get sources(): StageSources {
    return { video: this.#requested.video, audio: [...this.#requested.audio] }
  }

  /** What ffmpeg is encoding now; null when it is not running. */
  get programme(): StageSources | null {
    const run = this.#run
    return run?.live && !run.ending ? { video: run.sources.video, audio: [...run.sources.audio] } : null
  }

  /** The last lines the running ffmpeg wrote to stderr (warnings and errors), for diagnosis. */
  get ffmpegTail(): string | null {
    return this.#run?.ffmpeg?.tail() ?? null
  }

  setSources(sources: StageSources): void {
    if (this.#stopping) return this.#log('recorder: setSources after stop() ignored')
    this.#requested = { video: sources.video ?? null, audio: [...new Set(sources.audio)] }
    this.#failures = 0
    this.#schedule(this.#debounceMs)
  }

  /**
   * Ends ffmpeg and the transports, ends the playlist and remuxes it into recording.mp4.
   * null when the playlist holds nothing. Idempotent: every call gets the same result.
   */
  stop(): Promise<StageRecording | null> {
    if (!this.#stopping) {
      clearTimeout(this.#timer)
      this.#session.off('close', this.#onSessionClose)
      this.#stopping = this.#enqueue(async () => {
        await this.#endRun()
        return this.#finish()
      }).finally(() => (this.#tmp ? rm(this.#tmp, { recursive: true, force: true }) : undefined))
    }
    return this.#stopping
  }

  // Coalesces: changes while a timer is pending ride on it (rapid changes cannot starve it).
  #schedule(delayMs: number): void {
    if (this.#stopping || this.#halted || this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#enqueue(() => this.#apply())
    }, delayMs)
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(job)
    this.#queue = result.catch(() => undefined)
    return result
  }

  /** Requested sources that exist now, and of those the ones sending (not paused). */
  #plan(): { requested: StageSources; sources: StageSources } {
    const producers = new Map(this.#session.producers.map((p) => [p.id, p]))
    const usable = (id: string, kind: types.MediaKind) => {
      const p = producers.get(id)
      return p !== undefined && !p.closed && p.kind === kind
    }
    const sending = (id: string) => !producers.get(id)!.paused
    const video = this.#requested.video !== null && usable(this.#requested.video, 'video') ? this.#requested.video : null
    const audio = this.#requested.audio.filter((id) => usable(id, 'audio'))
    return {
      requested: { video, audio },
      sources: { video: video !== null && sending(video) ? video : null, audio: audio.filter(sending) },
    }
  }

  async #apply(): Promise<void> {
    if (this.#stopping || this.#halted) return
    const plan = this.#plan()
    const run = this.#run
    // A transport can also close under a live run: its spill router's worker died.
    const intact = (r: Run) => !r.failed && r.inputs.every((i) => !i.transport.closed && i.consumer && !i.consumer.closed)
    if (run && intact(run) && same(run.requested, plan.requested) && same(run.sources, plan.sources)) return
    await this.#endRun()
    if (plan.requested.video === null && plan.requested.audio.length === 0) return
    try {
      await this.#startRun(plan.requested, plan.sources)
    } catch (error) {
      if (this.#halted || this.#stopping) return
      this.#report(new Error(`media: recorder could not start for session ${this.#session.sessionId}: ${message(error)}`))
      this.#retry()
    }
  }

  async #startRun(requested: StageSources, sources: StageSources): Promise<void> {
    const run: Run = { requested, sources, inputs: [], ports: [], startedAt: Date.now(), live: false, ending: false, failed: false }
    // Current from the start, so that its consumers' events and ffmpeg's exit count.
    this.#run = run
    try {
      const capabilities = recorderRtpCapabilities(this.#session.rtpCapabilities)
      const wanted = [...requested.audio.map((id) => [id, 'audio'] as const), ...(requested.video ? [[requested.video, 'video'] as const] : [])]
      const live = new Set([...sources.audio, ...(sources.video ? [sources.video] : [])])
      for (const [producerId, kind] of wanted) {
        const transport = await this.#session.createPlainTransport({
          direction: 'recv', comedia: false, rtcpMux: false, appData: { role: 'stage-recorder' },
        })
        const input: Input = { producerId, kind, transport, live: live.has(producerId) }
        run.inputs.push(input)
        const consumer = (input.consumer = await transport.consume({ producerId, rtpCapabilities: capabilities }))
        this.#watch(run, consumer)
        // The programme gets the best picture: the top simulcast layer (a no-op otherwise).
        if (kind === 'video') await consumer.setPreferredLayers(highestSpatialLayer(consumer.rtpParameters))
      }
      // Audio m-lines first, then the picture: liveArgs relies on that order.
      const feeds = run.inputs.filter((i) => i.live).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'audio' ? -1 : 1))
      if (feeds.length > 0) await this.#startFfmpeg(run, feeds)
      else this.emit('programme', { video: null, audio: [] }) // all paused: nothing to record
    } catch (error) {
      if (this.#run === run) this.#run = undefined
      run.ending = true
      await run.ffmpeg?.stop(0)
      this.#teardown(run)
      throw error
    }
  }

  async #startFfmpeg(run: Run, feeds: Input[]): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    this.#tmp ??= await mkdtemp(join(tmpdir(), 'openday-stage-'))
    const hasVideo = feeds.some((i) => i.kind === 'video')
    let segmentsBefore = 0
    await spawnListening(this.#ffmpegPath, run, feeds.length, async (ports) => {
      run.sdpPath = join(this.#tmp!, `run-${++this.#runs}.sdp`)
      const streams = feeds.map((input, i) => ({ kind: input.kind, port: ports[i]!, rtpParameters: input.consumer!.rtpParameters }))
      await writeFile(run.sdpPath, buildSdp(streams))
      const before = await tidyPlaylist(this.playlistPath, 'open')
      segmentsBefore = before.segments
      return liveArgs({
        sdpPath: run.sdpPath, audioInputs: feeds.length - (hasVideo ? 1 : 0), hasVideo, dir: this.dir,
        segmentSeconds: this.#segmentSeconds, offsetSeconds: await this.#offsetAfter(before), x264Preset: this.#preset,
      })
    })
    this.#watchPlaylist(run, segmentsBefore)
    for (const [i, input] of feeds.entries()) {
      await input.transport.connect({ ip: input.transport.local.ip, port: run.ports[i]!, rtcpPort: run.ports[i]! + 1 })
      await input.consumer!.resume()
    }
    // Resuming already asks the producer for a key frame; ask once more now that every
    // stream flows, so ffmpeg's probe finds the picture's size without waiting a GOP.
    await Promise.all(feeds.filter((i) => i.kind === 'video').map((i) => i.consumer!.requestKeyFrame()))
    const ffmpeg = run.ffmpeg!
    void ffmpeg.exited.then((exit) => this.#onExit(run, exit))
    this.#log('recorder: ffmpeg started', { sessionId: this.#session.sessionId, sources: run.sources, pid: ffmpeg.child.pid })
    run.live = true
    this.emit('programme', { video: run.sources.video, audio: [...run.sources.audio] })
  }

  /**
   * Where the new run's timestamps start: just after the last segment's last packet, so
   * the archive's timestamps only go up and the MP4 remux keeps every run. Measured, not
   * summed from #EXTINF: a run's audio can outlast its last video frame.
   */
  async #offsetAfter(before: PlaylistState): Promise<number> {
    if (!before.lastSegment) return 0
    try {
      return Math.max(0, (await probeEndSeconds(this.#ffprobePath, before.lastSegment)) - MPEGTS_START_SECONDS + 0.1)
    } catch (error) {
      this.#log('recorder: could not probe the last segment; estimating from the playlist', { error: message(error) })
      return before.seconds + 1
    }
  }

  /** A producer paused, resumed or closed: the programme must be recomposed. */
  #watch(run: Run, consumer: MediaConsumer): void {
    const changed = () => {
      if (this.#run === run && !run.ending) this.#schedule(this.#debounceMs)
    }
    consumer.on('producerpause', changed)
    consumer.on('producerresume', changed)
    consumer.on('close', changed)
  }

  /**
   * Until the run's first segment is listed: a key frame request every second (a browser
   * sends one only when asked, and ffmpeg can decode nothing before it; the first may have
   * been lost), then 'hls' once per recorder.
   */
  #watchPlaylist(run: Run, segmentsBefore: number): void {
    let ticks = 0
    run.poll = setInterval(() => {
      if (++ticks % 4 === 0) {
        for (const input of run.inputs) if (input.live && input.kind === 'video') void input.consumer?.requestKeyFrame().catch(() => undefined)
      }
      void playlistState(this.playlistPath).then(({ segments }) => {
        if (segments <= segmentsBefore || run.ending) return
        clearInterval(run.poll)
        if (this.#announced) return
        this.#announced = true
        this.emit('hls', this.playlistPath)
      }, () => undefined)
    }, 250)
    run.poll.unref()
  }

  #onExit(run: Run, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    // Ending anyway (stop(), or the session closed and its RTP went quiet): not a failure.
    if (run.ending || this.#run !== run || this.#halted || this.#stopping) return
    run.failed = true
    clearInterval(run.poll)
    // A run that went well for a while resets the count: give up only on a crash loop.
    if (Date.now() - run.startedAt > 30_000) this.#failures = 0
    const how = exit.signal ?? `code ${exit.code}`
    this.#report(new Error(`media: recorder's ffmpeg stopped (${how}) for session ${this.#session.sessionId}: ${run.ffmpeg?.tail()}`))
    this.#retry()
  }

  #retry(): void {
    if (++this.#failures > 3) return this.#log('recorder: giving up until the sources change', { failures: this.#failures })
    this.#schedule(1000 * this.#failures)
  }

  async #endRun(): Promise<void> {
    const run = this.#run
    if (!run) return
    this.#run = undefined
    run.ending = true
    clearInterval(run.poll)
    if (run.ffmpeg) {
      const since = Date.now()
      await run.ffmpeg.stop(this.#stopTimeoutMs)
      const { exitCode, signalCode } = run.ffmpeg.child
      const tail = run.ffmpeg.tail(3)
      this.#log('recorder: ffmpeg stopped', { sessionId: this.#session.sessionId, exitCode, signalCode, ms: Date.now() - since, tail })
    }
    this.#teardown(run)
  }

  #teardown(run: Run): void {
    for (const input of run.inputs) input.transport.close() // closes its consumer too
    for (const port of run.ports.splice(0)) releasePortPair(port)
    if (run.sdpPath) void rm(run.sdpPath, { force: true })
  }

  async #finish(): Promise<StageRecording | null> {
    const { segments } = await tidyPlaylist(this.playlistPath, 'ended')
    if (segments === 0) return null
    const file = join(this.dir, 'recording.mp4')
    await remuxToMp4(this.#ffmpegPath, this.playlistPath, `${file}.part`)
    await rename(`${file}.part`, file)
    const durationSeconds = await probeDurationSeconds(this.#ffprobePath, file)
    this.#log('recorder: recording written', { file, durationSeconds, segments })
    return { file, playlist: this.playlistPath, durationSeconds, segments }
  }

  // The session's routers are gone (worker died, or it was closed): its consumers too.
  // The playlist stays open: a new recorder on the rebuilt session continues it.
  readonly #onSessionClose = (reason: SessionCloseReason): void => {
    this.#halted = reason
    clearTimeout(this.#timer)
    this.#timer = undefined
    void this.#enqueue(() => this.#endRun())
    if (reason === 'workerdied') {
      this.#report(new Error(`media: session ${this.#session.sessionId} lost its media worker; recording interrupted`))
    } else {
      this.#log('recorder: session closed before stop()', { sessionId: this.#session.sessionId })
    }
  }

  // An 'error' event without a listener would throw from EventEmitter and crash the process.
  #report(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error)
    else this.#log(error.message)
  }
}

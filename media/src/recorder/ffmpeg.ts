// ffmpeg processes for the stage recorder: the live encoder's arguments, its lifecycle
// (graceful 'q', then signals), free UDP ports for its RTP input, the final remux and ffprobe.
import { spawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** Output picture: every source is scaled and padded (letterboxed) to this. */
export const STAGE_WIDTH = 1280
export const STAGE_HEIGHT = 720
export const STAGE_FPS = 25
/** The HLS playlist's and segments' names inside the recording directory. */
export const PLAYLIST_NAME = 'index.m3u8'
export const SEGMENT_PATTERN = 'seg%05d.ts'

/**
 * Seconds without any RTP after which ffmpeg's SDP input ends (EOF), so the run finishes
 * cleanly by itself, last segment included, when its sources vanish (a worker died).
 * A 'q' only takes effect once the input thread returns, so this also bounds a stop.
 */
export const RTP_TIMEOUT_SECONDS = 10

export interface LiveArgsPlan {
  /** SDP describing `audioInputs` audio m-lines, then one video m-line if `hasVideo`. */
  sdpPath: string | null
  audioInputs: number
  hasVideo: boolean
  dir: string
  segmentSeconds: number
  /** Where this run's timestamps start: just after the previous run's (see StageRecorder). */
  offsetSeconds: number
  x264Preset: string
}

/**
 * One live encoder: RTP in, all audio mixed, one picture, H.264 + AAC out as HLS appended
 * to the playlist. Missing video becomes a black picture, missing audio silence, both
 * paced in real time (-re) so they keep step with the RTP input.
 */
export function liveArgs(plan: LiveArgsPlan): string[] {
  // No -nostdin: a 'q' on stdin is how a run ends cleanly. -y: the playlist exists when appending.
  const args = ['-hide_banner', '-loglevel', 'warning', '-nostats', '-y']
  let inputs = 0
  const rtpIndex = plan.sdpPath ? inputs++ : -1
  if (plan.sdpPath) {
    args.push(
      '-thread_queue_size', '1024', '-listen_timeout', String(RTP_TIMEOUT_SECONDS),
      '-protocol_whitelist', 'file,udp,rtp', '-i', plan.sdpPath,
    )
  }
  const blackIndex = plan.hasVideo ? -1 : inputs++
  if (!plan.hasVideo) {
    args.push('-re', '-f', 'lavfi', '-i', `color=c=black:s=${STAGE_WIDTH}x${STAGE_HEIGHT}:r=${STAGE_FPS}`)
  }
  const silentIndex = plan.audioInputs > 0 ? -1 : inputs++
  if (plan.audioInputs === 0) args.push('-re', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo')

  // Two separate graphs: when the camera changes resolution ffmpeg rebuilds the graph that
  // frame belongs to, and that must not reset the audio mix.
  if (plan.hasVideo) {
    const fit = `scale=${STAGE_WIDTH}:${STAGE_HEIGHT}:force_original_aspect_ratio=decrease,` +
      `pad=${STAGE_WIDTH}:${STAGE_HEIGHT}:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps=${STAGE_FPS},format=yuv420p`
    args.push('-filter_complex', `[${rtpIndex}:${plan.audioInputs}]${fit}[v]`, '-map', '[v]')
  } else {
    args.push('-map', `${blackIndex}:v`)
  }
  if (plan.audioInputs > 0) {
    // async=1: lost or late packets become silence (or a tiny stretch) on the input's own
    // timeline, so the mix stays continuous and in step with the picture.
    const inputs = Array.from({ length: plan.audioInputs }, (_, i) => `[${rtpIndex}:${i}]aresample=async=1[a${i}];`).join('')
    const pads = Array.from({ length: plan.audioInputs }, (_, i) => `[a${i}]`).join('')
    // normalize=0: each microphone keeps its level instead of being divided by the count.
    const mix = `amix=inputs=${plan.audioInputs}:duration=longest:dropout_transition=0:normalize=0,` +
      'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'
    args.push('-filter_complex', `${inputs}${pads}${mix}[a]`, '-map', '[a]')
  } else {
    args.push('-map', `${silentIndex}:a`)
  }

  const gop = String(STAGE_FPS * plan.segmentSeconds)
  args.push(
    '-c:v', 'libx264', '-preset', plan.x264Preset, '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '5000k',
    // A key frame at every segment boundary, so segments are cut at the configured length.
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-force_key_frames', `expr:gte(t,n_forced*${plan.segmentSeconds})`,
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    // The black/silent fillers never end: the run ends with its RTP input.
    '-shortest',
    // Continues the timeline of the runs before, so the archive's timestamps only go up.
    '-output_ts_offset', plan.offsetSeconds.toFixed(3),
    '-f', 'hls', '-hls_time', String(plan.segmentSeconds), '-hls_list_size', '0', '-hls_playlist_type', 'event',
    // append_list: continue the playlist and its segment numbers, marking a discontinuity.
    // omit_endlist: a restart must not look like the end to live players; stop() ends it.
    '-hls_flags', 'append_list+omit_endlist',
    '-hls_segment_filename', join(plan.dir, SEGMENT_PATTERN),
    join(plan.dir, PLAYLIST_NAME),
  )
  return args
}

/** A child ffmpeg with the tail of its stderr kept for error messages. */
export class FfmpegProcess {
  readonly child: ChildProcess
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  readonly #tail: string[] = []
  #partial = ''

  constructor(ffmpegPath: string, args: string[]) {
    this.child = spawn(ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'] })
    // Writing 'q' to an ffmpeg that just died must not become an unhandled 'error'.
    this.child.stdin?.on('error', () => undefined)
    this.child.stderr?.setEncoding('utf8')
    this.child.stderr?.on('data', (chunk: string) => this.#collect(chunk))
    this.exited = new Promise((resolve) => {
      // 'error' (e.g. ENOENT: no ffmpeg binary) may come without 'close'.
      this.child.once('error', (error) => {
        this.#tail.push(String(error))
        if (this.child.pid === undefined) resolve({ code: null, signal: null })
      })
      this.child.once('close', (code, signal) => resolve({ code, signal }))
    })
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined
  }

  /** The last lines ffmpeg wrote to stderr. */
  tail(lines = 8): string {
    const all = this.#partial ? [...this.#tail, this.#partial] : this.#tail
    return all.slice(-lines).join('\n')
  }

  /**
   * 'q' lets ffmpeg flush its encoders and write the last segment (within
   * RTP_TIMEOUT_SECONDS when its input went quiet); signals if it hangs beyond that.
   */
  async stop(timeoutMs = (RTP_TIMEOUT_SECONDS + 5) * 1000): Promise<void> {
    if (!this.running) return void (await this.exited)
    this.child.stdin?.end('q')
    if (await this.#exitsWithin(timeoutMs)) return
    this.child.kill('SIGTERM')
    if (await this.#exitsWithin(2000)) return
    this.child.kill('SIGKILL')
    await this.exited
  }

  async #exitsWithin(ms: number): Promise<boolean> {
    const ac = new AbortController()
    const timeout = sleep(ms, false, { signal: ac.signal }).catch(() => false)
    const done = await Promise.race([this.exited.then(() => true), timeout])
    ac.abort()
    return done
  }

  #collect(chunk: string): void {
    const lines = (this.#partial + chunk).split(/\r?\n|\r/)
    this.#partial = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) this.#tail.push(line)
    if (this.#tail.length > 40) this.#tail.splice(0, this.#tail.length - 20)
  }
}

/** Runs a short ffmpeg/ffprobe job to the end; rejects with its stderr tail on failure. */
export async function runToEnd(path: string, args: string[]): Promise<string> {
  const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-4000)))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) {
    throw new Error(`media: ${path} exited with ${code}: ${err.trim().split('\n').slice(-5).join('\n')}`)
  }
  return out
}

/** Copies every HLS segment into one MP4 (no re-encoding), index in front for progressive playback. */
export async function remuxToMp4(ffmpegPath: string, playlist: string, output: string): Promise<void> {
  await runToEnd(ffmpegPath, [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', playlist,
    '-map', '0:v?', '-map', '0:a?', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', output,
  ])
}

/** Where a run with -output_ts_offset 0 starts in MPEG-TS time: the muxer's 2 x 0.7 s delay. */
export const MPEGTS_START_SECONDS = 1.4

/** The latest end (pts + duration) of any packet in a media file, in seconds. */
export async function probeEndSeconds(ffprobePath: string, file: string): Promise<number> {
  const out = await runToEnd(ffprobePath, ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file])
  let end = -Infinity
  for (const line of out.split('\n')) {
    const [pts, duration] = line.split(',').map(Number.parseFloat)
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (duration !== undefined && Number.isFinite(duration) ? duration : 0))
  }
  if (!Number.isFinite(end)) throw new Error(`media: no timestamped packets in ${file}`)
  return end
}

export async function probeDurationSeconds(ffprobePath: string, file: string): Promise<number> {
  const out = await runToEnd(ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file])
  const seconds = Number.parseFloat(out.trim())
  if (!Number.isFinite(seconds)) throw new Error(`media: ffprobe gave no duration for ${file}: ${out.trim()}`)
  return seconds
}

// Ports handed to a live ffmpeg in this process and not yet released: the kernel can give
// a just-closed port to the next bind(0), so two recorders starting together could
// otherwise pick the same one.
const reservedPorts = new Set<number>()

function bindUdp(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4')
    socket.once('error', (error) => {
      socket.close()
      reject(error)
    })
    // 0.0.0.0 like ffmpeg's own bind, so a port taken on any address counts as taken.
    socket.bind(port, '0.0.0.0', () => resolve(socket))
  })
}

/**
 * A free even port P with P + 1 free too (RTP and RTCP for one ffmpeg input), reserved
 * until releasePortPair(P). Free at the time of asking only: the caller retries with
 * another pair if ffmpeg then fails to bind it.
 */
export async function reservePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await bindUdp(0)
    const port = (first.address() as AddressInfo).port
    const usable = port % 2 === 0 && port < 65535 && !reservedPorts.has(port) && !reservedPorts.has(port + 1)
    const second = usable ? await bindUdp(port + 1).catch(() => undefined) : undefined
    first.close()
    second?.close()
    if (second) {
      reservedPorts.add(port)
      reservedPorts.add(port + 1)
      return port
    }
  }
  throw new Error('media: found no free UDP port pair for the recorder')
}

export function releasePortPair(port: number): void {
  reservedPorts.delete(port)
  reservedPorts.delete(port + 1)
}

/** Local UDP ports with a socket bound, from /proc; undefined where /proc is not Linux's. */
async function boundUdpPorts(): Promise<Set<number> | undefined> {
  const ports = new Set<number>()
  let readAny = false
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    readAny = true
    for (const line of text.split('\n').slice(1)) {
      const local = line.trim().split(/\s+/)[1] // "0100007F:9C40"
      const hex = local?.split(':').pop()
      if (hex) ports.add(Number.parseInt(hex, 16))
    }
  }
  return readAny ? ports : undefined
}

/**
 * Resolves true once ffmpeg has bound every port (it is then ready for RTP: sending
 * earlier would lose the first key frame), false if it exited first.
 */
export async function waitUntilListening(ffmpeg: FfmpegProcess, ports: number[], timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (ffmpeg.running) {
    const bound = await boundUdpPorts()
    // Without /proc there is nothing to watch: give ffmpeg a moment to open its input.
    if (!bound) return sleep(500).then(() => ffmpeg.running)
    if (ports.every((port) => bound.has(port))) return true
    if (Date.now() > deadline) throw new Error(`media: ffmpeg did not open its RTP ports within ${timeoutMs} ms`)
    await sleep(50)
  }
  return false
}

/**
 * Starts ffmpeg on newly reserved port pairs (one per RTP stream) and resolves once it
 * listens on them. `target.ffmpeg`/`target.ports` are set as soon as they exist, so the
 * caller can clean up after a failure. Picks other ports if one was taken meanwhile.
 */
export async function spawnListening(
  ffmpegPath: string,
  target: { ffmpeg?: FfmpegProcess; ports: number[] },
  streams: number,
  argsFor: (ports: number[]) => Promise<string[]>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    for (let i = 0; i < streams; i++) target.ports.push(await reservePortPair())
    target.ffmpeg = new FfmpegProcess(ffmpegPath, await argsFor(target.ports))
    if (await waitUntilListening(target.ffmpeg, target.ports)) return
    const tail = target.ffmpeg.tail()
    for (const port of target.ports.splice(0)) releasePortPair(port)
    // Another process took a port between our check and ffmpeg's bind: pick again.
    if (attempt < 3 && /address already in use|bind failed/i.test(tail)) continue
    throw new Error(`ffmpeg exited at start: ${tail}`)
  }
}

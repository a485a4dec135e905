import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MediaHost } from '../MediaHost.ts'
import type { SessionRouter } from '../SessionRouter.ts'
import type { WorkerReplaced } from '../WorkerPool.ts'
import { probeEndSeconds, runToEnd } from './ffmpeg.ts'
import { playlistState } from './hls.ts'
import { StageRecorder, type StageRecording, type StageSources } from './StageRecorder.ts'
import { eventually, startCameraFeed, startSimulcastFeed, waitForEvent, type Feed } from './testing.ts'

const execFileAsync = promisify(execFile)

// Generous: the machine is shared, and a starved real-time pipeline is slow, not wrong.
const SLOW = 90_000

interface ProbedStream {
  codec_type: string
  codec_name: string
  width?: number
  height?: number
}

async function probeStreams(file: string): Promise<ProbedStream[]> {
  const out = await runToEnd('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height', '-of', 'json', file])
  return (JSON.parse(out) as { streams: ProbedStream[] }).streams
}

/**
 * A recorder whose 'error' events and log lines are kept, and a wrapper for waits that,
 * on a timeout, also tells what the recorder reported meanwhile.
 */
function recorder(session: SessionRouter, dir: string) {
  const errors: Error[] = []
  const logs: string[] = []
  const log = (msg: string, extra?: Record<string, unknown>) => {
    const line = `${new Date().toISOString()} ${msg} ${JSON.stringify(extra ?? {})}`
    logs.push(line)
    if (process.env.RECORDER_LOG) console.log(line)
  }
  const rec = new StageRecorder(session, { dir, x264Preset: 'ultrafast', log })
  rec.on('error', (error) => errors.push(error))
  const wait = async <T>(pending: Promise<T>): Promise<T> => {
    try {
      return await pending
    } catch (error) {
      const seen = [...errors.map((e) => e.message), ...logs.slice(-6), `ffmpeg: ${rec.ffmpegTail}`]
      throw new Error(`${(error as Error).message}; recorder said:\n${seen.join('\n')}`)
    }
  }
  return { rec, errors, wait }
}

/** RGB of a 64x64 patch in the middle of the frame at `seconds` (negative: from the end). */
async function centrePixel(file: string, seconds: number): Promise<number[]> {
  const seek = seconds < 0 ? ['-sseof', String(seconds)] : ['-ss', String(seconds)]
  const { stdout } = await execFileAsync('ffmpeg', [
    '-v', 'error', ...seek, '-i', file, '-frames:v', '1', '-vf', 'crop=64:64,scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ], { encoding: 'buffer' })
  return [...stdout]
}

/** Resolves once the playlist lists at least `count` segments. */
const segmentsAtLeast = (rec: StageRecorder, count: number) =>
  eventually(async () => ((await playlistState(rec.playlistPath)).segments >= count ? true : undefined), `${count} HLS segments`, SLOW)

/** What every finished recording must look like, whoever wrote its segments. */
async function expectFinished(rec: StageRecorder, result: StageRecording | null): Promise<StageRecording> {
  expect(result).not.toBeNull()
  const recording = result!
  const playlist = await readFile(rec.playlistPath, 'utf8')
  expect(playlist.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true)
  expect(playlist.match(/#EXT-X-ENDLIST/g)).toHaveLength(1)
  expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:EVENT')
  // Every listed segment exists, numbered on from run to run: none was overwritten.
  const listed = playlist.split('\n').filter((line) => line.endsWith('.ts'))
  expect(listed.length).toBe(recording.segments)
  expect(listed).toEqual(listed.map((_, i) => `seg${String(i).padStart(5, '0')}.ts`))
  expect((await readdir(rec.dir)).filter((f) => f.endsWith('.ts')).sort()).toEqual(listed)

  expect(recording.file).toBe(join(rec.dir, 'recording.mp4'))
  expect((await stat(recording.file)).size).toBeGreaterThan(0)
  const streams = await probeStreams(recording.file)
  expect(streams.map((s) => `${s.codec_type}/${s.codec_name}`).sort()).toEqual(['audio/aac', 'video/h264'])
  expect(streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 1280, height: 720 })
  // The MP4 is the playlist copied: from the first segment's first packet to the last
  // one's end, nothing listed lost (runs follow each other on one timeline).
  const { seconds, lastSegment } = await playlistState(rec.playlistPath)
  const start = Number.parseFloat(await runToEnd('ffprobe', ['-v', 'error', '-show_entries', 'format=start_time', '-of', 'csv=p=0', join(rec.dir, listed[0]!)]))
  const end = await probeEndSeconds('ffprobe', lastSegment!)
  expect(Math.abs(recording.durationSeconds - (end - start))).toBeLessThan(0.5)
  expect(recording.durationSeconds).toBeGreaterThan(seconds - 0.5)
  return recording
}

// Real workers, real ffmpeg both ways: test-pattern cameras and a tone feed the session
// through PlainTransports; the recorder's ffmpeg writes HLS that is then checked on disk.
describe('StageRecorder', () => {
  let host: MediaHost
  let root: string
  const feeds: Feed[] = []

  beforeAll(async () => {
    host = await MediaHost.create({ workers: 1, rtcMinPort: 47500, rtcMaxPort: 47999 })
    root = await mkdtemp(join(tmpdir(), 'openday-rec-test-'))
  })
  afterAll(async () => {
    for (const feed of feeds) feed.stop()
    host?.close()
    if (root && !process.env.RECORDER_KEEP) await rm(root, { recursive: true, force: true })
  })

  async function camera(sessionId: string, options: { pattern?: string; audio?: boolean; ssrc: number }) {
    const feed = await startCameraFeed(await host.session(sessionId), options)
    feeds.push(feed)
    return feed
  }

  it('records the stage to HLS and one MP4 across a change of camera', async () => {
    const session = await host.session('sess-rec')
    const [videoA, mic] = (await camera('sess-rec', { audio: true, ssrc: 1000 })).producers
    const [videoB] = (await camera('sess-rec', { pattern: 'testsrc2', ssrc: 2000 })).producers
    const { rec, errors, wait } = recorder(session, join(root, 'stage'))

    const announced = waitForEvent<string>(rec, 'hls', undefined, SLOW)
    const started = waitForEvent<StageSources>(rec, 'programme', undefined, SLOW)
    rec.setSources({ video: videoA!.id, audio: [mic!.id] })
    expect(await wait(started)).toEqual({ video: videoA!.id, audio: [mic!.id] })
    const startedAt = Date.now()
    expect(await wait(announced)).toBe(join(root, 'stage', 'index.m3u8'))
    await wait(segmentsAtLeast(rec, 2))

    // Rapid changes collapse into one restart, on the last of them.
    const switched = waitForEvent<StageSources>(rec, 'programme', undefined, SLOW)
    rec.setSources({ video: null, audio: [mic!.id] })
    rec.setSources({ video: videoB!.id, audio: [mic!.id, mic!.id] })
    expect(await wait(switched)).toEqual({ video: videoB!.id, audio: [mic!.id] })
    expect(rec.programme).toEqual({ video: videoB!.id, audio: [mic!.id] })
    const atSwitch = (await playlistState(rec.playlistPath)).segments
    await wait(segmentsAtLeast(rec, atSwitch + 2))

    const result = await rec.stop()
    const elapsed = (Date.now() - startedAt) / 1000
    const recording = await expectFinished(rec, result)
    expect(recording.segments).toBeGreaterThanOrEqual(4)
    // The restart is marked for players: a discontinuity after the first run's segments.
    const playlist = await readFile(rec.playlistPath, 'utf8')
    expect(playlist.indexOf('#EXT-X-DISCONTINUITY', playlist.indexOf('seg00001.ts'))).toBeGreaterThan(0)
    // Not longer than the wall-clock time recorded, and most of it (restart gaps are cut).
    expect(recording.durationSeconds).toBeLessThanOrEqual(elapsed + 1)
    expect(recording.durationSeconds).toBeGreaterThan(Math.min(elapsed - 6, 7))

    expect(await rec.stop()).toBe(result) // idempotent
    expect(rec.programme).toBeNull()
    expect(session.stats().reduce((n, s) => n + s.transports, 0)).toBe(3) // only the feeds' send transports remain
    expect(errors).toEqual([])
  }, 300_000)

  it('records a simulcast camera at its highest layer, with silence for sound', async () => {
    const session = await host.session('sess-simulcast')
    // Low layer red 160x120, high layer blue 320x240: the picture tells which one came.
    const feed = await startSimulcastFeed(session, { low: 'red', high: 'blue', ssrc: 6000 })
    feeds.push(feed)
    const [video] = feed.producers
    const { rec, errors, wait } = recorder(session, join(root, 'simulcast'))
    const announced = waitForEvent<string>(rec, 'hls', undefined, SLOW)
    rec.setSources({ video: video!.id, audio: [] })
    await wait(announced)
    await wait(segmentsAtLeast(rec, 2))

    // A paused camera sends nothing: it leaves the programme (here: nothing left, so no
    // ffmpeg) and comes back when it resumes, continuing the same playlist.
    const segments = async () => (await playlistState(rec.playlistPath)).segments
    const paused = waitForEvent<StageSources>(rec, 'programme', undefined, SLOW)
    await video!.pause()
    expect(await wait(paused)).toEqual({ video: null, audio: [] })
    expect(rec.programme).toBeNull()
    const resumed = waitForEvent<StageSources>(rec, 'programme', undefined, SLOW)
    await video!.resume()
    expect(await wait(resumed)).toEqual({ video: video!.id, audio: [] })
    await wait(segmentsAtLeast(rec, (await segments()) + 1))

    const recording = await expectFinished(rec, await rec.stop())
    // mediasoup may start on the low layer (its key frame came first) or fall back to it
    // while the high one loses packets on a starved machine; but a consumer that never
    // reached the top layer would show no blue frame at all.
    const frames = await Promise.all([1, 2, 3, 4].map((t) => centrePixel(recording.file, -t)))
    const colours = frames.map(([r, , b]) => (b! > 180 && r! < 60 ? 'blue' : r! > 180 && b! < 60 ? 'red' : 'other'))
    expect(colours).toContain('blue')
    expect(colours).not.toContain('other')
    expect(errors).toEqual([])
  }, 300_000)

  it('returns null when nothing was recorded, without throwing', async () => {
    const session = await host.session('sess-empty')
    const never = new StageRecorder(session, { dir: join(root, 'never') })
    expect(await never.stop()).toBeNull()
    expect(await never.stop()).toBeNull()

    const nothing = new StageRecorder(session, { dir: join(root, 'nothing') })
    nothing.setSources({ video: null, audio: [] })
    expect(await nothing.stop()).toBeNull()
    nothing.setSources({ video: 'late', audio: [] }) // ignored after stop
    expect(() => new StageRecorder(session, { dir: 'relative/dir' })).toThrow(/absolute/)
  })

  it('survives its worker dying, and a new recorder continues the same playlist', async () => {
    const dir = join(root, 'crash')
    const session = await host.session('sess-crash')
    const [, mic] = (await camera('sess-crash', { audio: true, ssrc: 3000 })).producers
    const { rec: first, wait: waitFirst } = recorder(session, dir)
    // No picture: the programme is the microphone over a black frame.
    const announced = waitForEvent<string>(first, 'hls', undefined, SLOW)
    first.setSources({ video: null, audio: [mic!.id] })
    await waitFirst(announced)
    await waitFirst(segmentsAtLeast(first, 2))

    const replaced = waitForEvent<WorkerReplaced>(host, 'workerreplaced', undefined, SLOW)
    const errored = waitForEvent<Error>(first, 'error', undefined, SLOW)
    process.kill(session.stats()[0]!.workerPid, 'SIGKILL')
    expect((await errored).message).toMatch(/lost its media worker/)
    expect(session.closed).toBe(true)
    // Ended by the owner after the crash: whatever was recorded is kept.
    const partial = await expectFinished(first, await first.stop())
    await replaced

    const again = await host.session('sess-crash')
    const [video2, mic2] = (await camera('sess-crash', { audio: true, ssrc: 4000 })).producers
    const { rec: second, errors, wait } = recorder(again, dir)
    const announcedAgain = waitForEvent<string>(second, 'hls', undefined, SLOW)
    second.setSources({ video: video2!.id, audio: [mic2!.id] })
    await wait(announcedAgain)
    // The finished playlist was reopened for the live stream and appended to.
    expect(await readFile(second.playlistPath, 'utf8')).not.toContain('#EXT-X-ENDLIST')
    await wait(segmentsAtLeast(second, partial.segments + 2))
    const whole = await expectFinished(second, await second.stop())
    expect(whole.durationSeconds).toBeGreaterThan(partial.durationSeconds + 2)
    expect(errors).toEqual([])
  }, 300_000)
})

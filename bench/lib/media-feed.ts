// The published stream of the media benchmark: ffmpeg encodes a test pattern in real time (VP8,
// optionally Opus) and sends it as RTP into send PlainTransports (comedia, rtcpMux off) on the
// session's origin router, as a recorder/ingest feed would (see media/test/helpers.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import type { MediaProducer, SessionRouter } from '@openday/media'

export interface FeedOptions {
  /** WxH */
  size: string
  fps: number
  kbps: number
  audio: boolean
  /** Key frame interval in seconds: a new viewer waits for the next key frame before video flows. */
  keySeconds: number
}

export interface Feed {
  video: MediaProducer
  audio?: MediaProducer
  ffmpeg: ChildProcess
  stop(): void
}

const VIDEO_PT = 101
const VIDEO_SSRC = 11111111
const AUDIO_PT = 100
const AUDIO_SSRC = 22222222

export async function startFeed(session: SessionRouter, o: FeedOptions, logFile: string): Promise<Feed> {
  const videoIn = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false, appData: { feed: 'video' } })
  const video = await videoIn.produce({
    kind: 'video',
    rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000 }], encodings: [{ ssrc: VIDEO_SSRC }] },
  })
  const inputs = ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${o.size}:rate=${o.fps}`]
  const v = videoIn.local
  const outputs = [
    '-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-threads', '1',
    '-b:v', `${o.kbps}k`, '-minrate', `${o.kbps}k`, '-maxrate', `${o.kbps}k`, '-bufsize', `${o.kbps}k`,
    '-g', String(Math.round(o.fps * o.keySeconds)), '-keyint_min', String(Math.round(o.fps * o.keySeconds)),
    '-payload_type', String(VIDEO_PT), '-ssrc', String(VIDEO_SSRC),
    '-f', 'rtp', `rtp://${v.ip}:${v.rtpPort}?rtcpport=${v.rtcpPort}&pkt_size=1200`,
  ]
  let audio: MediaProducer | undefined
  if (o.audio) {
    const audioIn = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false, appData: { feed: 'audio' } })
    audio = await audioIn.produce({
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: AUDIO_SSRC }] },
    })
    inputs.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000')
    const a = audioIn.local
    outputs.push(
      '-map', '1:a', '-c:a', 'libopus', '-b:a', '48k', '-ac', '2', '-ar', '48000',
      '-payload_type', String(AUDIO_PT), '-ssrc', String(AUDIO_SSRC),
      '-f', 'rtp', `rtp://${a.ip}:${a.rtpPort}?rtcpport=${a.rtcpPort}&pkt_size=1200`,
    )
  }
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'warning', '-nostdin', ...inputs, ...outputs], { stdio: ['ignore', 'ignore', 'pipe'] })
  ffmpeg.stderr!.pipe(createWriteStream(logFile))
  await new Promise<void>((resolve, reject) => {
    ffmpeg.once('spawn', resolve)
    ffmpeg.once('error', reject)
  })
  return {
    video, audio, ffmpeg,
    stop: () => {
      if (ffmpeg.exitCode === null) ffmpeg.kill('SIGKILL')
    },
  }
}

/** The producer's packet and byte counters and bitrate as mediasoup sees them. */
export async function producerCounters(p: MediaProducer): Promise<{ packets: number; bytes: number; bitrate: number; score: number }> {
  const s = (await p.getStats())[0]
  return { packets: s?.packetCount ?? 0, bytes: s?.byteCount ?? 0, bitrate: s?.bitrate ?? 0, score: s?.score ?? 0 }
}

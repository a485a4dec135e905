// Test-only helpers for the recorder and active-speaker tests (not exported by the package):
// real ffmpeg feeds into send PlainTransports, as a browser's camera and microphone would be.
import { spawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import type { AddressInfo } from 'node:net'
import type { types } from 'mediasoup'
import type { MediaProducer } from '../MediaProducer.ts'
import type { SessionRouter } from '../SessionRouter.ts'

const VP8_PT = 101
const OPUS_PT = 111
const PCMU_PT = 0
const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'
const AUDIO_LEVEL_EXT_ID = 1

export interface Feed {
  producers: MediaProducer[]
  process: ChildProcess
  stop(): void
}

function ffmpeg(args: string[]): ChildProcess {
  const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[feed ffmpeg] ${d}`))
  return child
}

/** One send PlainTransport per RTP output: each ffmpeg output sends from its own port. */
async function ingest(session: SessionRouter, kind: types.MediaKind, rtpParameters: types.RtpParameters) {
  const transport = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false })
  const producer = await transport.produce({ kind, rtpParameters })
  const { ip, rtpPort, rtcpPort } = transport.local
  return { producer, url: `rtp://${ip}:${rtpPort}?rtcpport=${rtcpPort}&pkt_size=1200` }
}

/**
 * A "camera" (ffmpeg's test pattern as VP8) and optionally a "microphone" (a sine tone as
 * Opus), both real time. `pattern` tells two cameras apart (testsrc, testsrc2, smptebars).
 */
export async function startCameraFeed(
  session: SessionRouter,
  options: { pattern?: string; audio?: boolean; ssrc: number },
): Promise<Feed> {
  const video = await ingest(session, 'video', {
    codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PT, clockRate: 90000 }],
    encodings: [{ ssrc: options.ssrc }],
  })
  const args = [
    '-re', '-f', 'lavfi', '-i', `${options.pattern ?? 'testsrc'}=size=320x240:rate=15`,
    '-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '30',
    '-payload_type', String(VP8_PT), '-ssrc', String(options.ssrc), '-f', 'rtp', video.url,
  ]
  const producers = [video.producer]
  if (options.audio) {
    const audio = await ingest(session, 'audio', {
      codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: options.ssrc + 1 }],
    })
    args.splice(5, 0, '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000')
    args.push(
      '-map', '1:a', '-c:a', 'libopus', '-ac', '2', '-b:a', '64k',
      '-payload_type', String(OPUS_PT), '-ssrc', String(options.ssrc + 1), '-f', 'rtp', audio.url,
    )
    producers.push(audio.producer)
  }
  const process = ffmpeg(args)
  return { producers, process, stop: () => process.kill('SIGKILL') }
}

/** What a router needs in its codecs for startLevelFeed: G.711 µ-law. */
export const PCMU_CODEC: types.RouterRtpCodecCapability = { kind: 'audio', mimeType: 'audio/PCMU', clockRate: 8000 }

/**
 * A microphone whose RTP carries the ssrc-audio-level header extension (RFC 6464), which
 * mediasoup's ActiveSpeakerObserver reads and ffmpeg cannot write. ffmpeg sends G.711 µ-law
 * (8 kHz, 20 ms packets) to a local relay; the relay measures each packet's level from its
 * decoded samples, inserts the extension and forwards the packet to the PlainTransport. So
 * the level is the audio's own, not a value the test picks.
 */
export async function startLevelFeed(session: SessionRouter, options: { source: string; ssrc: number }): Promise<Feed> {
  const transport = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false })
  const producer = await transport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/PCMU', payloadType: PCMU_PT, clockRate: 8000 }],
      encodings: [{ ssrc: options.ssrc }],
      headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: AUDIO_LEVEL_EXT_ID }],
    },
  })
  const { ip, rtpPort, rtcpPort } = transport.local
  const relayed = await relay(ip, rtpPort, withAudioLevel)
  const process = ffmpeg([
    '-re', '-f', 'lavfi', '-i', `${options.source}:sample_rate=8000`,
    '-ac', '1', '-ar', '8000', '-c:a', 'pcm_mulaw',
    '-payload_type', String(PCMU_PT), '-ssrc', String(options.ssrc),
    '-f', 'rtp', `rtp://127.0.0.1:${relayed.port}?rtcpport=${rtcpPort}&pkt_size=1200`,
  ])
  return {
    producers: [producer],
    process,
    stop() {
      process.kill('SIGKILL')
      relayed.close()
    },
  }
}

/**
 * A simulcast camera: ffmpeg encodes two VP8 streams of different colours and sizes, one
 * per SSRC (`low` first, as mediasoup orders encodings), into one producer. Both reach the
 * comedia PlainTransport from one relay socket (RTP) and another (RTCP): ffmpeg's two
 * outputs send from two ports, and the transport only accepts the first it hears from.
 */
export async function startSimulcastFeed(
  session: SessionRouter,
  options: { low: string; high: string; ssrc: number },
): Promise<Feed> {
  const transport = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false })
  const producer = await transport.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PT, clockRate: 90000 }],
      encodings: [{ ssrc: options.ssrc }, { ssrc: options.ssrc + 1 }],
    },
  })
  const { ip, rtpPort, rtcpPort } = transport.local
  const rtp = await relay(ip, rtpPort)
  const rtcp = await relay(ip, rtcpPort!)
  const output = (input: number, ssrc: number) => [
    // Frequent key frames: mediasoup starts with whichever layer sends one first and moves
    // to the preferred layer at that layer's next key frame (this feed ignores PLI).
    '-map', `${input}:v`, '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k', '-g', '5',
    '-payload_type', String(VP8_PT), '-ssrc', String(ssrc), '-f', 'rtp',
    `rtp://127.0.0.1:${rtp.port}?rtcpport=${rtcp.port}&pkt_size=1200`,
  ]
  const process = ffmpeg([
    '-re', '-f', 'lavfi', '-i', `color=c=${options.low}:s=160x120:r=15`,
    '-re', '-f', 'lavfi', '-i', `color=c=${options.high}:s=320x240:r=15`,
    ...output(0, options.ssrc), ...output(1, options.ssrc + 1),
  ])
  return {
    producers: [producer],
    process,
    stop() {
      process.kill('SIGKILL')
      rtp.close()
      rtcp.close()
    },
  }
}

/** A local UDP socket forwarding what it receives (optionally rewritten) to ip:port. */
async function relay(ip: string, port: number, rewrite: (packet: Buffer) => Buffer | undefined = (p) => p) {
  const socket = dgram.createSocket('udp4')
  socket.on('message', (packet) => {
    const out = rewrite(packet)
    if (out) socket.send(out, port, ip)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return { port: (socket.address() as AddressInfo).port, close: () => socket.close() }
}

/** The RTP packet with a one-byte-header extension carrying its level in -dBov (0 loud .. 127 silent). */
function withAudioLevel(packet: Buffer): Buffer | undefined {
  // ffmpeg's packets: version 2, no CSRCs, no extension, so the payload starts at byte 12.
  if (packet.length <= 12 || (packet[0]! & 0x3f) !== 0x00 || packet[0]! >> 6 !== 2) return undefined
  const payload = packet.subarray(12)
  let sum = 0
  for (const byte of payload) sum += ulawToLinear(byte) ** 2
  const rms = Math.sqrt(sum / payload.length)
  const dBov = rms > 0 ? 20 * Math.log10(rms / 32768) : -127
  const level = Math.min(127, Math.max(0, Math.round(-dBov)))
  const header = Buffer.from(packet.subarray(0, 12))
  header[0] = header[0]! | 0x10 // X bit
  // 0xBEDE profile, one 32-bit word: [id<<4 | len-1] [V bit | level] + 2 bytes padding.
  const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, (AUDIO_LEVEL_EXT_ID << 4) | 0, (level < 127 ? 0x80 : 0) | level, 0, 0])
  return Buffer.concat([header, extension, payload])
}

/** ITU-T G.711 µ-law expansion to 16-bit linear. */
function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84
  return u & 0x80 ? -magnitude : magnitude
}

/** Polls `check` until it returns a value (not undefined) or `ms` pass; for files ffmpeg writes. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Resolves with the first `event` whose argument `accept`s, or fails after `ms`. */
export function waitForEvent<T>(
  emitter: { on(event: string, listener: (arg: T) => void): unknown; off(event: string, listener: (arg: T) => void): unknown },
  event: string,
  accept: (arg: T) => boolean = () => true,
  ms = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (arg: T) => {
      if (!accept(arg)) return
      clearTimeout(timer)
      emitter.off(event, listener)
      resolve(arg)
    }
    const timer = setTimeout(() => {
      emitter.off(event, listener)
      reject(new Error(`no matching '${event}' event within ${ms} ms`))
    }, ms)
    emitter.on(event, listener)
  })
}

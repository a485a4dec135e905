import { spawn, type ChildProcess } from 'node:child_process'
import dgram from 'node:dgram'
import type { AddressInfo } from 'node:net'
import type { mediasoupTypes } from '../src/index.ts'

export const VP8_PAYLOAD_TYPE = 101
export const VP8_SSRC = 22222222

/** What a producer fed by `startVp8Feed` declares. */
export const vp8RtpParameters: mediasoupTypes.RtpParameters = {
  codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90000 }],
  encodings: [{ ssrc: VP8_SSRC }],
}

/**
 * A real VP8 stream: ffmpeg's test pattern in real time, as RTP to a PlainTransport.
 * RTCP goes to its own port because the transport runs with rtcpMux off (see
 * PlainTransportOptions.comedia).
 */
export function startVp8Feed(ip: string, rtpPort: number, rtcpPort: number): ChildProcess {
  const ffmpeg = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15',
    '-an', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '30',
    '-payload_type', String(VP8_PAYLOAD_TYPE), '-ssrc', String(VP8_SSRC),
    '-f', 'rtp', `rtp://${ip}:${rtpPort}?rtcpport=${rtcpPort}&pkt_size=1200`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] })
  ffmpeg.stderr?.on('data', (d: Buffer) => process.stderr.write(`[ffmpeg] ${d}`))
  return ffmpeg
}

export interface RtpPacket {
  payloadType: number
  ssrc: number
}

/** A UDP socket standing in for a recorder: collects the RTP a consumer sends it. */
export async function rtpSink(): Promise<{
  port: number
  packets: RtpPacket[]
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): void
}> {
  const socket = dgram.createSocket('udp4')
  const packets: RtpPacket[] = []
  socket.on('message', (msg) => {
    // RTCP shares the port (rtcpMux): its packet types 200-204 sit where RTP has M+PT.
    if (msg.length < 12 || (msg[1]! >= 200 && msg[1]! <= 204)) return
    const packet = { payloadType: msg[1]! & 0x7f, ssrc: msg.readUInt32BE(8) }
    // mediasoup's bandwidth probation padding (fixed SSRC 1234, payload type 127).
    if (packet.ssrc === 1234 && packet.payloadType === 127) return
    packets.push(packet)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return {
    port: (socket.address() as AddressInfo).port,
    packets,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (packets.length < count) {
        if (Date.now() > deadline) throw new Error(`got ${packets.length} RTP packets, wanted ${count}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    close: () => socket.close(),
  }
}

/** Resolves with the first emission of `event`, or fails after `ms`. */
export function nextEvent<T>(
  emitter: { once(event: string, listener: (arg: T) => void): unknown },
  event: string,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms)
    emitter.once(event, (arg: T) => {
      clearTimeout(timer)
      resolve(arg)
    })
  })
}

import os from 'node:os'
import type { types } from 'mediasoup'

/** What server/ passes in; every field has a default that works on one machine. */
export interface MediaConfig {
  /** mediasoup workers (one process each). Default: one per CPU core. */
  workers?: number
  /** UDP/TCP port range for WebRTC and plain transports, shared by all workers. */
  rtcMinPort?: number
  rtcMaxPort?: number
  /** Address the transports bind to. Default 127.0.0.1 (loopback needs no announced address). */
  listenIp?: string
  /** Public IP or host name put in ICE candidates when listenIp is private or 0.0.0.0. */
  announcedAddress?: string
  /** Also offer ICE over TCP, for viewers whose networks block UDP. Default true. */
  enableTcp?: boolean
  /**
   * Consumers a session's router takes before new viewers go to another worker's router
   * (fed by pipeToRouter). mediasoup's own guidance is a few hundred per core.
   */
  maxConsumersPerRouter?: number
  /**
   * Address for transports whose other end is on this host: PipeTransports between
   * routers (pipeToRouter) and PlainTransports to/from ffmpeg. Default 127.0.0.1.
   */
  localListenIp?: string
  initialAvailableOutgoingBitrate?: number
  logLevel?: types.WorkerLogLevel
  mediaCodecs?: types.RouterRtpCodecCapability[]
  /** Delay before retrying a worker that failed to start again after a crash. */
  respawnDelayMs?: number
}

export type ResolvedMediaConfig = Required<Omit<MediaConfig, 'announcedAddress'>> &
  Pick<MediaConfig, 'announcedAddress'>

// Opus for speech, VP8 as the one video codec every browser decodes in software, H264
// for Safari/hardware encoders. No simulcast-only codecs: the audience is one-way.
export const DEFAULT_MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
]

export function resolveMediaConfig(config: MediaConfig = {}): ResolvedMediaConfig {
  const resolved: ResolvedMediaConfig = {
    workers: config.workers ?? os.availableParallelism(),
    rtcMinPort: config.rtcMinPort ?? 40000,
    rtcMaxPort: config.rtcMaxPort ?? 49999,
    listenIp: config.listenIp ?? '127.0.0.1',
    announcedAddress: config.announcedAddress,
    enableTcp: config.enableTcp ?? true,
    maxConsumersPerRouter: config.maxConsumersPerRouter ?? 400,
    localListenIp: config.localListenIp ?? '127.0.0.1',
    initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate ?? 1_000_000,
    logLevel: config.logLevel ?? 'warn',
    mediaCodecs: config.mediaCodecs ?? DEFAULT_MEDIA_CODECS,
    respawnDelayMs: config.respawnDelayMs ?? 1000,
  }
  if (!Number.isInteger(resolved.workers) || resolved.workers < 1) {
    throw new RangeError(`media: workers must be a positive integer, got ${resolved.workers}`)
  }
  const { rtcMinPort: min, rtcMaxPort: max } = resolved
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1024 && max <= 65535 && min <= max)) {
    throw new RangeError(`media: bad RTC port range ${min}-${max}`)
  }
  if (!(resolved.maxConsumersPerRouter >= 1)) {
    throw new RangeError(`media: maxConsumersPerRouter must be >= 1`)
  }
  return resolved
}

/** One listen address per protocol, all inside the configured port range. */
export function listenInfos(config: ResolvedMediaConfig): types.TransportListenInfo[] {
  const portRange = { min: config.rtcMinPort, max: config.rtcMaxPort }
  const base = {
    ip: config.listenIp,
    portRange,
    ...(config.announcedAddress ? { announcedAddress: config.announcedAddress } : {}),
  }
  const infos: types.TransportListenInfo[] = [{ protocol: 'udp', ...base }]
  if (config.enableTcp) infos.push({ protocol: 'tcp', ...base })
  return infos
}

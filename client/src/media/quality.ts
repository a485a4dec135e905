// Pure helpers for picture quality: which simulcast layer a video element needs, and what a
// transport's getStats() says about the connection.

export type SpatialLayer = 0 | 1 | 2
/** The viewer's choice in the quality menu. */
export type QualityChoice = 'auto' | SpatialLayer

/**
 * What the camera sends: three simulcast layers, a quarter, half and full resolution. The
 * bitrates are caps for a 720p camera; the encoder stays below them on a static picture.
 */
export const CAMERA_ENCODINGS: RTCRtpEncodingParameters[] = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
]
/** Full height of the camera picture asked for; the layers are this divided by 4, 2, 1. */
export const CAMERA_HEIGHT = 720

/**
 * The lowest layer that still fills an element `cssHeight` CSS pixels high on a `dpr` screen;
 * null when only the top layer will do, which is what the server picks by itself (no cap). A
 * thumbnail then costs the viewer's network a fraction of the full picture.
 */
export function layerForHeight(cssHeight: number, dpr = 1, fullHeight = CAMERA_HEIGHT): SpatialLayer | null {
  const needed = cssHeight * Math.max(1, dpr)
  if (!(needed > 0)) return 0 // hidden or not laid out yet: the smallest is plenty
  if (needed <= fullHeight / 4) return 0
  if (needed <= fullHeight / 2) return 1
  return null
}

/** The layer to ask the server for: the manual choice when there is one, else by element size. */
export function layerToRequest(choice: QualityChoice, bySize: SpatialLayer | null): SpatialLayer | null {
  return choice === 'auto' ? bySize : choice
}

// ---- connection statistics ----

/** The few fields of RTCStats this reads; RTCStatsReport values are plain objects with these. */
export interface StatLike {
  type: string
  kind?: string
  bytesSent?: number
  bytesReceived?: number
  packetsSent?: number
  packetsReceived?: number
  packetsLost?: number
  roundTripTime?: number
  currentRoundTripTime?: number
  state?: string
  nominated?: boolean
}

/** Counters of one transport at one moment; two of them give rates. */
export interface StatsSample {
  at: number
  bytes: number
  packets: number
  lost: number
  /** Round-trip time in ms: the selected ICE pair's, or the remote report's; null before any. */
  rttMs: number | null
}

export function sampleStats(stats: Iterable<StatLike>, direction: 'send' | 'recv', at: number): StatsSample {
  let bytes = 0, packets = 0, lost = 0
  let pairRtt: number | null = null, remoteRtt: number | null = null
  for (const s of stats) {
    if (direction === 'send' && s.type === 'outbound-rtp') {
      bytes += s.bytesSent ?? 0
      packets += s.packetsSent ?? 0
    } else if (direction === 'send' && s.type === 'remote-inbound-rtp') {
      lost += Math.max(0, s.packetsLost ?? 0)
      if (typeof s.roundTripTime === 'number') remoteRtt = Math.max(remoteRtt ?? 0, s.roundTripTime)
    } else if (direction === 'recv' && s.type === 'inbound-rtp') {
      bytes += s.bytesReceived ?? 0
      packets += s.packetsReceived ?? 0
      lost += Math.max(0, s.packetsLost ?? 0)
    } else if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated && typeof s.currentRoundTripTime === 'number') {
      pairRtt = s.currentRoundTripTime
    }
  }
  const rtt = pairRtt ?? remoteRtt
  return { at, bytes, packets, lost, rttMs: rtt === null ? null : Math.round(rtt * 1000) }
}

export type QualityLevel = 'good' | 'fair' | 'poor'

export interface ConnectionQuality {
  bitrateKbps: number
  /** Share of packets lost since the previous sample, in percent. */
  lossPct: number
  rttMs: number | null
  level: QualityLevel
}

/** Rates between two samples of the same transport (a new transport restarts its counters). */
export function qualityBetween(prev: StatsSample, cur: StatsSample): ConnectionQuality {
  const seconds = (cur.at - prev.at) / 1000
  const restarted = cur.bytes < prev.bytes || cur.packets < prev.packets
  const bytes = restarted ? cur.bytes : cur.bytes - prev.bytes
  const packets = restarted ? cur.packets : cur.packets - prev.packets
  const lost = restarted ? cur.lost : Math.max(0, cur.lost - prev.lost)
  const bitrateKbps = seconds > 0 ? Math.round((bytes * 8) / seconds / 1000) : 0
  const lossPct = packets + lost > 0 ? Math.round((lost / (packets + lost)) * 1000) / 10 : 0
  return { bitrateKbps, lossPct, rttMs: cur.rttMs, level: qualityLevel(lossPct, cur.rttMs) }
}

/** Thresholds where a video call starts to stutter (loss) or to feel delayed (RTT). */
export function qualityLevel(lossPct: number, rttMs: number | null): QualityLevel {
  const rtt = rttMs ?? 0
  if (lossPct >= 8 || rtt >= 400) return 'poor'
  if (lossPct >= 2 || rtt >= 200) return 'fair'
  return 'good'
}

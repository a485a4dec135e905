// IPC between bench/media.ts and its viewer processes (lib/media-viewer-worker.ts).
import type { ViewerOffer } from './media-sdp.ts'

export type ViewerCommand =
  | { op: 'open'; offers: ViewerOffer[] }
  | { op: 'mark' }
  | { op: 'report' }
  | { op: 'close'; viewers?: number[] }

/** What one viewer received of one kind (audio or video) since the last `mark`. */
export interface KindWindow {
  /** Distinct RTP sequence numbers received (a retransmission that fills a hole counts once). */
  packets: number
  /** Highest − lowest sequence number seen in the window + 1: what should have arrived. */
  expected: number
  /** Sequence numbers skipped on arrival (before any NACK/RTX recovery). */
  gaps: number
  duplicates: number
  /** RTP header + payload bytes of the distinct packets. */
  bytes: number
  /** Packets with the marker bit: one per video frame. */
  frames: number
  firstAt: number
  lastAt: number
}

export interface ViewerWindow {
  viewer: number
  /** werift's connectionState. */
  state: string
  /** From creating the RTCPeerConnection to 'connected' / to the first RTP packet; -1: not yet. */
  connectMs: number
  firstRtpMs: number
  /** Epoch ms: when the viewer was opened, when it last got RTP (0: never). */
  openedAt: number
  lastRtpAt: number
  kinds: Record<string, KindWindow>
}

export interface ViewerProcessReport {
  from: number
  to: number
  /** CPU time of this process (user + system) over the window. */
  cpuMs: number
  /** Event-loop delay over the window (ms): how far behind the process ran. */
  loopP99: number
  loopMax: number
  rssMb: number
  viewers: ViewerWindow[]
}

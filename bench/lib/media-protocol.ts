// IPC between bench/media.ts and its viewer processes (lib/media-viewer-worker.ts for werift,
// lib/media-srtp-viewer.ts for SRTP sockets; both through lib/media-viewer-common.ts).
import type { mediasoupTypes } from '@openday/media'
import type { ViewerOffer } from './media-sdp.ts'

/**
 * werift: RTCPeerConnections (ICE, DTLS, SRTP, RTCP: a real WebRTC client). srtp: a plain UDP
 * socket per viewer that a mediasoup PlainTransport with SRTP sends to; the viewer reads the clear
 * RTP header only (no ICE, no DTLS, no decryption, no RTCP back).
 */
export type ViewerKind = 'werift' | 'srtp'
export const VIEWER_KINDS: readonly ViewerKind[] = ['werift', 'srtp']

/**
 * Per SRTP suite (mediasoup's srtp-parameters docs, RFC 3711 / RFC 7714): keying material for
 * PlainTransport.connect() (master key + salt) and the authentication tag SRTP appends to every RTP
 * packet. Over DTLS, mediasoup picks AEAD_AES_256_GCM, then AEAD_AES_128_GCM, then the AES_CM ones,
 * the first in that order that the client offers: a client offering GCM (werift: AEAD_AES_128_GCM) gets it.
 */
export const SRTP_SUITES: Record<mediasoupTypes.SrtpCryptoSuite, { keyBytes: number; tagBytes: number }> = {
  AES_CM_128_HMAC_SHA1_80: { keyBytes: 30, tagBytes: 10 },
  AES_CM_128_HMAC_SHA1_32: { keyBytes: 30, tagBytes: 4 },
  AEAD_AES_128_GCM: { keyBytes: 28, tagBytes: 16 },
  AEAD_AES_256_GCM: { keyBytes: 44, tagBytes: 16 },
}
export const DEFAULT_SRTP_SUITE: mediasoupTypes.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80'

/** Parent -> SRTP viewer process: where to listen and which SSRCs to expect. */
export interface SrtpOffer {
  viewer: number
  /** The address mediasoup's transports listen on; the viewer's socket binds there too. */
  ip: string
  /** SO_RCVBUF asked for (the kernel caps it at net.core.rmem_max). */
  recvBufferSize: number
  /** Bytes SRTP appends to each RTP packet (authentication tag), left out of the byte counts. */
  trailerBytes: number
  streams: { kind: string; ssrc: number; rtxSsrc?: number }[]
}

export interface SrtpAnswer {
  viewer: number
  ok: boolean
  error?: string
  /** The viewer's UDP port, for PlainTransport.connect(). */
  port?: number
  /** SO_RCVBUF as the kernel set it (Linux reports twice the usable size). */
  recvBufferSize?: number
}

export type ViewerCommand =
  | { op: 'open'; offers: (ViewerOffer | SrtpOffer)[] }
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
  /** werift's connectionState; for an SRTP viewer its socket's state. */
  state: string
  /** From opening the viewer to 'connected' (werift; -1 for SRTP: no handshake) / to the first RTP packet; -1: not yet. */
  connectMs: number
  firstRtpMs: number
  /** Epoch ms: when the viewer was opened, when it last got RTP (0: never). */
  openedAt: number
  lastRtpAt: number
  kinds: Record<string, KindWindow>
  /** SRTP viewers, since opening: datagrams not counted above (RTX, SRTCP, unknown SSRC); kept in the raw window files. */
  other?: { rtx: number; rtcp: number; unknown: number }
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

// One load-generating process of the media benchmark's SRTP viewers (forked by lib/media-fleet.ts):
// each viewer is one plain UDP socket that a mediasoup PlainTransport with SRTP sends to. Nothing is
// decrypted and nothing is sent back: SRTP encrypts only the payload, so the RTP header (sequence
// number, SSRC, marker bit, payload type) is read in the clear and counted per stream with the same
// counter as the werift viewers (lib/media-viewer-common.ts). A socket costs a fraction of a werift
// RTCPeerConnection, so the generator no longer limits how many consumers the worker can be shown
// serving.
import { createSocket, type Socket } from 'node:dgram'
import type { KindWindow, SrtpAnswer, SrtpOffer, ViewerWindow } from './media-protocol.ts'
import { serve, StreamCounter } from './media-viewer-common.ts'

const RTP_HEADER_BYTES = 12

interface Stream { kind: string; counter: StreamCounter }

interface SrtpViewer {
  id: number
  socket: Socket
  /** By SSRC: the consumer's media SSRC of each kind. */
  streams: Map<number, Stream>
  /** RTX SSRCs: retransmissions carry the original sequence number inside the encrypted payload, so they are only counted. */
  rtxSsrcs: Set<number>
  trailerBytes: number
  state: string
  openedAt: number
  firstRtpAt: number
  lastRtpAt: number
  rtx: number
  rtcp: number
  unknown: number
}

const viewers = new Map<number, SrtpViewer>()

function onDatagram(v: SrtpViewer, buf: Buffer): void {
  // RTP version 2 only; anything shorter than a header is not ours.
  if (buf.length < RTP_HEADER_BYTES || buf[0]! >> 6 !== 2) {
    v.unknown++
    return
  }
  const second = buf[1]!
  const pt = second & 0x7f
  // RTCP multiplexed on the same port (RFC 5761): packet types 200–204 leave 72–76 in these bits.
  if (pt >= 64 && pt <= 95) {
    v.rtcp++
    return
  }
  const ssrc = buf.readUInt32BE(8)
  const s = v.streams.get(ssrc)
  if (!s) {
    if (v.rtxSsrcs.has(ssrc)) v.rtx++
    else v.unknown++
    return
  }
  const now = Date.now()
  if (!v.firstRtpAt) v.firstRtpAt = now
  v.lastRtpAt = now
  s.counter.add(buf.readUInt16BE(2), buf.length - v.trailerBytes, (second & 0x80) !== 0, now)
}

async function open(o: SrtpOffer): Promise<SrtpAnswer> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: o.recvBufferSize })
  const v: SrtpViewer = {
    id: o.viewer, socket, streams: new Map(), rtxSsrcs: new Set(), trailerBytes: o.trailerBytes,
    state: 'new', openedAt: Date.now(), firstRtpAt: 0, lastRtpAt: 0, rtx: 0, rtcp: 0, unknown: 0,
  }
  for (const st of o.streams) {
    v.streams.set(st.ssrc, { kind: st.kind, counter: new StreamCounter() })
    if (st.rtxSsrc !== undefined) v.rtxSsrcs.add(st.rtxSsrc)
  }
  viewers.set(v.id, v)
  socket.on('message', (buf) => onDatagram(v, buf))
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject)
      socket.bind({ address: o.ip, port: 0, exclusive: true }, () => {
        socket.off('error', reject)
        resolve()
      })
    })
    socket.on('error', (e: NodeJS.ErrnoException) => { v.state = `error ${e.code ?? e.message}` })
    v.state = 'bound'
    return { viewer: v.id, ok: true, port: socket.address().port, recvBufferSize: socket.getRecvBufferSize() }
  } catch (error) {
    v.state = 'bind failed'
    return { viewer: v.id, ok: false, error: String(error) }
  }
}

function windowOf(v: SrtpViewer): ViewerWindow {
  const kinds: Record<string, KindWindow> = {}
  for (const s of v.streams.values()) kinds[s.kind] = s.counter.w
  return {
    viewer: v.id, state: v.state, connectMs: -1, firstRtpMs: v.firstRtpAt ? v.firstRtpAt - v.openedAt : -1,
    openedAt: v.openedAt, lastRtpAt: v.lastRtpAt, kinds, other: { rtx: v.rtx, rtcp: v.rtcp, unknown: v.unknown },
  }
}

serve<SrtpOffer, SrtpAnswer>({
  open,
  windows: () => [...viewers.values()].map(windowOf),
  mark: () => {
    for (const v of viewers.values()) for (const s of v.streams.values()) s.counter.mark()
  },
  close: async (ids = [...viewers.keys()]) => {
    for (const id of ids) {
      const v = viewers.get(id)
      viewers.delete(id)
      if (v) {
        v.state = 'closed'
        v.socket.close()
      }
    }
    return ids.length
  },
})

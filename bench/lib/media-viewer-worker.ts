// One load-generating process of the media benchmark (forked by lib/media-fleet.ts): holds many
// werift RTCPeerConnections, each a non-browser viewer of one mediasoup recv WebRtcTransport. The
// parent relays signalling over IPC (offer built from the consumer parameters -> answer's DTLS
// parameters). Each viewer counts the RTP it receives per kind (lib/media-viewer-common.ts) over a
// window the parent opens with `mark` and reads with `report`.
import { RTCPeerConnection, RTCRtpCodecParameters, type MediaStreamTrack } from 'werift'
import { answerDtls, forViewer, recvOfferSdp, type ConsumerInfo, type ViewerAnswer, type ViewerOffer } from './media-sdp.ts'
import type { KindWindow, ViewerWindow } from './media-protocol.ts'
import { serve, StreamCounter } from './media-viewer-common.ts'

interface Viewer {
  id: number
  pc: RTCPeerConnection
  streams: Map<string, StreamCounter>
  state: string
  connectedAt: number
  openedAt: number
  firstRtpAt: number
  lastRtpAt: number
}

const viewers = new Map<number, Viewer>()

/** werift's codec list for this viewer: exactly the consumer's codecs, payload types included. */
function codecsOf(consumers: ConsumerInfo[], kind: 'audio' | 'video'): RTCRtpCodecParameters[] {
  const out: RTCRtpCodecParameters[] = []
  for (const c of consumers) {
    if (c.kind !== kind) continue
    for (const codec of c.rtpParameters.codecs) {
      if (out.some((x) => x.payloadType === codec.payloadType)) continue
      const params = Object.entries(codec.parameters ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(';')
      out.push(new RTCRtpCodecParameters({
        mimeType: codec.mimeType,
        clockRate: codec.clockRate,
        ...(codec.channels ? { channels: codec.channels } : {}),
        payloadType: codec.payloadType,
        ...(params ? { parameters: params } : {}),
        rtcpFeedback: (codec.rtcpFeedback ?? []).map((f) => ({ type: f.type, ...(f.parameter ? { parameter: f.parameter } : {}) })),
      }))
    }
  }
  return out
}

async function open(offer: ViewerOffer): Promise<ViewerAnswer> {
  const consumers = offer.consumers.map((c) => forViewer(c, offer.viewerNack))
  const pc = new RTCPeerConnection({
    codecs: { audio: codecsOf(consumers, 'audio'), video: codecsOf(consumers, 'video') },
    headerExtensions: { audio: [], video: [] },
    iceServers: [],
    iceUseIpv6: false,
    // mediasoup listens on loopback, which werift leaves out of its host candidates by default.
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceFilterCandidatePair: (pair) => pair.localCandidate.host === '127.0.0.1',
    bundlePolicy: 'max-bundle',
  })
  const v: Viewer = { id: offer.viewer, pc, streams: new Map(), state: 'new', connectedAt: 0, openedAt: Date.now(), firstRtpAt: 0, lastRtpAt: 0 }
  viewers.set(v.id, v)
  pc.connectionStateChange.subscribe((s) => {
    v.state = s
    if (s === 'connected' && !v.connectedAt) v.connectedAt = Date.now()
  })
  pc.onTrack.subscribe((track: MediaStreamTrack) => {
    const counter = new StreamCounter()
    v.streams.set(track.kind, counter)
    track.onReceiveRtp.subscribe((p) => {
      const now = Date.now()
      if (!v.firstRtpAt) v.firstRtpAt = now
      v.lastRtpAt = now
      counter.add(p.header.sequenceNumber, p.payload.length + p.header.payloadOffset, p.header.marker, now)
    })
  })
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: recvOfferSdp(offer.transport, consumers) })
    const answer = await pc.createAnswer()
    await pc.setLocalDescription(answer)
    return { viewer: v.id, ok: true, dtlsParameters: answerDtls(pc.localDescription!.sdp) }
  } catch (error) {
    return { viewer: v.id, ok: false, error: String(error) }
  }
}

function windowOf(v: Viewer): ViewerWindow {
  const kinds: Record<string, KindWindow> = {}
  for (const [kind, s] of v.streams) kinds[kind] = s.w
  return { viewer: v.id, state: v.state, connectMs: v.connectedAt ? v.connectedAt - v.openedAt : -1, firstRtpMs: v.firstRtpAt ? v.firstRtpAt - v.openedAt : -1, openedAt: v.openedAt, lastRtpAt: v.lastRtpAt, kinds }
}

serve<ViewerOffer, ViewerAnswer>({
  open,
  windows: () => [...viewers.values()].map(windowOf),
  mark: () => {
    for (const v of viewers.values()) for (const s of v.streams.values()) s.mark()
  },
  close: async (ids = [...viewers.keys()]) => {
    await Promise.all(ids.map(async (id) => {
      const v = viewers.get(id)
      viewers.delete(id)
      await v?.pc.close().catch(() => undefined)
    }))
    return ids.length
  },
})

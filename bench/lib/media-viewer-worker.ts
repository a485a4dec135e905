// One load-generating process of the media benchmark (forked by lib/media-fleet.ts): holds many
// werift RTCPeerConnections, each a non-browser viewer of one mediasoup recv WebRtcTransport. The
// parent relays signalling over IPC (offer built from the consumer parameters -> answer's DTLS
// parameters). Each viewer counts the RTP it receives per kind: unique sequence numbers against
// the span seen (loss after NACK recovery), holes on arrival (loss before recovery), bytes,
// frames (marker bit), over a window the parent opens with `mark` and reads with `report`.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { RTCPeerConnection, RTCRtpCodecParameters, type MediaStreamTrack, type RtpPacket } from 'werift'
import { answerDtls, forViewer, recvOfferSdp, type ConsumerInfo, type ViewerAnswer, type ViewerOffer } from './media-sdp.ts'
import type { KindWindow, ViewerCommand, ViewerProcessReport, ViewerWindow } from './media-protocol.ts'

const RING = 4096 // sequence numbers remembered per stream, to tell retransmissions from new packets

class StreamCounter {
  readonly #seen = new Int32Array(RING).fill(-1)
  #highest = -1 // extended sequence number (with wrap-arounds), -1 before the first packet
  total = 0
  w: KindWindow = emptyWindow()
  #wFirst = -1

  add(p: RtpPacket, now: number): void {
    const seq = p.header.sequenceNumber
    let ext: number
    if (this.#highest < 0) ext = seq
    else {
      const base = this.#highest - (this.#highest & 0xffff)
      ext = base + seq
      // Pick the wrap-around that puts the packet nearest the highest seen.
      if (ext - this.#highest > 0x8000) ext -= 0x10000
      else if (this.#highest - ext > 0x8000) ext += 0x10000
    }
    const slot = ext & (RING - 1)
    if (this.#seen[slot] === ext) {
      this.w.duplicates++
      return
    }
    this.#seen[slot] = ext
    this.total++
    const w = this.w
    if (this.#wFirst < 0) this.#wFirst = ext
    if (ext > this.#highest) {
      if (this.#highest >= 0 && ext > this.#highest + 1 && this.#highest >= this.#wFirst) w.gaps += ext - this.#highest - 1
      this.#highest = ext
    }
    if (ext < this.#wFirst) return // a late packet from before the window
    w.packets++
    w.bytes += p.payload.length + p.header.payloadOffset
    if (p.header.marker) w.frames++
    w.expected = this.#highest - this.#wFirst + 1
    if (w.firstAt === 0) w.firstAt = now
    w.lastAt = now
  }

  mark(): void {
    this.w = emptyWindow()
    this.#wFirst = -1
  }
}

function emptyWindow(): KindWindow {
  return { packets: 0, expected: 0, gaps: 0, duplicates: 0, bytes: 0, frames: 0, firstAt: 0, lastAt: 0 }
}

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
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()
let markAt = Date.now()
let markCpu = process.cpuUsage()

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
      counter.add(p, now)
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

function report(): ViewerProcessReport {
  const now = Date.now()
  const cpu = process.cpuUsage(markCpu)
  const out: ViewerProcessReport = {
    from: markAt, to: now, cpuMs: (cpu.user + cpu.system) / 1000,
    loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    viewers: [...viewers.values()].map(windowOf),
  }
  return out
}

async function handle(cmd: ViewerCommand): Promise<unknown> {
  switch (cmd.op) {
    case 'open':
      return Promise.all(cmd.offers.map(open))
    case 'mark':
      for (const v of viewers.values()) for (const s of v.streams.values()) s.mark()
      markAt = Date.now()
      markCpu = process.cpuUsage()
      loop.reset()
      return markAt
    case 'report':
      return report()
    case 'close': {
      const ids = cmd.viewers ?? [...viewers.keys()]
      await Promise.all(ids.map(async (id) => {
        const v = viewers.get(id)
        viewers.delete(id)
        await v?.pc.close().catch(() => undefined)
      }))
      return ids.length
    }
  }
}

process.on('message', (m: { id: number; cmd: ViewerCommand }) => {
  handle(m.cmd).then(
    (data) => process.send!({ id: m.id, ok: true, data }),
    (error: unknown) => process.send!({ id: m.id, ok: false, error: String(error) }),
  )
})
process.on('disconnect', () => process.exit(0))

// The server's half of the media benchmark's signalling, in-process: for each viewer a recv
// transport on the session (placed by SessionRouter: origin first, then spill-over routers),
// paused consumers of the feed, the viewer opened in its process, the transport connected, then
// consumer.resume(). How a viewer is opened and connected depends on its kind (Signalling):
// werift (below: SDP offer, answer's DTLS parameters to transport.connect() — the order
// mediasoup-client and OpenDay's server follow with a browser) or SRTP sockets
// (lib/media-srtp-signal.ts).
import {
  WebRtcMediaTransport,
  type AnyMediaTransport, type MediaConsumer, type MediaProducer, type mediasoupTypes, type SessionRouter,
} from '@openday/media'
import type { ViewerFleet } from './media-fleet.ts'
import type { ViewerKind } from './media-protocol.ts'
import type { ViewerAnswer, ViewerOffer } from './media-sdp.ts'

export interface Placed {
  id: number
  transport: AnyMediaTransport
  consumers: MediaConsumer[]
  /** The mediasoup worker whose router holds this viewer's transport. */
  workerPid: number
  /** werift: the transport's DTLS state; SRTP: 'connected' once PlainTransport.connect() resolved. */
  state: mediasoupTypes.DtlsState | 'none'
  error?: string
}

/** How one kind of viewer gets its transport and is connected. */
export interface Signalling {
  readonly kind: ViewerKind
  /** A recv transport for viewer `id`; SessionRouter places it. */
  transport(session: SessionRouter, id: number): Promise<AnyMediaTransport>
  /** Opens `placed` in the viewer processes and connects their transports (sets state, or error). */
  connect(placed: Placed[], fleet: ViewerFleet): Promise<void>
}

/** werift viewers: recv WebRtcTransports, an SDP offer each, the answer's DTLS parameters to connect(). */
export function webRtcSignalling(viewerNack: boolean): Signalling {
  return {
    kind: 'werift',
    transport: (session, id) => session.createWebRtcTransport({ direction: 'recv', appData: { viewer: id } }),
    async connect(placed, fleet) {
      const offers: ViewerOffer[] = []
      for (const v of placed) {
        const t = v.transport
        if (!(t instanceof WebRtcMediaTransport)) throw new Error(`viewer ${v.id}: not a WebRtcTransport`)
        t.on('dtlsstatechange', (s) => { v.state = s })
        offers.push({
          viewer: v.id,
          transport: t.parameters,
          consumers: v.consumers.map((c) => ({ id: c.id, kind: c.kind, rtpParameters: c.rtpParameters })),
          viewerNack,
        })
      }
      const answers = await fleet.open<ViewerOffer, ViewerAnswer>(offers)
      await Promise.all(answers.map(async (a) => {
        const v = placed.find((x) => x.id === a.viewer)!
        try {
          if (!a.ok || !a.dtlsParameters) throw new Error(a.error ?? 'no answer')
          await (v.transport as WebRtcMediaTransport).connect(a.dtlsParameters)
        } catch (error) {
          v.error = String(error)
        }
      }))
    },
  }
}

/** A consumer's counters (mediasoup getStats, type outbound-rtp). */
export interface SendCounters {
  packets: number
  bytes: number
  lost: number
  retransmitted: number
  nacks: number
  plis: number
  score: number
}

export class Audience {
  readonly viewers: Placed[] = []

  constructor(
    private readonly session: SessionRouter,
    private readonly fleet: ViewerFleet,
    private readonly producers: MediaProducer[],
    private readonly caps: mediasoupTypes.RtpCapabilities,
    readonly signalling: Signalling,
  ) {}

  /** Viewers per worker pid. */
  perWorker(): Map<number, Placed[]> {
    const m = new Map<number, Placed[]>()
    for (const v of this.viewers) {
      if (!m.has(v.workerPid)) m.set(v.workerPid, [])
      m.get(v.workerPid)!.push(v)
    }
    return m
  }

  /**
   * Adds viewers until there are `total`, `batch` at a time. Transports are created one by one
   * (so the router each lands on can be read off session.stats()); the viewer side of a batch is
   * opened concurrently.
   */
  async grow(total: number, batch: number): Promise<{ added: number; failed: number; seconds: number }> {
    const t0 = Date.now()
    let failed = 0
    const start = this.viewers.length
    while (this.viewers.length < total) {
      const n = Math.min(batch, total - this.viewers.length)
      const placed: Placed[] = []
      for (let k = 0; k < n; k++) {
        const id = this.viewers.length + placed.length
        const before = this.session.stats()
        const transport = await this.signalling.transport(this.session, id)
        const after = this.session.stats()
        const slot = after.findIndex((s, i) => s.transports > (before[i]?.transports ?? 0))
        const consumers: MediaConsumer[] = []
        for (const p of this.producers) consumers.push(await transport.consume({ producerId: p.id, rtpCapabilities: this.caps }))
        placed.push({ id, transport, consumers, workerPid: after[slot]?.workerPid ?? -1, state: 'none' })
      }
      await this.signalling.connect(placed, this.fleet)
      await Promise.all(placed.map(async (v) => {
        try {
          if (!v.error) for (const c of v.consumers) await c.resume()
        } catch (error) {
          v.error = String(error)
        }
        if (v.error) failed++
      }))
      this.viewers.push(...placed)
    }
    return { added: this.viewers.length - start, failed, seconds: (Date.now() - t0) / 1000 }
  }

  /** Waits until every viewer's transport is connected (werift: finished DTLS) or failed, up to `ms`. */
  async settle(ms: number): Promise<{ connected: number; pending: number; failed: number }> {
    const until = Date.now() + ms
    for (;;) {
      const connected = this.viewers.filter((v) => v.state === 'connected').length
      const failed = this.viewers.filter((v) => v.error || v.state === 'failed' || v.state === 'closed').length
      const pending = this.viewers.length - connected - failed
      if (pending === 0 || Date.now() > until) return { connected, pending, failed }
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  /** Consumer counters of these viewers (default all), by viewer id and kind. */
  async counters(ids?: number[]): Promise<Map<number, Record<string, SendCounters>>> {
    const out = new Map<number, Record<string, SendCounters>>()
    const viewers = ids ? ids.map((id) => this.viewers[id]!) : this.viewers
    await Promise.all(viewers.map(async (v) => {
      const rec: Record<string, SendCounters> = {}
      for (const c of v.consumers) {
        if (c.closed) continue
        const s = (await c.getStats().catch(() => [])).find((x) => x.type === 'outbound-rtp') as mediasoupTypes.ConsumerStat | undefined
        if (!s) continue
        rec[c.kind] = {
          packets: s.packetCount, bytes: s.byteCount, lost: s.packetsLost, retransmitted: s.packetsRetransmitted,
          nacks: s.nackCount, plis: s.pliCount, score: s.score,
        }
      }
      out.set(v.id, rec)
    }))
    return out
  }

  /** mediasoup's view of some viewers' transports (ICE and DTLS state; plain: remote tuple), counted by state. */
  async transportStates(ids: number[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    await Promise.all(ids.map(async (id) => {
      const v = this.viewers[id]
      const st = (await v?.transport.getStats().catch(() => []))?.[0] as { type?: string; iceState?: string; dtlsState?: string; tuple?: { remotePort?: number } } | undefined
      const state = st?.type === 'plain-rtp-transport' || (st && !st.iceState)
        ? `plain ${st.tuple?.remotePort ? 'connected' : 'not connected'}`
        : `ice ${st?.iceState ?? '?'} / dtls ${st?.dtlsState ?? '?'}`
      const key = `${state}${v?.consumers.some((c) => c.paused) ? ' / paused' : ''}${v?.error ? ' / error' : ''}`
      out[key] = (out[key] ?? 0) + 1
    }))
    return out
  }

  close(): void {
    for (const v of this.viewers) v.transport.close()
    this.viewers.length = 0
  }
}

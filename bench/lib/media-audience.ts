// The server's half of the media benchmark's signalling, in-process: for each viewer a recv
// WebRtcTransport on the session (placed by SessionRouter: origin first, then spill-over
// routers), paused consumers of the feed, the offer relayed to a viewer process, the answer's DTLS
// parameters given to transport.connect(), then consumer.resume() — the order mediasoup-client
// and OpenDay's server follow with a browser.
import type { MediaConsumer, MediaProducer, mediasoupTypes, SessionRouter, WebRtcMediaTransport } from '@openday/media'
import type { ViewerFleet } from './media-fleet.ts'
import type { ViewerOffer } from './media-sdp.ts'

export interface Placed {
  id: number
  transport: WebRtcMediaTransport
  consumers: MediaConsumer[]
  /** The mediasoup worker whose router holds this viewer's transport. */
  workerPid: number
  dtls: mediasoupTypes.DtlsState | 'none'
  error?: string
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
    private readonly viewerNack: boolean,
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
   * (so the router each lands on can be read off session.stats()); the werift side of a batch is
   * opened concurrently.
   */
  async grow(total: number, batch: number): Promise<{ added: number; failed: number; seconds: number }> {
    const t0 = Date.now()
    let failed = 0
    const start = this.viewers.length
    while (this.viewers.length < total) {
      const n = Math.min(batch, total - this.viewers.length)
      const placed: Placed[] = []
      const offers: ViewerOffer[] = []
      for (let k = 0; k < n; k++) {
        const id = this.viewers.length + placed.length
        const before = this.session.stats()
        const transport = await this.session.createWebRtcTransport({ direction: 'recv', appData: { viewer: id } })
        const after = this.session.stats()
        const slot = after.findIndex((s, i) => s.transports > (before[i]?.transports ?? 0))
        const consumers: MediaConsumer[] = []
        for (const p of this.producers) consumers.push(await transport.consume({ producerId: p.id, rtpCapabilities: this.caps }))
        const v: Placed = { id, transport, consumers, workerPid: after[slot]?.workerPid ?? -1, dtls: 'none' }
        transport.on('dtlsstatechange', (s) => { v.dtls = s })
        placed.push(v)
        offers.push({
          viewer: id,
          transport: transport.parameters,
          consumers: consumers.map((c) => ({ id: c.id, kind: c.kind, rtpParameters: c.rtpParameters })),
          viewerNack: this.viewerNack,
        })
      }
      const answers = await this.fleet.open(offers)
      await Promise.all(answers.map(async (a) => {
        const v = placed.find((x) => x.id === a.viewer)!
        try {
          if (!a.ok || !a.dtlsParameters) throw new Error(a.error ?? 'no answer')
          await v.transport.connect(a.dtlsParameters)
          for (const c of v.consumers) await c.resume()
        } catch (error) {
          v.error = String(error)
          failed++
        }
      }))
      this.viewers.push(...placed)
    }
    return { added: this.viewers.length - start, failed, seconds: (Date.now() - t0) / 1000 }
  }

  /** Waits until every viewer's transport finished DTLS (connected or failed), up to `ms`. */
  async settle(ms: number): Promise<{ connected: number; pending: number; failed: number }> {
    const until = Date.now() + ms
    for (;;) {
      const connected = this.viewers.filter((v) => v.dtls === 'connected').length
      const failed = this.viewers.filter((v) => v.error || v.dtls === 'failed' || v.dtls === 'closed').length
      const pending = this.viewers.length - connected - failed
      if (pending === 0 || Date.now() > until) return { connected, pending, failed }
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  /** Every consumer's counters, by viewer id and kind. */
  async counters(): Promise<Map<number, Record<string, SendCounters>>> {
    const out = new Map<number, Record<string, SendCounters>>()
    await Promise.all(this.viewers.map(async (v) => {
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

  /** mediasoup's view of some viewers' transports (ICE and DTLS state, bytes sent), counted by state. */
  async transportStates(ids: number[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    await Promise.all(ids.map(async (id) => {
      const v = this.viewers[id]
      const st = (await v?.transport.getStats().catch(() => []))?.[0] as { iceState?: string; dtlsState?: string } | undefined
      const key = `ice ${st?.iceState ?? '?'} / dtls ${st?.dtlsState ?? '?'}${v?.consumers.some((c) => c.paused) ? ' / paused' : ''}`
      out[key] = (out[key] ?? 0) + 1
    }))
    return out
  }

  close(): void {
    for (const v of this.viewers) v.transport.close()
    this.viewers.length = 0
  }
}

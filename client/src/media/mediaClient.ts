import { Device, type types } from 'mediasoup-client'
import type { MediaJoinResult, MediaSource } from '@openday/protocol'
import { ApiError } from '../lib/api.ts'
import { emitAck, type PayloadOf } from '../lib/socket.ts'
import { CAMERA_ENCODINGS, type SpatialLayer } from './quality.ts'

export interface RemoteTrack {
  producerId: string
  consumerId: string
  kind: 'audio' | 'video'
  track: MediaStreamTrack
}

/** A server that does not answer in time is as good as absent: give up and rebuild. */
const MEDIA_TIMEOUT_MS = 10_000

// Every failure of a step leaves as an ApiError so callers have one shape to translate.
const ask = <E extends Parameters<typeof emitAck>[0]>(event: E, payload: PayloadOf<E>) => emitAck(event, payload, MEDIA_TIMEOUT_MS)

/**
 * One connection's media for one session: the mediasoup-client Device, at most one send and one
 * receive transport, our producers (by source) and consumers (by producer id). Built by `join()`;
 * thrown away whole and built again after a reconnect or a `media:reset`, since the server's end
 * of every transport is gone by then. Tracks handed to `produce()` stay the caller's: closing
 * only stops sending them.
 */
export class MediaClient {
  readonly sessionId: string
  #device: Device
  #send: types.Transport | null = null
  #recv: types.Transport | null = null
  // Transport creation is asynchronous; concurrent callers share the one in flight.
  #sendPending: Promise<types.Transport> | null = null
  #recvPending: Promise<types.Transport> | null = null
  #producers = new Map<MediaSource, types.Producer>()
  #consumers = new Map<string, types.Consumer>()
  #consuming = new Map<string, Promise<RemoteTrack | null>>()
  #closed = false
  /** Called whenever a transport's connection state changes or a track comes or goes. */
  onChange: () => void = () => {}
  /** A local track ended by itself (e.g. the browser's "stop sharing" button). */
  onLocalEnded: (source: MediaSource) => void = () => {}

  private constructor(sessionId: string, device: Device) {
    this.sessionId = sessionId
    this.#device = device
  }

  /** Joins the session's media and loads a Device with its router's capabilities. */
  static async join(sessionId: string): Promise<{ client: MediaClient; result: MediaJoinResult }> {
    const result = await ask('media:join', { sessionId })
    const device = new Device()
    if (result.webrtc || result.canProduce) {
      try {
        await device.load({ routerRtpCapabilities: result.rtpCapabilities as types.RtpCapabilities })
      } catch (err) {
        // No usable WebRTC in this browser: the caller falls back to HLS for watching.
        throw new ApiError('UNAVAILABLE', err instanceof Error ? err.message : String(err))
      }
    }
    return { client: new MediaClient(sessionId, device), result }
  }

  get closed(): boolean { return this.#closed }
  get sendState(): types.ConnectionState | null { return this.#send?.connectionState ?? null }
  get recvState(): types.ConnectionState | null { return this.#recv?.connectionState ?? null }
  get ownProducerIds(): Set<string> { return new Set([...this.#producers.values()].map((p) => p.id)) }
  producer(source: MediaSource): types.Producer | undefined { return this.#producers.get(source) }

  /** The same join again on the same transports, e.g. once a stage request was approved. */
  async rejoin(): Promise<MediaJoinResult> {
    this.#assertOpen()
    return ask('media:join', { sessionId: this.sessionId })
  }

  remoteTracks(): RemoteTrack[] {
    return [...this.#consumers.values()].map((c) => ({ producerId: c.producerId, consumerId: c.id, kind: c.kind, track: c.track }))
  }

  consumedProducerIds(): Set<string> {
    return new Set([...this.#consumers.keys(), ...this.#consuming.keys()])
  }

  async stats(direction: 'send' | 'recv'): Promise<RTCStatsReport | null> {
    const t = direction === 'send' ? this.#send : this.#recv
    return t && !t.closed ? t.getStats() : null
  }

  // ---- receiving ----

  /** Consumes one producer (once, however often it is asked) and resumes it on the server. */
  consume(producerId: string): Promise<RemoteTrack | null> {
    const existing = this.#consumers.get(producerId)
    if (existing) return Promise.resolve({ producerId, consumerId: existing.id, kind: existing.kind, track: existing.track })
    let pending = this.#consuming.get(producerId)
    if (!pending) {
      pending = this.#consume(producerId).finally(() => this.#consuming.delete(producerId))
      this.#consuming.set(producerId, pending)
    }
    return pending
  }

  async #consume(producerId: string): Promise<RemoteTrack | null> {
    const transport = await this.#transport('recv')
    const params = await ask('media:consume', { transportId: transport.id, producerId, rtpCapabilities: this.#device.rtpCapabilities as PayloadOf<'media:consume'>['rtpCapabilities'] })
    if (this.#closed || transport.closed) return null
    const consumer = await transport.consume({ id: params.id, producerId: params.producerId, kind: params.kind, rtpParameters: params.rtpParameters as types.RtpParameters })
    this.#consumers.set(producerId, consumer)
    const forget = () => {
      if (this.#consumers.get(producerId) === consumer) this.#consumers.delete(producerId)
      this.onChange()
    }
    consumer.on('transportclose', forget)
    consumer.on('trackended', () => { consumer.close(); forget() })
    // Created paused on the server so no packet arrives before the track exists here.
    await ask('media:consumer', { consumerId: consumer.id, action: 'resume' })
    this.onChange()
    return { producerId, consumerId: consumer.id, kind: consumer.kind, track: consumer.track }
  }

  /** The server closed a consumer (its producer left): drop ours. Idempotent. */
  closeConsumer(consumerId: string): void {
    for (const [producerId, c] of this.#consumers) {
      if (c.id !== consumerId) continue
      c.close()
      this.#consumers.delete(producerId)
      this.onChange()
    }
  }

  dropProducer(producerId: string): void {
    const c = this.#consumers.get(producerId)
    if (c) this.closeConsumer(c.id)
  }

  async setLayer(consumerId: string, spatialLayer: SpatialLayer | null): Promise<void> {
    if (this.#closed) return
    await ask('media:layers', { consumerId, spatialLayer })
  }

  // ---- sending ----

  /** Sends a track from `source`, or swaps the track of the producer already sending it. */
  async produce(source: MediaSource, track: MediaStreamTrack): Promise<types.Producer> {
    const current = this.#producers.get(source)
    if (current && !current.closed) {
      if (current.track !== track) await current.replaceTrack({ track })
      return current
    }
    const transport = await this.#transport('send')
    this.#assertOpen()
    const producer = await transport.produce({
      track,
      stopTracks: false, // the page owns its camera: switching producers must not turn it off
      appData: { source },
      ...(source === 'camera' ? { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
      ...(source === 'mic' ? { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } } : {}),
    })
    this.#producers.set(source, producer)
    producer.on('trackended', () => {
      void this.closeProducer(source)
      this.onLocalEnded(source)
    })
    producer.on('transportclose', () => {
      if (this.#producers.get(source) === producer) this.#producers.delete(source)
    })
    this.onChange()
    return producer
  }

  async setProducerPaused(source: MediaSource, paused: boolean): Promise<void> {
    const p = this.#producers.get(source)
    if (!p || p.closed || p.paused === paused) return
    // Locally first: a muted microphone must go silent at once, whatever the network does.
    if (paused) p.pause()
    else p.resume()
    await ask('media:producer', { producerId: p.id, action: paused ? 'pause' : 'resume' })
  }

  async closeProducer(source: MediaSource): Promise<void> {
    const p = this.#producers.get(source)
    if (!p) return
    this.#producers.delete(source)
    const wasOpen = !p.closed
    p.close()
    this.onChange()
    if (wasOpen && !this.#closed) await ask('media:producer', { producerId: p.id, action: 'close' }).catch(() => undefined)
  }

  // ---- transports ----

  #transport(direction: 'send' | 'recv'): Promise<types.Transport> {
    this.#assertOpen()
    const ready = direction === 'send' ? this.#send : this.#recv
    if (ready && !ready.closed) return Promise.resolve(ready)
    const pending = direction === 'send' ? this.#sendPending : this.#recvPending
    if (pending) return pending
    const made = this.#createTransport(direction)
    if (direction === 'send') this.#sendPending = made
    else this.#recvPending = made
    const clear = () => {
      if (direction === 'send') this.#sendPending = null
      else this.#recvPending = null
    }
    made.then(clear, clear)
    return made
  }

  async #createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const params = await ask('media:transport', { sessionId: this.sessionId, direction })
    this.#assertOpen()
    const options = { ...params, appData: { direction } } as unknown as types.TransportOptions
    const transport = direction === 'send' ? this.#device.createSendTransport(options) : this.#device.createRecvTransport(options)
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      ask('media:connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback)
    })
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as MediaSource
        ask('media:produce', { transportId: transport.id, kind, source, rtpParameters: rtpParameters as PayloadOf<'media:produce'>['rtpParameters'] })
          .then(({ producerId }) => callback({ id: producerId }), errback)
      })
    }
    transport.on('connectionstatechange', () => this.onChange())
    if (direction === 'send') this.#send = transport
    else this.#recv = transport
    return transport
  }

  #assertOpen(): void {
    if (this.#closed) throw new ApiError('CONFLICT', 'media client closed')
  }

  /**
   * Drops everything on this side. The server side goes by itself (disconnect, reset) or is told
   * with media:leave by the caller. Idempotent.
   */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#send?.close()
    this.#recv?.close()
    this.#producers.clear()
    this.#consumers.clear()
    this.onChange = () => {}
    this.onLocalEnded = () => {}
  }
}

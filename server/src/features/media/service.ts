import { EventEmitter } from 'node:events'
import type { ConsumerParams, MediaJoinResult, MediaSource, StageRole, TransportParams } from '@openday/protocol'
import type { MediaHost, SessionRouter, WebRtcMediaTransport, mediasoupTypes } from '@openday/media'
import type { Logger } from 'pino'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { type Actor, staffActor } from '../auth/actor.ts'
import * as authRepo from '../auth/repository.ts'
import { visibleTo } from '../sessions/visibility.ts'
import { type Peer, PeerRegistry } from './peers.ts'
import * as repo from './repository.ts'
import type { StageService } from '../stage/service.ts'
import { toStageRequestDto } from '../stage/service.ts'

/** Who is asking, as the socket layer knows them. */
export interface MediaCaller {
  socketId: string
  actor: Actor | null
  citizenId: string | null
}

export interface MediaServiceOptions {
  db: Db
  log: Logger
  /** null when MEDIA_ENABLED=false or the workers could not start: every call answers UNAVAILABLE. */
  host: MediaHost | null
  stage: StageService
  /** WebRTC viewers per session; beyond it they are sent to HLS. */
  audienceLimit: number
}

type MediaServiceEvents = {
  /** Something on a session's stage changed (tracks added, paused, closed). */
  stage: [sessionId: string]
  /** A connection's consumer closed on the server side (its producer left). */
  consumerclosed: [socketId: string, consumerId: string]
  /** A connection lost its transports under it (its router's worker died): it must rejoin. */
  peerlost: [socketId: string, sessionId: string]
  /** The session's dominant speaker (an audio producer id) changed. */
  speaker: [sessionId: string, producerId: string | null]
}

/** Bounds per connection: a hostile client cannot make the SFU allocate without end. */
const MAX_TRANSPORTS_PER_PEER = 4
const MAX_CONSUMERS_PER_PEER = 48

/**
 * Signalling for video sessions: admits connections to a session's media with the right
 * rights, and relays mediasoup-client's requests to @openday/media. Every object is found by
 * its id and checked against the connection that owns it.
 */
export class MediaService extends EventEmitter<MediaServiceEvents> {
  readonly peers = new PeerRegistry()
  readonly #o: MediaServiceOptions
  /** Routers whose events we listen to (a session gets a new one after a worker death). */
  readonly #watched = new WeakSet<SessionRouter>()

  constructor(options: MediaServiceOptions) {
    super()
    this.#o = options
  }

  /** The SFU, for operations and tests (worker pids, router stats); null when media is off. */
  get host(): MediaHost | null {
    return this.#o.host
  }

  async join(caller: MediaCaller, sessionId: string): Promise<Omit<MediaJoinResult, 'stage'> & { staff: boolean }> {
    const session = await repo.findMediaSession(this.#o.db, sessionId)
    // Not visible to this caller (sessions/visibility.ts): exactly as a missing session.
    if (!session || !(await visibleTo(this.#o.db, session, caller.actor))) throw new AppError('NOT_FOUND', 'no such session')
    if (session.kind !== 'video_interview') throw new AppError('CONFLICT', 'this session has no video')
    if (session.status === 'ended' || session.status === 'archived') throw new AppError('SESSION_CLOSED', 'the session has ended')
    const who = await this.#identify(caller, sessionId)
    // Staff prepare the studio before going live; the public watches only while live.
    if (session.status !== 'live' && !(who.staff && who.role)) throw new AppError('CONFLICT', 'the session has not started')
    const router = await this.#router(sessionId)

    let peer = this.peers.get(caller.socketId, sessionId)
    if (!peer) {
      peer = { socketId: caller.socketId, sessionId, transports: new Map(), producers: new Map(), consumers: new Map(), ...who }
      this.peers.add(peer)
    } else {
      // Joining again re-reads the rights: a citizen just approved may now publish.
      Object.assign(peer, who)
      if (!peer.canProduce) this.#closeProducers(peer)
    }
    const webrtc = peer.canProduce || peer.staff || peer.transports.size > 0 ||
      this.peers.webrtcViewers(sessionId) < this.#o.audienceLimit
    const mine = await this.#o.stage.mine(sessionId, caller.citizenId)
    return {
      rtpCapabilities: router.rtpCapabilities,
      canProduce: peer.canProduce,
      webrtc,
      myRequest: mine ? toStageRequestDto(mine) : null,
      staff: peer.staff,
    }
  }

  async createTransport(socketId: string, sessionId: string, direction: 'send' | 'recv'): Promise<TransportParams> {
    const peer = this.#peer(socketId, sessionId)
    if (direction === 'send' && !peer.canProduce) throw new AppError('FORBIDDEN', 'only the host, the guests and a citizen on stage may publish')
    if (direction === 'recv' && !peer.canProduce && !peer.staff && peer.transports.size === 0 &&
      this.peers.webrtcViewers(sessionId) >= this.#o.audienceLimit) {
      throw new AppError('UNAVAILABLE', 'the live video audience is full: watch the HLS stream')
    }
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) throw new AppError('CONFLICT', 'too many transports on this connection')
    const router = await this.#router(sessionId)
    const transport = await mediaCall(() => router.createWebRtcTransport({ direction, appData: { socketId, sessionId } }))
    this.#track(peer, transport)
    return transport.parameters
  }

  async connect(socketId: string, transportId: string, dtlsParameters: mediasoupTypes.DtlsParameters): Promise<void> {
    const { transport } = this.#transport(socketId, transportId)
    await mediaCall(() => transport.connect(dtlsParameters))
  }

  async produce(socketId: string, input: { transportId: string; kind: 'audio' | 'video'; source: MediaSource; rtpParameters: mediasoupTypes.RtpParameters }): Promise<string> {
    const { peer, transport } = this.#transport(socketId, input.transportId)
    if (!peer.canProduce) throw new AppError('FORBIDDEN', 'you may not publish in this session')
    if (transport.direction !== 'send') throw new AppError('BAD_REQUEST', 'not a send transport')
    // One track per source: publishing a camera again (a re-publish) replaces the old one.
    for (const p of [...peer.producers.values()]) if (p.source === input.source) p.producer.close()
    const producer = await mediaCall(() => transport.produce({
      kind: input.kind, rtpParameters: input.rtpParameters, appData: { source: input.source, memberId: peer.memberId },
    }))
    peer.producers.set(producer.id, { producer, source: input.source })
    this.peers.indexProducer(producer.id, peer)
    producer.once('close', () => {
      peer.producers.delete(producer.id)
      this.peers.indexProducer(producer.id, null)
      this.emit('stage', peer.sessionId)
    })
    this.emit('stage', peer.sessionId)
    return producer.id
  }

  async producerAction(socketId: string, producerId: string, action: 'pause' | 'resume' | 'close'): Promise<void> {
    const peer = this.peers.producerOwner(producerId)
    const entry = peer?.socketId === socketId ? peer.producers.get(producerId) : undefined
    if (!peer || !entry) throw new AppError('NOT_FOUND', 'no such producer on this connection')
    if (action === 'close') entry.producer.close()
    else await mediaCall(() => (action === 'pause' ? entry.producer.pause() : entry.producer.resume()))
    this.emit('stage', peer.sessionId)
  }

  async consume(socketId: string, input: { transportId: string; producerId: string; rtpCapabilities: mediasoupTypes.RtpCapabilities }): Promise<ConsumerParams> {
    const { peer, transport } = this.#transport(socketId, input.transportId)
    if (transport.direction !== 'recv') throw new AppError('BAD_REQUEST', 'not a receive transport')
    const owner = this.peers.producerOwner(input.producerId)
    if (!owner || owner.sessionId !== peer.sessionId) throw new AppError('NOT_FOUND', 'no such producer in this session')
    if (peer.consumers.size >= MAX_CONSUMERS_PER_PEER) throw new AppError('CONFLICT', 'too many consumers on this connection')
    const consumer = await mediaCall(() => transport.consume({ producerId: input.producerId, rtpCapabilities: input.rtpCapabilities }))
    peer.consumers.set(consumer.id, consumer)
    this.peers.indexConsumer(consumer.id, peer)
    consumer.once('close', (reason) => {
      peer.consumers.delete(consumer.id)
      this.peers.indexConsumer(consumer.id, null)
      if (reason === 'producerclose') this.emit('consumerclosed', socketId, consumer.id)
    })
    return { id: consumer.id, producerId: consumer.producerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters }
  }

  async consumerAction(socketId: string, consumerId: string, action: 'resume' | 'pause'): Promise<void> {
    const consumer = this.#consumer(socketId, consumerId)
    await mediaCall(() => (action === 'resume' ? consumer.resume() : consumer.pause()))
  }

  /** A manual quality choice; null returns to automatic (the best the viewer's bandwidth allows). */
  async setLayers(socketId: string, consumerId: string, spatialLayer: number | null): Promise<void> {
    const consumer = this.#consumer(socketId, consumerId)
    await mediaCall(() => consumer.setPreferredLayers(spatialLayer ?? 2))
  }

  /** The connection leaves the session's media (or disconnected): everything it held closes. */
  leave(socketId: string, sessionId?: string): void {
    const peers = sessionId ? [this.peers.get(socketId, sessionId)].filter((p) => p !== undefined) : this.peers.ofSocket(socketId)
    for (const peer of peers) {
      this.peers.remove(peer)
      const hadProducers = peer.producers.size > 0
      for (const t of peer.transports.values()) t.close()
      if (hadProducers) this.emit('stage', peer.sessionId)
    }
  }

  /** A citizen was removed from stage: their tracks stop now, and they may not publish again. */
  revoke(sessionId: string, memberId: string): void {
    for (const peer of this.peers.ofSession(sessionId)) {
      if (peer.memberId !== memberId) continue
      peer.canProduce = false
      this.#closeProducers(peer)
    }
  }

  /** The session ended or its media died: forget every peer (their transports are closed). */
  dropSession(sessionId: string): string[] {
    const sockets = []
    for (const peer of this.peers.ofSession(sessionId)) {
      sockets.push(peer.socketId)
      this.peers.remove(peer)
      for (const t of peer.transports.values()) t.close()
    }
    return sockets
  }

  /** Who is on stage, for the stage state and the recorder. */
  stageProducers(sessionId: string) {
    return this.peers.ofSession(sessionId).flatMap((peer) => [...peer.producers.values()].map(({ producer, source }) => ({
      id: producer.id,
      kind: producer.kind,
      source,
      memberId: peer.memberId,
      name: peer.name,
      role: peer.role ?? 'guest',
      paused: producer.paused,
    })))
  }

  async #identify(caller: MediaCaller, sessionId: string): Promise<Pick<Peer, 'memberId' | 'name' | 'role' | 'staff' | 'canProduce'>> {
    const a = staffActor(caller.actor)
    if (a) {
      const assignment = a.role === 'admin' ? { role: 'host' } : await authRepo.findAssignment(this.#o.db, sessionId, a.id)
      if (assignment) {
        const role: StageRole | null = assignment.role === 'host' || assignment.role === 'guest' ? assignment.role : null
        return { memberId: `u:${a.id}`, name: a.displayName, role, staff: true, canProduce: role !== null }
      }
    }
    const onStage = await this.#o.stage.isOnStage(sessionId, caller.citizenId)
    if (onStage) return { memberId: `c:${onStage.id}`, name: onStage.nickname, role: 'citizen', staff: false, canProduce: true }
    return { memberId: `v:${caller.socketId}`, name: '', role: null, staff: false, canProduce: false }
  }

  async #router(sessionId: string): Promise<SessionRouter> {
    if (!this.#o.host) throw new AppError('UNAVAILABLE', 'live video is not available on this server')
    const router = await mediaCall(() => this.#o.host!.session(sessionId), 'UNAVAILABLE')
    if (!this.#watched.has(router)) {
      this.#watched.add(router)
      router.on('speaker', (producerId) => this.emit('speaker', sessionId, producerId))
    }
    return router
  }

  /** The session's router if its media is up (never starts it). */
  existingRouter(sessionId: string): SessionRouter | undefined {
    return this.#o.host?.existingSession(sessionId)
  }

  #track(peer: Peer, transport: WebRtcMediaTransport): void {
    peer.transports.set(transport.id, transport)
    this.peers.indexTransport(transport.id, peer)
    transport.on('dtlsstatechange', (state) => { if (state === 'failed' || state === 'closed') transport.close() })
    transport.once('close', (reason) => {
      peer.transports.delete(transport.id)
      this.peers.indexTransport(transport.id, null)
      // A spill-over router's worker died: only this connection's transports went; it rejoins.
      if (reason === 'routerclose' && this.peers.get(peer.socketId, peer.sessionId) === peer) {
        this.peers.remove(peer)
        this.emit('peerlost', peer.socketId, peer.sessionId)
      }
    })
  }

  #closeProducers(peer: Peer): void {
    for (const { producer } of [...peer.producers.values()]) producer.close()
  }

  #peer(socketId: string, sessionId: string): Peer {
    const peer = this.peers.get(socketId, sessionId)
    if (!peer) throw new AppError('CONFLICT', 'join the session media first (media:join)')
    return peer
  }

  #transport(socketId: string, transportId: string): { peer: Peer; transport: WebRtcMediaTransport } {
    const peer = this.peers.transportOwner(transportId)
    const transport = peer?.socketId === socketId ? peer.transports.get(transportId) : undefined
    if (!peer || !transport) throw new AppError('NOT_FOUND', 'no such transport on this connection')
    return { peer, transport }
  }

  #consumer(socketId: string, consumerId: string) {
    const peer = this.peers.consumerOwner(consumerId)
    const consumer = peer?.socketId === socketId ? peer.consumers.get(consumerId) : undefined
    if (!consumer) throw new AppError('NOT_FOUND', 'no such consumer on this connection')
    return consumer
  }
}

/**
 * mediasoup rejects bad parameters and wrong states with its own errors (TypeError,
 * InvalidStateError, UnsupportedError); those are the client's fault and their messages are
 * safe to show, so they become coded errors instead of INTERNAL.
 */
async function mediaCall<T>(fn: () => Promise<T>, code: 'CONFLICT' | 'UNAVAILABLE' = 'CONFLICT'): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof AppError) throw err
    const e = err as Error
    throw new AppError(e?.name === 'TypeError' ? 'BAD_REQUEST' : code, `media: ${e?.message ?? String(err)}`)
  }
}

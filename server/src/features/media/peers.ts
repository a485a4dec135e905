import type { MediaSource, StageRole } from '@openday/protocol'
import type { MediaConsumer, MediaProducer, WebRtcMediaTransport } from '@openday/media'

/**
 * One connection's media in one session. Media objects live only in memory (mediasoup holds
 * them); what must survive a restart (who is allowed on stage) is in the database.
 */
export interface Peer {
  socketId: string
  sessionId: string
  /** Groups a person's tracks on stage: u:<userId> for staff, c:<stageRequestId> for a citizen. */
  memberId: string
  name: string
  /** null for a viewer. */
  role: StageRole | null
  staff: boolean
  canProduce: boolean
  transports: Map<string, WebRtcMediaTransport>
  producers: Map<string, { producer: MediaProducer; source: MediaSource }>
  consumers: Map<string, MediaConsumer>
}

/** Index of peers by connection, session and media object id, so every command finds its owner. */
export class PeerRegistry {
  readonly #bySocket = new Map<string, Map<string, Peer>>()
  readonly #bySession = new Map<string, Set<Peer>>()
  readonly #byTransport = new Map<string, Peer>()
  readonly #byProducer = new Map<string, Peer>()
  readonly #byConsumer = new Map<string, Peer>()

  get(socketId: string, sessionId: string): Peer | undefined {
    return this.#bySocket.get(socketId)?.get(sessionId)
  }

  add(peer: Peer): void {
    let sessions = this.#bySocket.get(peer.socketId)
    if (!sessions) this.#bySocket.set(peer.socketId, (sessions = new Map()))
    sessions.set(peer.sessionId, peer)
    let set = this.#bySession.get(peer.sessionId)
    if (!set) this.#bySession.set(peer.sessionId, (set = new Set()))
    set.add(peer)
  }

  remove(peer: Peer): void {
    this.#bySocket.get(peer.socketId)?.delete(peer.sessionId)
    if (this.#bySocket.get(peer.socketId)?.size === 0) this.#bySocket.delete(peer.socketId)
    this.#bySession.get(peer.sessionId)?.delete(peer)
    if (this.#bySession.get(peer.sessionId)?.size === 0) this.#bySession.delete(peer.sessionId)
  }

  ofSocket(socketId: string): Peer[] {
    return [...(this.#bySocket.get(socketId)?.values() ?? [])]
  }

  ofSession(sessionId: string): Peer[] {
    return [...(this.#bySession.get(sessionId) ?? [])]
  }

  /** Viewers holding a WebRTC receive transport: what the session's audience limit counts. */
  webrtcViewers(sessionId: string): number {
    let n = 0
    for (const p of this.#bySession.get(sessionId) ?? []) if (!p.canProduce && !p.staff && p.transports.size > 0) n++
    return n
  }

  indexTransport(id: string, peer: Peer | null): void {
    if (peer) this.#byTransport.set(id, peer)
    else this.#byTransport.delete(id)
  }

  indexProducer(id: string, peer: Peer | null): void {
    if (peer) this.#byProducer.set(id, peer)
    else this.#byProducer.delete(id)
  }

  indexConsumer(id: string, peer: Peer | null): void {
    if (peer) this.#byConsumer.set(id, peer)
    else this.#byConsumer.delete(id)
  }

  transportOwner(id: string): Peer | undefined {
    return this.#byTransport.get(id)
  }

  producerOwner(id: string): Peer | undefined {
    return this.#byProducer.get(id)
  }

  consumerOwner(id: string): Peer | undefined {
    return this.#byConsumer.get(id)
  }
}

import type { StageState } from '@openday/protocol'
import type { Logger } from 'pino'
import type { TypedServer } from '../../socket/types.ts'
import { rooms } from '../live/hub.ts'
import { type StageService, toStageRequestDto } from '../stage/service.ts'
import type { MediaService } from './service.ts'

/** Stage changes within this window go out as one `media:stage` (a guest publishing mic+camera). */
const COALESCE_MS = 50

/**
 * The stage as screens lay it out: who is publishing what, who is speaking, where the HLS is.
 * Sent whole on every change; it is a few hundred bytes, and a whole state is what lets a client
 * that missed one simply take the next.
 */
export class StageBoard {
  readonly #speaker = new Map<string, string | null>()
  readonly #hls = new Map<string, string>()
  readonly #recording = new Set<string>()
  readonly #timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly io: TypedServer,
    private readonly media: MediaService,
    private readonly stage: StageService,
    private readonly log: Logger,
  ) {}

  async state(sessionId: string, staff: boolean): Promise<StageState> {
    const producers = this.media.stageProducers(sessionId)
    const speaker = this.#speaker.get(sessionId) ?? null
    const state: StageState = {
      sessionId,
      producers,
      // A speaker who has left the stage is nobody's to show.
      activeSpeaker: speaker && producers.some((p) => p.memberId === speaker) ? speaker : null,
      hlsUrl: this.#hls.get(sessionId) ?? null,
      recording: this.#recording.has(sessionId),
    }
    if (staff) state.requests = (await this.stage.open(sessionId)).map(toStageRequestDto)
    return state
  }

  /** Something changed on the session's stage: broadcast soon (changes close together share one). */
  changed(sessionId: string): void {
    if (this.#timers.has(sessionId)) return
    this.#timers.set(sessionId, setTimeout(() => {
      this.#timers.delete(sessionId)
      this.#broadcast(sessionId).catch((err) => this.log.warn({ err, sessionId }, 'stage broadcast failed'))
    }, COALESCE_MS))
  }

  /** From the active-speaker observer: the producer now speaking, or null. */
  setSpeakerProducer(sessionId: string, producerId: string | null): void {
    const memberId = producerId ? this.media.peers.producerOwner(producerId)?.memberId ?? null : null
    if (this.#speaker.get(sessionId) === memberId) return
    this.#speaker.set(sessionId, memberId)
    this.changed(sessionId)
  }

  speaker(sessionId: string): string | null {
    return this.#speaker.get(sessionId) ?? null
  }

  setHls(sessionId: string, url: string | null): void {
    if (url) this.#hls.set(sessionId, url)
    else this.#hls.delete(sessionId)
    this.changed(sessionId)
  }

  setRecording(sessionId: string, on: boolean): void {
    if (on) this.#recording.add(sessionId)
    else this.#recording.delete(sessionId)
    this.changed(sessionId)
  }

  forget(sessionId: string): void {
    clearTimeout(this.#timers.get(sessionId))
    this.#timers.delete(sessionId)
    this.#speaker.delete(sessionId)
    this.#hls.delete(sessionId)
    this.#recording.delete(sessionId)
  }

  close(): void {
    for (const t of this.#timers.values()) clearTimeout(t)
    this.#timers.clear()
  }

  async #broadcast(sessionId: string): Promise<void> {
    const [pub, staff] = await Promise.all([this.state(sessionId, false), this.state(sessionId, true)])
    // Staff sockets are in both rooms; they get only the staff version.
    this.io.to(rooms.session(sessionId)).except(rooms.staff(sessionId)).emit('media:stage', pub)
    this.io.to(rooms.staff(sessionId)).emit('media:stage', staff)
  }
}

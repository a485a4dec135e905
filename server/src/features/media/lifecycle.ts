import type { MediaHost, SessionsLost } from '@openday/media'
import type { Logger } from 'pino'
import type { TypedServer } from '../../socket/types.ts'
import { rooms } from '../live/hub.ts'
import type { StageService } from '../stage/service.ts'
import type { StageBoard } from './board.ts'
import type { RecordingService } from './recording.ts'
import type { MediaService } from './service.ts'

/**
 * What happens to a session's media when the session or a media worker changes state:
 * ending closes everything and tells every screen; a dead worker's sessions are rebuilt on
 * the next join, and their clients are told to join again (publishers re-publish by themselves).
 */
export class MediaLifecycle {
  constructor(
    private readonly io: TypedServer,
    private readonly host: MediaHost | null,
    private readonly media: MediaService,
    private readonly board: StageBoard,
    private readonly stage: StageService,
    private readonly recording: RecordingService | null,
    private readonly log: Logger,
  ) {
    host?.on('sessionslost', (lost) => this.#lost(lost))
    media.on('stage', (sessionId) => this.#record(sessionId))
  }

  /** The session went live. */
  started(sessionId: string): void {
    this.board.changed(sessionId)
    this.#record(sessionId)
  }

  /** The session ended: media closes, open stage requests close, every screen hears it. */
  async ended(sessionId: string): Promise<void> {
    // Stopping ffmpeg and writing the mp4 take seconds; the archive shows it once saved.
    this.recording?.finish(sessionId).catch((err) => this.log.error({ err, sessionId }, 'recording not saved'))
    this.media.dropSession(sessionId)
    await this.host?.closeSession(sessionId)
    await this.stage.closeAll(sessionId)
    this.board.forget(sessionId)
    this.io.to(rooms.session(sessionId)).emit('media:reset', { sessionId, reason: 'ended' })
  }

  #record(sessionId: string): void {
    this.recording?.follow(sessionId).catch((err) => this.log.warn({ err, sessionId }, 'recorder not updated'))
  }

  #lost({ sessionIds, workerPid, error }: SessionsLost): void {
    this.log.error({ workerPid, err: error, sessionIds }, 'media worker died; rebuilding its sessions')
    for (const sessionId of sessionIds) {
      this.media.dropSession(sessionId)
      this.board.changed(sessionId)
      this.io.to(rooms.session(sessionId)).emit('media:reset', { sessionId, reason: 'workerdied' })
    }
    // Sessions that only lost a spill-over router: the service told each affected connection.
  }
}

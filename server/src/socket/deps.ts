import type { Logger } from 'pino'
import type { Db } from '../db/client.ts'
import type { LiveHub } from '../features/live/hub.ts'
import type { StageBoard } from '../features/media/board.ts'
import type { MediaLifecycle } from '../features/media/lifecycle.ts'
import type { MediaService } from '../features/media/service.ts'
import type { StageService } from '../features/stage/service.ts'
import type { TypedServer } from './types.ts'
import type { SyncService } from '../features/live/sync.ts'
import type { QuestionService } from '../features/questions/service.ts'
import type { SessionService } from '../features/sessions/service.ts'
import type { TranscriptService } from '../features/transcript/service.ts'
import type { HotlineService } from '../features/hotline/service.ts'
import type { PollService } from '../features/polls/service.ts'
import type { DualLimiter, KeyedLimiter } from '../lib/ratelimit.ts'

/** Everything socket handlers use, built once by createApp. */
export interface SocketDeps {
  db: Db
  log: Logger
  hub: LiveHub
  sync: SyncService
  questions: QuestionService
  transcript: TranscriptService
  sessions: SessionService
  hotline: HotlineService
  polls: PollService
  limits: { questions: DualLimiter; votes: DualLimiter; calls: KeyedLimiter; joins: DualLimiter; pages: DualLimiter }
  io: TypedServer
  media: MediaService
  board: StageBoard
  stage: StageService
  lifecycle: MediaLifecycle
}

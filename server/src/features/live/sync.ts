import type { LiveEvent, QuestionDto, QuestionStaffDto, SessionStatus, SyncResult, TranscriptEntryDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { isPublic, PUBLIC_STATUSES, toPublicDto, toStaffDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import { toSessionDto } from '../sessions/dto.ts'
import * as sessions from '../sessions/repository.ts'
import { toEntryDto } from '../transcript/dto.ts'
import * as transcript from '../transcript/repository.ts'
import { eventsSince, type StoredEvent, type Viewer } from './repository.ts'

/** Deltas longer than this are answered with a snapshot: cheaper to send state than history. */
const MAX_DELTA = 500

/** The wire form of a stored event, as this viewer may see it (staff-only fields stripped). */
export function toLiveEvent(e: StoredEvent, staff: boolean): LiveEvent {
  // Payloads were written by this server from DTOs of the event's type (see the services).
  if (e.type.startsWith('question:')) {
    const q = e.payload as QuestionStaffDto
    return { seq: e.seq, type: e.type, question: staff ? q : toPublicDto(q) } as LiveEvent
  }
  if (e.type === 'transcript:posted') return { seq: e.seq, type: e.type, entry: e.payload as TranscriptEntryDto }
  return { seq: e.seq, type: e.type, session: e.payload } as LiveEvent
}

export function createSyncService(db: Db) {
  return {
    /**
     * What a joining (or re-joining) client needs: everything since `sinceSeq`, or a full snapshot
     * when it has nothing or missed too much. Vote counts are always included (not in the log).
     */
    async sync(sessionId: string, viewer: Viewer, sinceSeq: number | undefined, viewers: number): Promise<SyncResult> {
      const s = await sessions.findSession(db, sessionId)
      if (!s) throw new AppError('NOT_FOUND', 'no such session')
      const session = toSessionDto(s)
      const base = { session, lastSeq: s.seq, viewers, staff: viewer.staff }
      const visibleQuestions = viewer.staff
        ? await questions.listBySession(db, sessionId)
        : await questions.listVisible(db, sessionId, PUBLIC_STATUSES, viewer.citizenId)
      const votes = Object.fromEntries(visibleQuestions.filter((q) => isPublic(q.status) || q.upvotes > 0).map((q) => [q.id, q.upvotes]))
      if (sinceSeq !== undefined && sinceSeq <= s.seq) {
        const events = await eventsSince(db, sessionId, sinceSeq, viewer, MAX_DELTA)
        if (events) return { ...base, mode: 'delta', events: events.map((e) => toLiveEvent(e, viewer.staff)), votes }
      }
      const entries = await transcript.listBySession(db, sessionId)
      const qs: (QuestionDto | QuestionStaffDto)[] = visibleQuestions.map((q) => (viewer.staff ? toStaffDto(q) : toPublicDto(toStaffDto(q))))
      return { ...base, mode: 'snapshot', transcript: entries.map(toEntryDto), questions: qs, votes }
    },
    async status(sessionId: string): Promise<SessionStatus | null> {
      return ((await sessions.findSession(db, sessionId))?.status as SessionStatus | undefined) ?? null
    },
  }
}
export type SyncService = ReturnType<typeof createSyncService>

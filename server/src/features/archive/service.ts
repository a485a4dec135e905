import type { ArchiveDto, ArchiveListItemDto, SessionFigures } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { figuresOf as hotlineFigures } from '../hotline/figures.ts'
import * as calls from '../hotline/repository.ts'
import { PUBLIC_STATUSES, toPublicDto, toStaffDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import { toEventDto, toSessionDto } from '../sessions/dto.ts'
import * as sessions from '../sessions/repository.ts'
import type { SessionRow } from '../sessions/repository.ts'
import { toEntryDto } from '../transcript/dto.ts'
import * as transcript from '../transcript/repository.ts'

type QuestionRow = Awaited<ReturnType<typeof questions.listBySession>>[number]

export function figuresOf(qs: QuestionRow[], peakViewers: number): SessionFigures {
  const count = (f: (q: QuestionRow) => boolean) => qs.filter(f).length
  return {
    received: qs.length,
    // Counted as approved if the public ever saw it, even if later merged or withdrawn.
    approved: count((q) => q.approvedAt !== null),
    answered: count((q) => q.status === 'answered'),
    rejected: count((q) => q.status === 'rejected'),
    awaitingReply: count((q) => q.status === 'approved' && q.replyDueAt !== null),
    peakViewers,
  }
}

const archivedSession = (s: SessionRow) => ({ ...toSessionDto(s), archivedAt: s.archivedAt?.toISOString() ?? null })

/** Where the archive's recording of a session is served (features/media/routes.ts). */
export const recordingUrl = (sessionId: string) => `/media/rec/${encodeURIComponent(sessionId)}.mp4`

/** The public record of finished sessions (往期回顾): read-only views of frozen data. */
export function createArchiveService(db: Db) {
  return {
    async list(): Promise<ArchiveListItemDto[]> {
      const rows = await sessions.listArchived(db)
      return Promise.all(rows.map(async (s) => ({
        session: archivedSession(s),
        eventTheme: s.event.theme,
        hostUnits: s.event.hostUnits.map((h) => h.unit.name),
        figures: figuresOf(await questions.listBySession(db, s.id), s.peakViewers),
      })))
    },

    async get(sessionId: string): Promise<ArchiveDto> {
      const s = await sessions.findSessionWithEvent(db, sessionId)
      if (!s || s.status !== 'archived') throw new AppError('NOT_FOUND', 'no archived session with this id')
      const qs = await questions.listBySession(db, sessionId)
      const entries = await transcript.listBySession(db, sessionId)
      return {
        session: archivedSession(s),
        event: toEventDto(s.event),
        transcript: entries.map(toEntryDto),
        questions: qs.filter((q) => PUBLIC_STATUSES.includes(q.status as never)).map((q) => toPublicDto(toStaffDto(q))),
        figures: figuresOf(qs, s.peakViewers),
        recording: s.recordingFile && s.recordingSeconds !== null
          ? { url: recordingUrl(s.id), durationSeconds: s.recordingSeconds }
          : null,
        // Anonymous counts only: the archive is public.
        hotline: s.kind === 'hotline' ? hotlineFigures(await calls.listForFigures(db, sessionId)) : null,
      }
    },
  }
}
export type ArchiveService = ReturnType<typeof createArchiveService>

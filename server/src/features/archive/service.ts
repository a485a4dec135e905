import type { ArchiveDto, ArchiveListPageDto } from '@openday/protocol'
import { z } from 'zod'
import type { Db } from '../../db/client.ts'
import type { Actor } from '../auth/actor.ts'
import { AppError } from '../../lib/errors.ts'
import { TtlCache } from '../../lib/ttl-cache.ts'
import { figuresOf as hotlineFigures } from '../hotline/figures.ts'
import * as calls from '../hotline/repository.ts'
import { PUBLIC_STATUSES, toPublicDto, toStaffDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import { toEventDto, toSessionDto } from '../sessions/dto.ts'
import * as sessions from '../sessions/repository.ts'
import type { ArchiveCursor, SessionRow } from '../sessions/repository.ts'
import { isPublicEvent, visibleTo } from '../sessions/visibility.ts'
import { toEntryDto } from '../transcript/dto.ts'
import * as transcript from '../transcript/repository.ts'
import { replyFigures, settledCount, toPublicReplyDto } from '../replies/dto.ts'
import * as replies from '../replies/repository.ts'
import { figuresFromCounts, figuresOf } from './figures.ts'
import { archivedPolls } from '../polls/service.ts'

const archivedSession = (s: SessionRow) => ({ ...toSessionDto(s), archivedAt: s.archivedAt?.toISOString() ?? null })

/** Where the archive's recording of a session is served (features/media/routes.ts). */
export const recordingUrl = (sessionId: string) => `/media/rec/${encodeURIComponent(sessionId)}.mp4`

// The cursor is the last session of a page, [endedAt, id], as base64url JSON: opaque to clients,
// checked here like any other input.
const CursorShape = z.tuple([z.iso.datetime().nullable(), z.string().min(1).max(64)])

export function encodeCursor(c: ArchiveCursor): string {
  return Buffer.from(JSON.stringify([c.endedAt?.toISOString() ?? null, c.id])).toString('base64url')
}

function decodeCursor(cursor: string): ArchiveCursor {
  try {
    const [endedAt, id] = CursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    return { endedAt: endedAt === null ? null : new Date(endedAt), id }
  } catch {
    throw new AppError('BAD_REQUEST', 'cursor: not a cursor of this list')
  }
}

export interface ArchiveDeps {
  db: Db
  /**
   * How long a page of the list is served from memory. Every viewer of the archive sees the same
   * pages, and they change only when a session is archived (which drops them at once, in this
   * process) or an event is published or withdrawn (seen within this time).
   */
  cacheMs: number
}

/** The public record of finished sessions (往期回顾): read-only views of frozen data. */
export function createArchiveService({ db, cacheMs }: ArchiveDeps) {
  const pages = new TtlCache<ArchiveListPageDto>(cacheMs)

  /** A page of the list: one query for the sessions, one grouped count of their questions, one count. */
  async function loadPage(cursor: ArchiveCursor | null, size: number): Promise<ArchiveListPageDto> {
    const [rows, total] = await Promise.all([sessions.listArchivedPage(db, cursor, size + 1), sessions.countArchived(db)])
    const page = rows.slice(0, size)
    const counts = page.length ? await questions.countForFigures(db, page.map((s) => s.id)) : []
    const settled = page.length ? await replies.settledCounts(db, page.map((s) => s.id)) : new Map<string, number>()
    const last = page.at(-1)
    return {
      items: page.map((s) => ({
        session: archivedSession(s),
        eventTheme: s.event.theme,
        hostUnits: s.event.hostUnits.map((h) => h.unit.name),
        figures: figuresFromCounts(counts.filter((c) => c.sessionId === s.id), s.peakViewers, settled.get(s.id) ?? 0),
      })),
      nextCursor: rows.length > size && last ? encodeCursor({ endedAt: last.endedAt, id: last.id }) : null,
      total,
    }
  }

  return {
    /** A page of archived sessions of published events, newest first; the same for every viewer. */
    list(page: { cursor?: string | undefined; size: number }): Promise<ArchiveListPageDto> {
      const cursor = page.cursor === undefined ? null : decodeCursor(page.cursor)
      return pages.get(`${page.size}:${page.cursor ?? ''}`, () => loadPage(cursor, page.size))
    },

    /** A session was archived: the list's pages are stale. */
    invalidate(): void {
      pages.clear()
    },

    /**
     * The archive page; a session of an event not public yet only for its staff (and the admin).
     * `public` says whether a shared cache may keep it.
     */
    async get(sessionId: string, actor: Actor | null | undefined, now = new Date()): Promise<{ archive: ArchiveDto; public: boolean }> {
      const s = await sessions.findSessionWithEvent(db, sessionId)
      if (!s || s.status !== 'archived' || !(await visibleTo(db, s, actor, now))) throw new AppError('NOT_FOUND', 'no archived session with this id')
      const qs = await questions.listBySession(db, sessionId)
      const entries = await transcript.listBySession(db, sessionId)
      const tasks = await replies.forSession(db, sessionId)
      const published = new Map(tasks.flatMap((t) => { const r = t.questionId ? toPublicReplyDto(t) : null; return r ? [[t.questionId!, r] as const] : [] }))
      // The questions' awaitingReply counts only their tasks; an opinion's task is in replyFigures.
      const settled = settledCount(tasks.filter((t) => t.questionId))
      const archive: ArchiveDto = {
        session: archivedSession(s),
        event: toEventDto(s.event),
        transcript: entries.map(toEntryDto),
        questions: qs.filter((q) => PUBLIC_STATUSES.includes(q.status as never)).map((q) => toPublicDto(toStaffDto(q))),
        figures: figuresOf(qs, s.peakViewers, settled),
        // Written replies, published ones only: a draft or one waiting for the office's check is not public.
        replies: Object.fromEntries(published),
        replyFigures: replyFigures(tasks, now),
        recording: s.recordingFile && s.recordingSeconds !== null
          ? { url: recordingUrl(s.id), durationSeconds: s.recordingSeconds }
          : null,
        // Anonymous counts only: the archive is public.
        hotline: s.kind === 'hotline' ? hotlineFigures(await calls.listForFigures(db, sessionId)) : null,
        polls: await archivedPolls(db, sessionId),
      }
      return { archive, public: isPublicEvent(s.event, now) }
    },
  }
}
export type ArchiveService = ReturnType<typeof createArchiveService>

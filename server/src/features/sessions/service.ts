import type { AssignmentDto, EventDto, SessionRole, SessionSummaryDto } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { addWorkingDays, workCalendar } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { insertEvents, type NewEvent, reserveSeq, type StoredEvent } from '../live/repository.ts'
import { toStaffDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import * as replies from '../replies/repository.ts'
import { listCalendar } from '../taxonomy/repository.ts'
import { toEventDto, toSessionDto } from './dto.ts'
import * as repo from './repository.ts'
import { assertTransition } from './state.ts'
import { ViewerLog } from './viewers.ts'
import { viewerOf, visibleTo } from './visibility.ts'

export interface SessionDeps {
  db: Db
  timeZone: string
  replyWorkingDays: number
  /** Called once a session is archived (its transaction committed): the archive list's cache listens. */
  onArchived?: (sessionId: string) => void
  /** A batch of viewers could not be written (logged; the count is a statistic, nothing waits on it). */
  onViewerLogError?: (err: unknown) => void
  /**
   * Other features' things that end with the session, in its end's transaction (open polls close
   * and freeze their figures); returns the events that say so, logged before the session's own.
   */
  onEnding?: (tx: Tx, sessionId: string, at: Date) => Promise<NewEvent[]>
}

// A session the viewer may not see answers exactly like one that does not exist.
const noSuchSession = () => new AppError('NOT_FOUND', 'no such session')

export function createSessionService({ db, timeZone, replyWorkingDays, onArchived, onViewerLogError = () => undefined, onEnding }: SessionDeps) {
  const viewers = new ViewerLog(db, onViewerLogError)
  return {
    /** The session page: anyone for sessions of published events, otherwise only its staff and the admin. */
    async get(sessionId: string, actor: Actor | null | undefined): Promise<{ session: SessionSummaryDto; event: EventDto }> {
      const s = await repo.findSessionWithEvent(db, sessionId)
      if (!s || !(await visibleTo(db, s, actor))) throw noSuchSession()
      return { session: toSessionDto(s), event: toEventDto(s.event) }
    },

    /** Whether the viewer joins the session as staff; NOT_FOUND when they may not see it at all (visibility.ts). */
    async viewer(sessionId: string, actor: Actor | null | undefined): Promise<{ staff: boolean }> {
      const v = await viewerOf(db, await repo.findSessionVisibility(db, sessionId), actor)
      if (!v) throw noSuchSession()
      return v
    },

    /** A citizen's device joined: counted once per session (the summary's unique viewers), written in batches. */
    recordViewer(sessionId: string, viewerKey: string): void {
      viewers.record(sessionId, viewerKey)
    },
    /** Writes the viewers still pending (the app's shutdown; tests). */
    flushViewers: () => viewers.flush(),
    closeViewers: () => viewers.close(),

    async assignments(actor: Actor): Promise<AssignmentDto[]> {
      if (actor.role === 'admin') {
        return (await repo.allSessions(db)).map((s) => ({ session: toSessionDto(s), eventTheme: s.event.theme, role: 'admin' as const }))
      }
      return (await repo.assignmentsOf(db, actor.id)).map((a) => ({ session: toSessionDto(a.session), eventTheme: a.session.event.theme, role: a.role as SessionRole }))
    },

    async start(sessionId: string, actor: Actor): Promise<{ session: SessionSummaryDto; events: StoredEvent[] }> {
      return inTransaction(db, async (tx) => {
        const { status, firstSeq } = await reserveSeq(tx, sessionId, 1)
        assertTransition(status, 'live')
        const s = await repo.updateSession(tx, sessionId, { status: 'live', startedAt: new Date() })
        const session = toSessionDto(s)
        const events = await insertEvents(tx, sessionId, firstSeq, [{ type: 'session:started', audience: 'public', payload: session }])
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'session.start', targetType: 'session', targetId: sessionId })
        return { session, events }
      })
    },

    /**
     * Ends the session and archives it in one step: from here it is frozen. Questions approved but
     * not answered live (including one left "answering") await a written reply, due in N working days.
     */
    async end(sessionId: string, actor: Actor, now = new Date()): Promise<{ session: SessionSummaryDto; events: StoredEvent[] }> {
      const res = await inTransaction(db, async (tx) => {
        const { status } = await reserveSeq(tx, sessionId, 0)
        assertTransition(status, 'ended')
        // The office's rule as it stands now (set from the UI, the config as default), counted on
        // its working-day calendar: holidays skipped, 调休 weekend days counted.
        const { workingDays } = await replies.settings(tx, { requireCheck: false, workingDays: replyWorkingDays })
        const dueAt = addWorkingDays(now, workingDays, timeZone, workCalendar(await listCalendar(tx)))
        const open = await questions.listByStatus(tx, sessionId, ['approved', 'answering'])
        const changed = []
        for (const q of open) changed.push(await questions.update(tx, q.id, { status: 'approved', replyDueAt: dueAt }))
        // Questions collected before the event and never taken up are owed an answer too (not shown until it is published).
        const waiting = (await questions.listByStatus(tx, sessionId, ['pending'])).filter((q) => q.preEvent)
        for (const q of waiting) await questions.update(tx, q.id, { replyDueAt: dueAt })
        const lead = await tx.eventHostUnit.findFirst({ where: { role: 'lead', event: { sessions: { some: { id: sessionId } } } }, select: { unitId: true } })
        await replies.createTasks(tx, sessionId, lead?.unitId ?? null, [...open, ...waiting].map((q) => q.id), dueAt)
        const ending = (await onEnding?.(tx, sessionId, now)) ?? []
        const ended = toSessionDto(await repo.updateSession(tx, sessionId, { status: 'ended', endedAt: now }))
        const archived = toSessionDto(await repo.updateSession(tx, sessionId, { status: 'archived', archivedAt: now }))
        const { firstSeq } = await reserveSeq(tx, sessionId, changed.length + ending.length + 2)
        const events = await insertEvents(tx, sessionId, firstSeq, [
          ...changed.map((q) => ({ type: 'question:approved', audience: 'public' as const, citizenId: q.citizenId, payload: toStaffDto(q) })),
          ...ending,
          { type: 'session:ended', audience: 'public', payload: ended },
          { type: 'session:archived', audience: 'public', payload: archived },
        ])
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'session.end', targetType: 'session', targetId: sessionId, detail: { awaitingReply: changed.length + waiting.length, replyDueAt: dueAt.toISOString() } })
        return { session: archived, events }
      })
      onArchived?.(sessionId)
      return res
    },
  }
}
export type SessionService = ReturnType<typeof createSessionService>

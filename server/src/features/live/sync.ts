import type { CallPublicDto, CallStaffDto, LiveEvent, QuestionDto, QuestionStaffDto, SessionStatus, SyncResult, TranscriptEntryDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { toCallPublicDto } from '../hotline/dto.ts'
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
  // The stored payload is the staff view (masked number, content); the public one is rebuilt
  // field by field from it, so nothing personal reaches a board or a citizen.
  if (e.type === 'call:logged') {
    const c = e.payload as CallStaffDto
    return { seq: e.seq, type: e.type, call: staff ? c : toCallPublicDto(c) }
  }
  return { seq: e.seq, type: e.type, session: e.payload } as LiveEvent
}

/** How long a session's public view may serve joins (upvote counts in it may be this stale). */
const VIEW_TTL_MS = 1000

interface PublicView { seq: number; at: number; transcript: TranscriptEntryDto[]; questions: QuestionDto[]; calls?: CallPublicDto[]; votes: Record<string, number> }

/** A hotline session's calls as staff and as everyone else may see them (features/hotline). */
export interface CallSource {
  staffCalls(sessionId: string): Promise<CallStaffDto[]>
  publicCalls(sessionId: string): Promise<CallPublicDto[]>
}

export function createSyncService(db: Db, calls: CallSource) {
  // Thousands of viewers join a session within minutes and all of them see the same public state:
  // build it once per change (sequence number) and second, not once per viewer.
  const views = new Map<string, PublicView>()

  async function publicView(sessionId: string, seq: number, hotline: boolean): Promise<PublicView> {
    const cached = views.get(sessionId)
    if (cached && cached.seq === seq && Date.now() - cached.at < VIEW_TTL_MS) return cached
    const [qs, entries, cs] = await Promise.all([
      questions.listVisible(db, sessionId, PUBLIC_STATUSES, null), transcript.listBySession(db, sessionId),
      hotline ? calls.publicCalls(sessionId) : undefined,
    ])
    const view = {
      seq, at: Date.now(),
      transcript: entries.map(toEntryDto),
      questions: qs.map((q) => toPublicDto(toStaffDto(q))),
      ...(cs ? { calls: cs } : {}),
      votes: Object.fromEntries(qs.map((q) => [q.id, q.upvotes])),
    }
    views.set(sessionId, view)
    return view
  }

  return {
    /**
     * What a joining (or re-joining) client needs: everything since `sinceSeq`, or a full snapshot
     * when it has nothing or missed too much. Vote counts are always included (not in the log).
     */
    async sync(sessionId: string, viewer: Viewer, sinceSeq: number | undefined, viewers: number): Promise<SyncResult> {
      const s = await sessions.findSession(db, sessionId)
      if (!s) throw new AppError('NOT_FOUND', 'no such session')
      const base = { session: toSessionDto(s), lastSeq: s.seq, viewers, staff: viewer.staff }
      const hotline = s.kind === 'hotline'
      const delta = sinceSeq !== undefined && sinceSeq <= s.seq ? await eventsSince(db, sessionId, sinceSeq, viewer, MAX_DELTA) : null

      if (viewer.staff) {
        const all = await questions.listBySession(db, sessionId)
        const votes = Object.fromEntries(all.map((q) => [q.id, q.upvotes]))
        if (delta) return { ...base, mode: 'delta', events: delta.map((e) => toLiveEvent(e, true)), votes }
        const entries = await transcript.listBySession(db, sessionId)
        const staffCalls = hotline ? { calls: await calls.staffCalls(sessionId) } : {}
        return { ...base, mode: 'snapshot', transcript: entries.map(toEntryDto), questions: all.map(toStaffDto), ...staffCalls, votes }
      }
      const view = await publicView(sessionId, s.seq, hotline)
      if (delta) return { ...base, mode: 'delta', events: delta.map((e) => toLiveEvent(e, false)), votes: view.votes }
      // The viewer's own questions that the public does not see (pending, rejected, merged).
      const own = viewer.citizenId ? (await questions.listOwn(db, sessionId, viewer.citizenId)).filter((q) => !isPublic(q.status)) : []
      const qs: (QuestionDto | QuestionStaffDto)[] = [...view.questions, ...own.map((q) => toPublicDto(toStaffDto(q)))]
      return { ...base, mode: 'snapshot', transcript: view.transcript, questions: qs, ...(view.calls ? { calls: view.calls } : {}), votes: view.votes }
    },
    async status(sessionId: string): Promise<SessionStatus | null> {
      return ((await sessions.findSession(db, sessionId))?.status as SessionStatus | undefined) ?? null
    },
  }
}
export type SyncService = ReturnType<typeof createSyncService>

import type { CallPublicDto, CallStaffDto, LiveEvent, PollDto, PageResult, PageSession, QuestionDto, QuestionStaffDto, SyncResult, TranscriptEntryDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { toCallPublicDto } from '../hotline/dto.ts'
import { viewerDto } from '../polls/service.ts'
import { isPublic, PUBLIC_STATUSES, toPublicDto, toStaffDto } from '../questions/dto.ts'
import * as questions from '../questions/repository.ts'
import { toSessionDto } from '../sessions/dto.ts'
import * as sessions from '../sessions/repository.ts'
import { toEntryDto } from '../transcript/dto.ts'
import * as transcript from '../transcript/repository.ts'
import { eventsSince, hasPublicSince, type StoredEvent, type Viewer } from './repository.ts'

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
  // Stored with every figure (the staff view); the others get them as the poll's visibility allows.
  // A voter's own figures reach them in the frames (LiveFrame.polls), not in the shared event.
  if (e.type.startsWith('poll:')) {
    const p = e.payload as PollDto
    return { seq: e.seq, type: e.type, poll: staff ? p : viewerDto(p, undefined) } as LiveEvent
  }
  return { seq: e.seq, type: e.type, session: e.payload } as LiveEvent
}

interface PublicView {
  seq: number; at: number
  transcript: TranscriptEntryDto[]; questions: QuestionDto[]; calls?: CallPublicDto[]; votes: Record<string, number>
  older: { questions: string | null; transcript: string | null }
}

/** A hotline session's calls as staff and as everyone else may see them (features/hotline). */
export interface CallSource {
  staffCalls(sessionId: string): Promise<CallStaffDto[]>
  publicCalls(sessionId: string): Promise<CallPublicDto[]>
}

type QuestionRow = Awaited<ReturnType<typeof questions.listLatest>>[number]
const votesOf = (qs: { id: string; upvotes: number }[]) => Object.fromEntries(qs.map((q) => [q.id, q.upvotes]))
/**
 * Rows read newest first, one more than a page holds: the extra one tells whether there is more
 * without a count, and the page's oldest row is where the next older page begins.
 */
function page<T extends { id: string }>(rows: T[], limit: number) {
  const kept = rows.slice(0, limit).reverse()
  return { rows: kept, next: rows.length > limit ? kept[0]!.id : null }
}
const byId = (rows: QuestionRow[]) => [...new Map(rows.map((q) => [q.id, q])).values()]

/** A session's polls as a viewer may see them (features/polls). */
export interface PollSource {
  forViewer(sessionId: string, viewer: { staff: boolean; deviceHash: string | null }): Promise<PollDto[]>
}

export interface SnapshotOptions {
  /** Questions and entries a snapshot holds (the newest). */
  limit: number
  /** How long a session's public view may serve joins (upvote counts in it may be this stale). */
  ttlMs: number
}

export function createSyncService(db: Db, calls: CallSource, polls: PollSource, { limit: snapshotLimit, ttlMs }: SnapshotOptions) {
  // Thousands of viewers join a session within minutes and all of them see the same public state:
  // build it once per public change and second, not once per viewer. Staff-only changes (every
  // submitted question) leave it valid.
  const views = new Map<string, PublicView>()
  // Public views built so far: what a join flood or a stream of staff-only changes costs.
  let viewBuilds = 0

  async function publicView(sessionId: string, seq: number, hotline: boolean): Promise<PublicView> {
    const cached = views.get(sessionId)
    if (cached && Date.now() - cached.at < ttlMs && (cached.seq === seq || !(await hasPublicSince(db, sessionId, cached.seq)))) return cached
    // The question being answered is shown at the top however old it is.
    const [latest, answering, entries, cs] = await Promise.all([
      questions.listLatest(db, sessionId, PUBLIC_STATUSES, snapshotLimit + 1),
      questions.listLatest(db, sessionId, ['answering'], 5),
      transcript.listLatest(db, sessionId, snapshotLimit + 1),
      hotline ? calls.publicCalls(sessionId) : undefined,
    ])
    const qs = page(latest, snapshotLimit)
    const tr = page(entries, snapshotLimit)
    const all = byId([...answering, ...qs.rows])
    const view = {
      seq, at: Date.now(),
      transcript: tr.rows.map(toEntryDto),
      questions: all.map((q) => toPublicDto(toStaffDto(q))),
      ...(cs ? { calls: cs } : {}),
      votes: votesOf(all),
      older: { questions: qs.next, transcript: tr.next },
    }
    views.set(sessionId, view)
    viewBuilds++
    return view
  }

  /** Staff see the newest questions of every status, and the whole queue (pending, answering) up to a limit of its own. */
  async function staffSnapshot(sessionId: string) {
    const [latest, queue, entries] = await Promise.all([
      questions.listLatest(db, sessionId, null, snapshotLimit + 1),
      questions.listLatest(db, sessionId, ['pending', 'answering'], snapshotLimit),
      transcript.listLatest(db, sessionId, snapshotLimit + 1),
    ])
    const qs = page(latest, snapshotLimit)
    const tr = page(entries, snapshotLimit)
    return { questions: byId([...qs.rows, ...queue]), transcript: tr.rows, older: { questions: qs.next, transcript: tr.next } }
  }

  return {
    /**
     * What a joining (or re-joining) client needs: everything since `sinceSeq`, or a snapshot of
     * the newest state when it has nothing or missed too much. Vote counts are always included.
     */
    async sync(sessionId: string, viewer: Viewer & { deviceHash?: string | null }, sinceSeq: number | undefined, viewers: number): Promise<SyncResult> {
      const s = await sessions.findSession(db, sessionId)
      if (!s) throw new AppError('NOT_FOUND', 'no such session')
      const pollList = await polls.forViewer(sessionId, { staff: viewer.staff, deviceHash: viewer.deviceHash ?? null })
      const base = { session: toSessionDto(s), lastSeq: s.seq, viewers, staff: viewer.staff, polls: pollList }
      const hotline = s.kind === 'hotline'
      const delta = sinceSeq !== undefined && sinceSeq <= s.seq ? await eventsSince(db, sessionId, sinceSeq, viewer, MAX_DELTA) : null

      if (viewer.staff) {
        // Votes are not in the event log: the counts of the questions that can take votes (the public view's).
        if (delta) return { ...base, mode: 'delta', events: delta.map((e) => toLiveEvent(e, true)), votes: (await publicView(sessionId, s.seq, hotline)).votes }
        const snap = await staffSnapshot(sessionId)
        const staffCalls = hotline ? { calls: await calls.staffCalls(sessionId) } : {}
        return {
          ...base, mode: 'snapshot', transcript: snap.transcript.map(toEntryDto), questions: snap.questions.map(toStaffDto),
          ...staffCalls, votes: votesOf(snap.questions), older: snap.older,
        }
      }
      const view = await publicView(sessionId, s.seq, hotline)
      if (delta) return { ...base, mode: 'delta', events: delta.map((e) => toLiveEvent(e, false)), votes: view.votes }
      // The viewer's own questions that the public does not see (pending, rejected, merged).
      const own = viewer.citizenId ? (await questions.listOwn(db, sessionId, viewer.citizenId)).filter((q) => !isPublic(q.status)) : []
      const qs: (QuestionDto | QuestionStaffDto)[] = [...view.questions, ...own.map((q) => toPublicDto(toStaffDto(q)))]
      return {
        ...base, mode: 'snapshot', transcript: view.transcript, questions: qs,
        ...(view.calls ? { calls: view.calls } : {}), votes: view.votes, older: view.older,
      }
    },

    /** Older items than a snapshot carried: public questions for everyone, every question for staff. */
    async page(req: PageSession, viewer: Viewer): Promise<PageResult> {
      const limit = req.limit ?? 50
      if (req.kind === 'transcript') {
        const at = await transcript.findById(db, req.before)
        if (!at || at.sessionId !== req.sessionId) throw new AppError('NOT_FOUND', 'no such entry in this session')
        const p = page(await transcript.listLatest(db, req.sessionId, limit + 1, at), limit)
        return { kind: req.kind, transcript: p.rows.map(toEntryDto), next: p.next, votes: {} }
      }
      const at = await questions.findById(db, req.before)
      if (!at || at.sessionId !== req.sessionId) throw new AppError('NOT_FOUND', 'no such question in this session')
      const p = page(await questions.listLatest(db, req.sessionId, viewer.staff ? null : PUBLIC_STATUSES, limit + 1, at), limit)
      const dtos = p.rows.map((q) => (viewer.staff ? toStaffDto(q) : toPublicDto(toStaffDto(q))))
      return { kind: req.kind, questions: dtos, next: p.next, votes: votesOf(p.rows) }
    },

    stats: () => ({ viewBuilds }),

  }
}
export type SyncService = ReturnType<typeof createSyncService>

import { randomUUID } from 'node:crypto'
import type { CallPublicDto, CallStaffDto, HotlineFiguresDto, LogCall } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { isPrismaCode } from '../../db/tx.ts'
import type { DataCipher } from '../../lib/crypto.ts'
import { AppError } from '../../lib/errors.ts'
import { GroupCommit } from '../../lib/group-commit.ts'
import type { FullExport, Sheet } from '../../lib/sheet.ts'
import { maskPersonalData, maskPhone } from '../../lib/mask.ts'
import { addWorkingDays, workCalendar } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { insertEvents, reserveSeq, type StoredEvent } from '../live/repository.ts'
import * as sessions from '../sessions/repository.ts'
import { visibleTo } from '../sessions/visibility.ts'
import { assertWritable, WRITE_WINDOW } from '../sessions/state.ts'
import * as taxonomy from '../taxonomy/repository.ts'
import { CALL_SLOT, openField, toCallPublicDto, toCallStaffDto } from './dto.ts'
import { callsSheet } from './export.ts'
import { figuresOf } from './figures.ts'
import * as repo from './repository.ts'

/** The console's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 10 * 60_000
/** A call is logged while (or just after) it happens: a timer older than this is not a live call. */
const MAX_CALL_AGE_MS = 24 * 3_600_000
const MAX_CALL_MS = 4 * 3_600_000

export interface HotlineDeps { db: Db; cipher: DataCipher; timeZone: string }

interface CallItem { input: LogCall; actor: Actor; startedAt: Date; endedAt: Date }
export interface LoggedCall { call: CallStaffDto; events: StoredEvent[] }

function checkTimer(input: LogCall, now: Date): { startedAt: Date; endedAt: Date } {
  const startedAt = new Date(input.startedAt)
  const endedAt = new Date(input.endedAt)
  if (endedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError('BAD_REQUEST', 'endedAt: the call cannot end in the future')
  if (now.getTime() - startedAt.getTime() > MAX_CALL_AGE_MS) throw new AppError('BAD_REQUEST', 'startedAt: the call is too old to be logged live')
  if (endedAt.getTime() - startedAt.getTime() > MAX_CALL_MS) throw new AppError('BAD_REQUEST', 'endedAt: a call cannot last that long')
  return { startedAt, endedAt }
}

/** Calls of a hotline day: logging (idempotent, encrypted, with its work order), views, reveal, figures. */
export function createHotlineService({ db, cipher, timeZone }: HotlineDeps) {
  async function hotlineSession(sessionId: string) {
    const s = await sessions.findSession(db, sessionId)
    if (!s || s.kind !== 'hotline') throw new AppError('NOT_FOUND', 'no hotline session with this id')
    return s
  }

  /**
   * One call inside a batch's transaction: the call, its work order (handed off), the event row and
   * the audit row. Every check that can refuse the call comes before the first write, so a refused
   * call (an AppError) leaves nothing behind for the others in the batch. A retry with the same
   * clientId returns the stored call and logs nothing.
   */
  async function writeCall(tx: Tx, { input, actor, startedAt, endedAt }: CallItem): Promise<LoggedCall> {
    // Lock the session first: concurrent retries of one call, and repeat-caller counts, are
    // then decided in commit order.
    const { status } = await reserveSeq(tx, input.sessionId, 0)
    const existing = await repo.findByClientId(tx, input.clientId)
    if (existing) {
      if (existing.sessionId !== input.sessionId) throw new AppError('CONFLICT', 'this clientId belongs to a call of another session')
      return { call: toCallStaffDto(existing, cipher), events: [] }
    }
    const session = await sessions.findSession(tx, input.sessionId)
    if (session?.kind !== 'hotline') throw new AppError('BAD_REQUEST', 'calls are logged in hotline sessions only')
    assertWritable(status, WRITE_WINDOW.live)

    const domain = await taxonomy.findDomain(tx, input.domainId)
    if (!domain?.active) throw new AppError('BAD_REQUEST', 'domainId: no such active domain')
    const type = await taxonomy.findAppealType(tx, input.appealTypeId)
    if (!type?.active) throw new AppError('BAD_REQUEST', 'appealTypeId: no such active appeal type')
    const handedOff = input.disposition === 'handed_off'
    // An answered call has no unit, even if the console still had one selected.
    const unit = handedOff ? await taxonomy.findUnit(tx, input.unitId!) : null
    // A deactivated unit keeps its old work orders but takes no new ones.
    if (handedOff && !unit?.active) throw new AppError('BAD_REQUEST', 'unitId: no such active unit')

    const phoneHash = cipher.phoneHash(input.phone)
    const repeatCount = await repo.countByPhone(tx, input.sessionId, phoneHash)
    // The id is made here, not by the database: the ciphertexts are bound to it.
    const id = randomUUID()
    const row = await repo.create(tx, {
      id, sessionId: input.sessionId, clientId: input.clientId, operatorId: actor.id, leader: input.leader,
      callerNameCipher: input.callerName ? cipher.encrypt(input.callerName, CALL_SLOT.callerName(id)) : null,
      phoneCipher: cipher.encrypt(input.phone, CALL_SLOT.phone(id)), phoneHash, phoneMasked: maskPhone(input.phone),
      domainId: domain.id, appealTypeId: type.id,
      // The number has its own encrypted field: one typed into the text is masked like in questions.
      location: input.location ? maskPersonalData(input.location) : null,
      content: maskPersonalData(input.content),
      disposition: input.disposition, reply: input.reply || null, repeatCount, startedAt, endedAt,
    })
    const workOrder = unit
      ? await repo.createWorkOrder(tx, {
        callId: row.id, unitId: unit.id,
        dueAt: addWorkingDays(startedAt, type.deadlineDays, timeZone, workCalendar(await taxonomy.listCalendar(tx))),
      })
      : null
    const call = toCallStaffDto({ ...row, operator: { displayName: actor.displayName }, workOrder }, cipher)
    const { firstSeq } = await reserveSeq(tx, input.sessionId, 1)
    // Public audience: everyone gets the event, non-staff as the anonymous projection (live/sync.ts).
    const events = await insertEvents(tx, input.sessionId, firstSeq, [{ type: 'call:logged', audience: 'public', payload: call }])
    await audit.record(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'call.log', targetType: 'hotline_call', targetId: row.id,
      detail: { sessionId: input.sessionId, disposition: input.disposition, repeatCount, workOrderId: workOrder?.id ?? null },
    })
    return { call, events }
  }

  // Group commit, as for questions: when 20 operators save at the same moment their calls share a
  // transaction (one disk flush) instead of queueing 20 of them on the one thread.
  const calls = new GroupCommit<CallItem, LoggedCall>(db, async (tx, batch) => {
    const out: (LoggedCall | Error)[] = []
    for (const item of batch) {
      try {
        out.push(await writeCall(tx, item))
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        out.push(err)
      }
    }
    return out
  })

  return {
    /** Logs one call (see writeCall); idempotent by clientId. */
    async log(input: LogCall, actor: Actor, now = new Date()): Promise<LoggedCall> {
      const { startedAt, endedAt } = checkTimer(input, now)
      try {
        return await calls.submit({ input, actor, startedAt, endedAt })
      } catch (err) {
        // The same clientId raced in from another session (clientIds are unique over all calls).
        if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'this clientId is already used')
        throw err
      }
    },

    async sessionOfCall(callId: string): Promise<string> {
      const c = await repo.findById(db, callId)
      if (!c) throw new AppError('NOT_FOUND', 'no such call')
      return c.sessionId
    },

    async staffCalls(sessionId: string): Promise<CallStaffDto[]> {
      return (await repo.listBySession(db, sessionId)).map((c) => toCallStaffDto(c, cipher))
    },

    async publicCalls(sessionId: string): Promise<CallPublicDto[]> {
      return (await repo.listPublic(db, sessionId)).map(toCallPublicDto)
    },

    /** The caller's number and name in clear, for the one who asked; the audit row says who, when, which call. */
    async reveal(callId: string, actor: Actor, ip: string | null): Promise<{ phone: string; callerName: string | null }> {
      const c = await repo.findById(db, callId)
      if (!c) throw new AppError('NOT_FOUND', 'no such call')
      const revealed = {
        phone: openField(cipher, c.phoneCipher, CALL_SLOT.phone(c.id)),
        callerName: c.callerNameCipher === null ? null : openField(cipher, c.callerNameCipher, CALL_SLOT.callerName(c.id)),
      }
      await audit.record(db, { actorId: actor.id, actorRole: actor.role, action: 'call.reveal', targetType: 'hotline_call', targetId: callId, detail: { sessionId: c.sessionId }, ip })
      return revealed
    },

    /** The public board's figures; a session of an unpublished event only for its staff (sessions/visibility.ts). */
    async figures(sessionId: string, actor: Actor | null | undefined): Promise<HotlineFiguresDto> {
      const s = await sessions.findSessionVisibility(db, sessionId)
      if (!s || s.kind !== 'hotline' || !(await visibleTo(db, s, actor))) throw new AppError('NOT_FOUND', 'no hotline session with this id')
      return figuresOf(await repo.listForFigures(db, sessionId))
    },

    /** Figures for the archive: null for sessions that are not hotline days. */
    async figuresIfHotline(sessionId: string, kind: string): Promise<HotlineFiguresDto | null> {
      return kind === 'hotline' ? figuresOf(await repo.listForFigures(db, sessionId)) : null
    },

    /** A session's calls as a spreadsheet, masked unless `full` (the caller checked who may): paid for by row, then audited. */
    async callsSheet(sessionId: string, actor: Actor, ip: string | null, full?: FullExport): Promise<{ sheet: Sheet; title: string }> {
      const s = await hotlineSession(sessionId)
      const rows = await repo.listForExport(db, sessionId)
      if (full) {
        await full.pay(rows.length)
        await audit.record(db, { actorId: actor.id, actorRole: actor.role, action: 'call.export_full', targetType: 'session', targetId: sessionId, detail: { calls: rows.length, format: full.format }, ip })
      }
      return { sheet: callsSheet(rows, { cipher, full: !!full, timeZone }), title: s.title }
    },

    hotlineSession,
  }
}
export type HotlineService = ReturnType<typeof createHotlineService>

import type { OpinionRecordBody, OpinionSendBody, OpinionSentDto, OpinionStaffDto, ParticipantOpinionsDto, PublicOpinionDto, ReplySettingsDto } from '@openday/protocol'
import { OPINION_WINDOW_DAYS } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { maskPersonalData } from '../../lib/mask.ts'
import type { SensitiveFilter } from '../../lib/sensitive.ts'
import { addWorkingDays, workCalendar } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AttendanceService } from '../attendance/service.ts'
import * as replies from '../replies/repository.ts'
import { listCalendar } from '../taxonomy/repository.ts'
import { toPublicDto, toStaffDto } from './dto.ts'
import * as repo from './repository.ts'

export interface OpinionDeps {
  db: Db; attendance: AttendanceService; filter: () => SensitiveFilter; timeZone: string; replyDefaults: ReplySettingsDto; now?: () => Date
}
const DAY_MS = 86_400_000
/** One participant's opinions: plenty for a meeting, and a stop for a phone that loops on send. */
export const MAX_PER_PARTICIPANT = 20
const notFound = () => new AppError('NOT_FOUND', 'no such opinion')

/**
 * Opinions and suggestions (意见建议) of a symposium or an observation. The recorder (any of the
 * event's people) writes down who said what during it; a checked-in participant sends their own
 * from the phone, by the invitation's token, during the event and for a week after. Texts are
 * masked before they are stored; a participant's, and any with a sensitive word, wait for the lead
 * unit to publish them. The lead unit (or the admin) may assign one to a unit, which then owes a
 * written reply through the same tasks as the questions left unanswered live.
 */
export function createOpinionService({ db, attendance, filter, timeZone, replyDefaults, now = () => new Date() }: OpinionDeps) {
  const venueEvent = (eventId: string, actor: Actor) => attendance.venue(eventId, actor, { what: 'opinions' })
  const managed = (eventId: string, actor: Actor) => attendance.venue(eventId, actor, { what: 'opinions', manage: true })
  async function ofEvent(c: Db | Tx, eventId: string, opinionId: string) {
    const o = await repo.find(c, opinionId)
    if (!o || o.eventId !== eventId) throw notFound()
    return o
  }
  /** The same clientId again is the same opinion (its ack was lost); another event's is refused. */
  async function insertOnce(d: Parameters<typeof repo.create>[1]): Promise<repo.OpinionRow> {
    try {
      return await inTransaction(db, (tx) => repo.create(tx, d))
    } catch (err) {
      if (!isPrismaCode(err, 'P2002')) throw err
      const same = await repo.findByClientId(db, d.clientId)
      if (!same || same.eventId !== d.eventId || same.inviteeId !== d.inviteeId) throw new AppError('CONFLICT', 'clientId: already used')
      return same
    }
  }

  return {
    async list(eventId: string, actor: Actor): Promise<OpinionStaffDto[]> {
      await venueEvent(eventId, actor)
      return (await repo.list(db, eventId)).map(toStaffDto)
    },

    async record(eventId: string, body: z.output<typeof OpinionRecordBody>, actor: Actor): Promise<OpinionStaffDto> {
      const { e } = await venueEvent(eventId, actor)
      if (e.status === 'cancelled') throw new AppError('CONFLICT', 'the event is cancelled')
      let { speaker, category } = body
      if (body.inviteeId) {
        const i = await db.invitee.findUnique({ where: { id: body.inviteeId } })
        if (!i || i.eventId !== eventId) throw new AppError('NOT_FOUND', 'inviteeId: no such invitee of this event')
        speaker = i.name
        category = i.category as typeof category
      }
      const text = maskPersonalData(body.body)
      const hits = filter().hits(`${speaker} ${text}`)
      const o = await insertOnce({
        eventId, clientId: body.clientId, source: 'recorded', inviteeId: body.inviteeId, category, speaker: maskPersonalData(speaker), body: text,
        // The recorder is staff: what they wrote is public at once, unless the filter holds it for review.
        status: hits.length ? 'pending' : 'published', hits, recordedById: actor.id,
      })
      return toStaffDto(o)
    },

    async setStatus(eventId: string, opinionId: string, status: 'published' | 'hidden', actor: Actor, ip: string | null): Promise<OpinionStaffDto> {
      await managed(eventId, actor)
      return inTransaction(db, async (tx) => {
        const o = await ofEvent(tx, eventId, opinionId)
        await tx.opinion.update({ where: { id: o.id }, data: { status } })
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: `opinion.${status}`, targetType: 'opinion', targetId: o.id, detail: { eventId }, ip })
        return toStaffDto((await repo.find(tx, o.id))!)
      })
    },

    /** A written reply owed by `unitId`, due in the office's working days from now (its calendar). */
    async assign(eventId: string, opinionId: string, unitId: string, actor: Actor, ip: string | null): Promise<OpinionStaffDto> {
      await managed(eventId, actor)
      return inTransaction(db, async (tx) => {
        const o = await ofEvent(tx, eventId, opinionId)
        if (o.status === 'hidden') throw new AppError('CONFLICT', 'status: a hidden opinion is not answered publicly')
        if (o.replyTask) throw new AppError('CONFLICT', 'reply: this opinion is already assigned')
        const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { active: true } })
        if (!unit?.active) throw new AppError('BAD_REQUEST', 'unitId: no such active unit')
        const session = await repo.firstSession(tx, eventId)
        if (!session) throw new AppError('CONFLICT', 'the event has no session to count the reply under')
        const { workingDays } = await replies.settings(tx, replyDefaults)
        const dueAt = addWorkingDays(now(), workingDays, timeZone, workCalendar(await listCalendar(tx)))
        try {
          await replies.createOpinionTask(tx, { opinionId: o.id, sessionId: session.id, unitId, dueAt })
        } catch (err) {
          if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'reply: this opinion is already assigned')
          throw err
        }
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'opinion.assign', targetType: 'opinion', targetId: o.id, detail: { eventId, unitId }, ip })
        return toStaffDto((await repo.find(tx, o.id))!)
      })
    },

    /** What the participant's phone shows under the invitation: may they send, and what they sent. */
    async participantView(token: string): Promise<ParticipantOpinionsDto> {
      const { invitee, reason } = await this.participant(token)
      const opinions = (await repo.byInvitee(db, invitee.id)).map((o) => ({ id: o.id, body: o.body, status: o.status as 'pending', createdAt: o.createdAt.toISOString() }))
      return { canSend: reason === null, reason, opinions }
    },

    async participant(token: string) {
      const invitee = await attendance.verifiedInvitee(token)
      if (!invitee) throw new AppError('NOT_FOUND', 'no such invitation')
      const e = await db.event.findUniqueOrThrow({ where: { id: invitee.eventId }, select: { status: true, endsAt: true } })
      const reason = !invitee.checkedInAt ? 'not_checked_in' as const
        : e.status === 'cancelled' || now().getTime() > e.endsAt.getTime() + OPINION_WINDOW_DAYS * DAY_MS ? 'closed' as const : null
      return { invitee, reason }
    },

    async send(token: string, body: z.output<typeof OpinionSendBody>): Promise<OpinionSentDto> {
      const { invitee, reason } = await this.participant(token)
      if (reason === 'not_checked_in') throw new AppError('FORBIDDEN', 'check in at the door first: opinions are sent by those who took part')
      if (reason === 'closed') throw new AppError('NOT_OPEN', `opinions are taken until ${OPINION_WINDOW_DAYS} days after the event`)
      const again = await repo.findByClientId(db, body.clientId)
      if (!again && (await db.opinion.count({ where: { inviteeId: invitee.id } })) >= MAX_PER_PARTICIPANT) {
        throw new AppError('RATE_LIMITED', `at most ${MAX_PER_PARTICIPANT} opinions from one participant`)
      }
      const text = maskPersonalData(body.body)
      const o = await insertOnce({
        eventId: invitee.eventId, clientId: body.clientId, source: 'participant', inviteeId: invitee.id, category: invitee.category,
        speaker: invitee.name, body: text, status: 'pending', hits: filter().hits(text), recordedById: null,
      })
      return { id: o.id, status: o.status as OpinionSentDto['status'] }
    },

    /** The published ones, for the public record. */
    async publicList(eventId: string): Promise<PublicOpinionDto[]> {
      return (await repo.list(db, eventId)).filter((o) => o.status === 'published').map(toPublicDto)
    },
  }
}
export type OpinionService = ReturnType<typeof createOpinionService>

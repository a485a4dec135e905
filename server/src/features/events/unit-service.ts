import { type PutGuests, type SessionRole, type UnitEventDto, type UnitEventPatch, type UnitEventSummaryDto, rolesForKind, type EventForm, type UploadDto } from '@openday/protocol'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { zonedDate, zonedTime } from '../../lib/workdays.ts'
import { type Actor, requireRole } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AssignmentService } from '../assignments/service.ts'
import { OFFICE_TIME_ZONE } from '../sessions/visibility.ts'
import type { UploadService } from '../uploads/service.ts'
import { toPreviewDto } from './dto.ts'
import * as repo from './repository.ts'

export interface UnitEventDeps { db: Db; hotlineNumber: string; assignments: AssignmentService; uploads: UploadService }

// What a unit may still prepare: not a cancelled event, nor one that is over.
const PREPARABLE = ['planned', 'published']

const noSuchEvent = () => new AppError('NOT_FOUND', 'no such event')

/**
 * The unit editor prepares its events (guests, description, venue, time, staff). Only the lead
 * unit edits; joint units read; another unit's event answers as missing. The admin reads all.
 */
export function createUnitEventService({ db, hotlineNumber, assignments, uploads }: UnitEventDeps) {
  const who = (actor: Actor | null | undefined) => {
    const a = requireRole(actor, ['unit_editor', 'admin'])
    if (a.role === 'unit_editor' && !a.unitId) throw new AppError('FORBIDDEN', 'your account belongs to no unit')
    return a
  }

  /** The viewer's part in the event: lead (edits), joint or admin (read), or NOT_FOUND. */
  async function roleIn(client: Db | Tx, eventId: string, a: Actor): Promise<'lead' | 'joint' | 'admin'> {
    if (a.role === 'admin') {
      if (!(await repo.findEvent(client, eventId))) throw noSuchEvent()
      return 'admin'
    }
    const role = await repo.hostRole(client, eventId, a.unitId!)
    if (role === null) throw noSuchEvent()
    return role === 'lead' ? 'lead' : 'joint'
  }

  async function requireLead(client: Db | Tx, eventId: string, a: Actor) {
    const role = await roleIn(client, eventId, a)
    if (role !== 'lead') throw new AppError('FORBIDDEN', 'only the lead unit prepares this event')
    const e = (await repo.findEvent(client, eventId))!
    if (!PREPARABLE.includes(e.status)) throw new AppError('CONFLICT', `the event is ${e.status}`)
    return e
  }

  async function view(eventId: string, a: Actor): Promise<UnitEventDto> {
    const role = await roleIn(db, eventId, a)
    const e = (await repo.findEvent(db, eventId))!
    const staff = await repo.staffOfEvent(db, eventId)
    return {
      ...toPreviewDto(e, hotlineNumber, new Date()),
      editable: role === 'lead' && PREPARABLE.includes(e.status),
      sequence: e.sequence,
      staff: staff.map((s) => ({ sessionId: s.sessionId, userId: s.userId, displayName: s.user.displayName, username: s.user.username, role: s.role as SessionRole })),
      candidates: role === 'lead' ? await repo.unitPeople(db, a.unitId!) : [],
    }
  }

  /** The new start or end: the same Beijing day as planned, at the given wall-clock time. */
  const onDay = (day: Date, hhmm: string) => {
    const { y, m, d } = zonedDate(day, OFFICE_TIME_ZONE)
    const [hh, mm] = hhmm.split(':').map(Number) as [number, number]
    return zonedTime(y, m, d, hh, mm, 0, 0, OFFICE_TIME_ZONE)
  }

  return {
    async list(actor: Actor | null | undefined): Promise<UnitEventSummaryDto[]> {
      const a = who(actor)
      const rows = a.role === 'admin' ? await repo.allEvents(db) : await repo.unitEvents(db, a.unitId!)
      return rows.map((e) => ({
        id: e.id, theme: e.theme, form: e.form as EventForm, status: e.status, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(),
        role: a.role === 'admin' || e.hostUnits[0]?.role !== 'joint' ? 'lead' : 'joint',
      }))
    },

    get: (eventId: string, actor: Actor | null | undefined) => view(eventId, who(actor)),

    async update(eventId: string, patch: UnitEventPatch, actor: Actor | null | undefined): Promise<UnitEventDto> {
      const a = who(actor)
      await inTransaction(db, async (tx) => {
        const e = await requireLead(tx, eventId, a)
        const startsAt = patch.startTime ? onDay(e.startsAt, patch.startTime) : e.startsAt
        const endsAt = patch.endTime ? onDay(e.startsAt, patch.endTime) : e.endsAt
        if (endsAt.getTime() <= startsAt.getTime()) throw new AppError('BAD_REQUEST', 'the event must end after it starts')
        const moved = startsAt.getTime() !== e.startsAt.getTime() || endsAt.getTime() !== e.endsAt.getTime()
        await repo.updateEvent(tx, eventId, {
          summary: patch.summary, location: patch.location, signup: patch.signup,
          // A calendar subscriber must see a new time: the ICS SEQUENCE goes up.
          ...(moved ? { startsAt, endsAt, sequence: { increment: 1 } } : {}),
        })
        if (moved) await repo.moveScheduledSessions(tx, eventId, startsAt, endsAt)
        await audit.record(tx, {
          actorId: a.id, actorRole: a.role, action: 'event.prepare', targetType: 'event', targetId: eventId,
          detail: { fields: Object.keys(patch), ...(moved ? { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } : {}) },
        })
      })
      return view(eventId, a)
    },

    async putGuests(eventId: string, body: PutGuests, actor: Actor | null | undefined): Promise<UnitEventDto> {
      const a = who(actor)
      await inTransaction(db, async (tx) => {
        await requireLead(tx, eventId, a)
        const known = new Set(await repo.guestIds(tx, eventId))
        const ids = body.guests.flatMap((g) => (g.id ? [g.id] : []))
        if (ids.some((id) => !known.has(id)) || new Set(ids).size !== ids.length) throw new AppError('BAD_REQUEST', 'a guest id is not one of this event')
        const photos = [...new Set(body.guests.flatMap((g) => (g.photoId ? [g.photoId] : [])))]
        if ((await repo.eventUploads(tx, eventId, photos)).length !== photos.length) throw new AppError('BAD_REQUEST', 'a photo is not an upload of this event')
        await repo.replaceGuests(tx, eventId, body.guests.map((g) => ({ id: g.id, name: g.name, title: g.title, photoId: g.photoId ?? null })))
        await audit.record(tx, { actorId: a.id, actorRole: a.role, action: 'event.guests', targetType: 'event', targetId: eventId, detail: { guests: body.guests.map((g) => g.name) } })
      })
      return view(eventId, a)
    },

    async storePhoto(eventId: string, bytes: Buffer, actor: Actor): Promise<UploadDto> {
      await requireLead(db, eventId, actor)
      return uploads.storeForEvent(eventId, bytes, actor)
    },

    /** Authorise before the body is read (a photo): lead unit editor of a preparable event. */
    async requireLeadEditor(eventId: string, actor: Actor | null | undefined): Promise<Actor> {
      const a = who(actor)
      await requireLead(db, eventId, a)
      return a
    },

    /**
     * A unit puts its own people on its event's sessions, through the admin's assignment service
     * (same locking, same audit, same live effect on open sockets).
     */
    async assign(eventId: string, sessionId: string, userId: string, role: SessionRole | null, actor: Actor | null | undefined, ip: string | null): Promise<UnitEventDto> {
      const a = who(actor)
      const e = await requireLead(db, eventId, a)
      const session = e.sessions.find((s) => s.id === sessionId)
      if (!session) throw new AppError('NOT_FOUND', 'no such session of this event')
      const user = await repo.findUser(db, userId)
      if (!user || (a.role !== 'admin' && user.unitId !== a.unitId)) throw new AppError('FORBIDDEN', 'you may assign only accounts of your own unit')
      if (role !== null && !rolesForKind(session.kind as EventForm).includes(role)) throw new AppError('BAD_REQUEST', `a ${session.kind} session takes no ${role}`)
      if (role === null) await assignments.remove(sessionId, userId, a, ip)
      else await assignments.assign(sessionId, userId, role, a, ip)
      return view(eventId, a)
    },
  }
}
export type UnitEventService = ReturnType<typeof createUnitEventService>

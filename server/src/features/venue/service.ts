import type { InviteeCategory, VenueRecordDto } from '@openday/protocol'
import { INVITEE_CATEGORIES, NAMED_CATEGORIES, VENUE_FORMS } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { listAgenda, toAgendaDto } from '../agenda/service.ts'
import { eventVisibleTo } from '../events/access.ts'
import type { OpinionService } from '../opinions/service.ts'
import { listPhotos } from '../photos/service.ts'
import { findEventVisibility } from '../sessions/repository.ts'
import { isPublicEvent } from '../sessions/visibility.ts'

/**
 * The public record of a symposium or an observation (its archive and preview pages): the agenda or
 * route, who came by category — named only where the role makes the name public (deputies, members,
 * experts), citizens and journalists counted — the published opinions with their replies, the photos.
 */
export function createVenueService({ db, opinions }: { db: Db; opinions: OpinionService }) {
  return {
    async record(eventId: string, actor: Actor | null | undefined, now = new Date()): Promise<{ record: VenueRecordDto; public: boolean }> {
      const e = await findEventVisibility(db, eventId)
      if (!e || !(await eventVisibleTo(db, e, actor, now))) throw new AppError('NOT_FOUND', 'no such event')
      const ev = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { form: true } })
      if (!(VENUE_FORMS as readonly string[]).includes(ev.form)) throw new AppError('NOT_FOUND', 'only a symposium or an observation has this record')
      const came = await db.invitee.findMany({ where: { eventId, status: 'confirmed', checkedInAt: { not: null } }, select: { category: true, name: true }, orderBy: { checkedInAt: 'asc' } })
      const attendance = INVITEE_CATEGORIES.map((category: InviteeCategory) => {
        const of = came.filter((c) => c.category === category)
        return { category, count: of.length, names: NAMED_CATEGORIES.includes(category) ? of.map((c) => c.name) : [] }
      }).filter((a) => a.count > 0)
      const record: VenueRecordDto = {
        eventId, form: ev.form as VenueRecordDto['form'],
        agenda: (await listAgenda(db, eventId)).map(toAgendaDto),
        attendance,
        opinions: await opinions.publicList(eventId),
        photos: await listPhotos(db, eventId),
      }
      return { record, public: isPublicEvent(e, now) }
    },
  }
}
export type VenueService = ReturnType<typeof createVenueService>

import type { AgendaBody, AgendaItemDto } from '@openday/protocol'
import { wallTimeToInstant } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import type { AttendanceService } from '../attendance/service.ts'

type Row = { id: string; startsAt: Date; endsAt: Date | null; title: string; place: string; speaker: string }
export const toAgendaDto = (r: Row): AgendaItemDto => ({
  id: r.id, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt?.toISOString() ?? null, title: r.title, place: r.place, speaker: r.speaker,
})
export const listAgenda = (c: Db | Tx, eventId: string) => c.agendaItem.findMany({ where: { eventId }, orderBy: [{ position: 'asc' }] })

/** An item may start the day before (a gathering) but not stray from the event's days. */
const SLACK_MS = 86_400_000

/**
 * The agenda of a symposium (议程) or the route of an observation (路线): the lead unit (or the admin)
 * saves the whole list at once, kept in time order; the event's people and, once the event is
 * public, everyone read it. Times are wall times in the office's zone.
 */
export function createAgendaService({ db, attendance, timeZone }: { db: Db; attendance: AttendanceService; timeZone: string }) {
  const WHAT = 'an agenda or a route'
  return {
    async list(eventId: string, actor: Actor): Promise<AgendaItemDto[]> {
      await attendance.venue(eventId, actor, { what: WHAT })
      return (await listAgenda(db, eventId)).map(toAgendaDto)
    },

    async save(eventId: string, body: z.output<typeof AgendaBody>, actor: Actor, ip: string | null): Promise<AgendaItemDto[]> {
      const { e } = await attendance.venue(eventId, actor, { what: WHAT, manage: true })
      const items = body.items.map((it, i) => {
        const startsAt = wallTimeToInstant(it.startsAt, timeZone)
        const endsAt = it.endsAt ? wallTimeToInstant(it.endsAt, timeZone) : null
        if (endsAt && endsAt <= startsAt) throw new AppError('BAD_REQUEST', `items.${i}.endsAt: an item ends after it starts`)
        if (startsAt.getTime() < e.startsAt.getTime() - SLACK_MS || startsAt.getTime() > e.endsAt.getTime() + SLACK_MS) {
          throw new AppError('BAD_REQUEST', `items.${i}.startsAt: outside the event's day`)
        }
        return { ...it, startsAt, endsAt }
      }).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      return inTransaction(db, async (tx) => {
        await tx.agendaItem.deleteMany({ where: { eventId } })
        await tx.agendaItem.createMany({ data: items.map((it, position) => ({ eventId, position, ...it })) })
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'agenda.save', targetType: 'event', targetId: eventId, detail: { items: items.length }, ip })
        return (await listAgenda(tx, eventId)).map(toAgendaDto)
      })
    },
  }
}
export type AgendaService = ReturnType<typeof createAgendaService>

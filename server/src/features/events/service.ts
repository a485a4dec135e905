import type { EventDto, EventPreviewDto, YearEventDto } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import { toEventDto } from '../sessions/dto.ts'
import * as sessions from '../sessions/repository.ts'
import { eventVisibleTo } from './access.ts'
import { toPreviewDto, toYearDto } from './dto.ts'
import * as repo from './repository.ts'

export interface EventDeps { db: Db; hotlineNumber: string }

/** The public side of events: the preview page and the year's list (protocol/src/previews.ts). */
export function createEventService({ db, hotlineNumber }: EventDeps) {
  return {
    /** Public events of every year, newest first: the original GET /api/events contract. */
    async publicEvents(): Promise<EventDto[]> {
      return (await sessions.listEvents(db)).map(toEventDto)
    },

    async year(year: number, now = new Date()): Promise<YearEventDto[]> {
      return (await repo.listYear(db, year)).map((e) => toYearDto(e, now))
    },

    /** The preview page; before its opening only for insiders, and as missing to everyone else. */
    async preview(eventId: string, actor: Actor | null | undefined, now = new Date()): Promise<EventPreviewDto> {
      const e = await repo.findEvent(db, eventId)
      if (!e || !(await eventVisibleTo(db, e, actor, now))) throw new AppError('NOT_FOUND', 'no such event')
      return toPreviewDto(e, hotlineNumber, now)
    },
  }
}
export type EventService = ReturnType<typeof createEventService>

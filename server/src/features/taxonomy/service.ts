import type { AppealTypeBody, AppealTypeDto, CalendarDayBody, CalendarDayDto, DomainBody, DomainDto, TaxonomyDto, UnitOptionDto } from '@openday/protocol'
import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { toAppealTypeDto, toCalendarDayDto, toDomainDto, toUnitOptionDto } from './dto.ts'
import * as repo from './repository.ts'

type Domain = z.output<typeof DomainBody>
type AppealType = z.output<typeof AppealTypeBody>
type CalendarDay = z.output<typeof CalendarDayBody>

/**
 * A stable code for a row the admin adds: from the English name when it gives a free one (so
 * exports and reports read well), else random. Codes never change after creation.
 */
async function newCode(nameEn: string | undefined, taken: (code: string) => Promise<boolean>): Promise<string> {
  const slug = (nameEn ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30)
  if (slug && !(await taken(slug))) return slug
  return `custom_${randomBytes(4).toString('hex')}`
}

/** Two admins adding the same English name at the same moment: one of them is told to retry. */
async function unique<T>(p: Promise<T>): Promise<T> {
  try {
    return await p
  } catch (err) {
    if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'a row with this code was just created; try again')
    throw err
  }
}

const fields = (b: Domain) => ({ name: b.name, nameEn: b.nameEn || null, sortOrder: b.sortOrder, active: b.active })

/** The hotline's taxonomy, the working-day calendar and the unit list: data the admin keeps. */
export function createTaxonomyService(db: Db) {
  const record = (actor: Actor, action: string, targetType: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(db, { actorId: actor.id, actorRole: actor.role, action, targetType, targetId, detail })

  return {
    async taxonomy(): Promise<TaxonomyDto> {
      const [domains, types] = await Promise.all([repo.listDomains(db), repo.listAppealTypes(db)])
      return { domains: domains.map(toDomainDto), appealTypes: types.map(toAppealTypeDto) }
    },

    async createDomain(body: Domain, actor: Actor): Promise<DomainDto> {
      const row = await unique(repo.createDomain(db, { code: await newCode(body.nameEn, (c) => repo.domainCodeTaken(db, c)), ...fields(body) }))
      await record(actor, 'hotline.domain.create', 'hotline_domain', row.id, { code: row.code, name: row.name })
      return toDomainDto(row)
    },

    /** Renames, reorders or (de)activates; a deactivated domain stays on the calls that use it. */
    async updateDomain(id: string, body: Domain, actor: Actor): Promise<DomainDto> {
      if (!(await repo.findDomain(db, id))) throw new AppError('NOT_FOUND', 'no such domain')
      const row = await repo.updateDomain(db, id, fields(body))
      await record(actor, 'hotline.domain.update', 'hotline_domain', id, fields(body))
      return toDomainDto(row)
    },

    async createAppealType(body: AppealType, actor: Actor): Promise<AppealTypeDto> {
      const row = await unique(repo.createAppealType(db, { code: await newCode(body.nameEn, (c) => repo.appealTypeCodeTaken(db, c)), ...fields(body), deadlineDays: body.deadlineDays }))
      await record(actor, 'hotline.appeal_type.create', 'appeal_type', row.id, { code: row.code, name: row.name, deadlineDays: row.deadlineDays })
      return toAppealTypeDto(row)
    },

    /** A new deadline applies to calls handed off from now on; existing work orders keep theirs. */
    async updateAppealType(id: string, body: AppealType, actor: Actor): Promise<AppealTypeDto> {
      if (!(await repo.findAppealType(db, id))) throw new AppError('NOT_FOUND', 'no such appeal type')
      const data = { ...fields(body), deadlineDays: body.deadlineDays }
      const row = await repo.updateAppealType(db, id, data)
      await record(actor, 'hotline.appeal_type.update', 'appeal_type', id, data)
      return toAppealTypeDto(row)
    },

    async calendar(): Promise<CalendarDayDto[]> {
      return (await repo.listCalendar(db)).map(toCalendarDayDto)
    },

    async putCalendarDay(date: string, body: CalendarDay, actor: Actor): Promise<CalendarDayDto> {
      if (body.date !== date) throw new AppError('BAD_REQUEST', 'the date in the body must be the date in the path')
      return inTransaction(db, async (tx) => {
        const row = await repo.upsertCalendarDay(tx, body)
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'calendar.put', targetType: 'calendar_day', targetId: date, detail: { kind: body.kind, name: body.name } })
        return toCalendarDayDto(row)
      })
    },

    async deleteCalendarDay(date: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (tx) => {
        const { count } = await repo.deleteCalendarDay(tx, date)
        if (count === 0) throw new AppError('NOT_FOUND', 'no calendar entry on this date')
        await audit.record(tx, { actorId: actor.id, actorRole: actor.role, action: 'calendar.delete', targetType: 'calendar_day', targetId: date })
      })
    },

    /** Every unit, deactivated ones marked: consoles label old hand-offs with them but offer only active ones. */
    async units(): Promise<UnitOptionDto[]> {
      return (await repo.listUnits(db)).map(toUnitOptionDto)
    },
  }
}
export type TaxonomyService = ReturnType<typeof createTaxonomyService>

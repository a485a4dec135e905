import type { MissingUnitDto, PlanYearDto, RemindBody, UnitNoticeDto, YearCreateBody, YearNoticeDto, YearUpdateBody } from '@openday/protocol'
import { wallTimeToInstant } from '@openday/protocol'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { toNoticeDto, toYearDto, toYearNoticeDto } from './dto.ts'
import * as repo from './repository.ts'

type Create = z.output<typeof YearCreateBody>
type Update = z.output<typeof YearUpdateBody>
type Remind = z.output<typeof RemindBody>

export interface YearDeps { db: Db; timeZone: string }

const yearExists = (year: number) => new AppError('CONFLICT', `year: ${year} is already open`)

/** The admin's years (months to fill, the proposal deadline, the notice), reminders, and the units' notices. */
export function createYearService({ db, timeZone }: YearDeps) {
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'plan_year', targetId, detail, ip })
  const need = async (c: Db | Tx, year: number) => {
    const y = await repo.find(c, year)
    if (!y) throw new AppError('NOT_FOUND', 'no such year')
    return y
  }

  return {
    async list(): Promise<PlanYearDto[]> {
      return (await repo.list(db)).map((y) => toYearDto(y, timeZone))
    },
    async notices(): Promise<YearNoticeDto[]> {
      return (await repo.list(db)).map((y) => toYearNoticeDto(y, timeZone))
    },
    async notice(year: number): Promise<YearNoticeDto> {
      return toYearNoticeDto(await need(db, year), timeZone)
    },

    async create(body: Create, actor: Actor, ip: string | null): Promise<PlanYearDto> {
      const data = { months: body.months.join(','), deadline: wallTimeToInstant(body.deadline, timeZone), notice: body.notice, previewDays: body.previewDays }
      try {
        return await inTransaction(db, async (tx) => {
          if (await repo.find(tx, body.year)) throw yearExists(body.year)
          const row = await repo.create(tx, body.year, data, actor.id)
          await record(tx, actor, ip, 'year.create', String(body.year), { ...data, deadline: body.deadline })
          return toYearDto(row, timeZone)
        })
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw yearExists(body.year)
        throw err
      }
    },

    /** Only the fields sent change. Months already chosen by proposals may be dropped: those proposals then need a new month to be submitted. */
    async update(year: number, body: Update, actor: Actor, ip: string | null): Promise<PlanYearDto> {
      return inTransaction(db, async (tx) => {
        const before = await need(tx, year)
        const data: Partial<repo.YearData> = {
          ...(body.months ? { months: body.months.join(',') } : {}),
          ...(body.deadline ? { deadline: wallTimeToInstant(body.deadline, timeZone) } : {}),
          ...(body.notice !== undefined ? { notice: body.notice } : {}),
          ...(body.previewDays !== undefined ? { previewDays: body.previewDays } : {}),
        }
        const row = await repo.update(tx, year, data)
        const detail = Object.fromEntries(Object.keys(data).map((k) => {
          const key = k as keyof repo.YearData
          const show = (v: unknown) => (v instanceof Date ? v.toISOString() : v)
          return [k, { from: show(before[key]), to: show(row[key]) }]
        }))
        await record(tx, actor, ip, 'year.update', String(year), detail)
        return toYearDto(row, timeZone)
      })
    },

    /** Active proposing units without any submission this year. */
    async missing(year: number): Promise<MissingUnitDto[]> {
      await need(db, year)
      const [units, done, drafts, reminded] = await Promise.all([
        repo.proposingUnits(db), repo.unitsWithSubmission(db, year), repo.draftCounts(db, year), repo.lastReminders(db, year),
      ])
      return units.filter((u) => !done.has(u.id)).map((u) => ({
        id: u.id, name: u.name, kind: u.kind, drafts: drafts.get(u.id) ?? 0, lastRemindedAt: reminded.get(u.id)?.toISOString() ?? null,
      }))
    },

    /** A reminder notice to the named units (each must still be missing), or to every missing unit. */
    async remind(year: number, body: Remind, actor: Actor, ip: string | null): Promise<{ reminded: number }> {
      const missing = await this.missing(year)
      const ids = new Set(missing.map((u) => u.id))
      if (body.unitIds) for (const id of body.unitIds) if (!ids.has(id)) throw new AppError('BAD_REQUEST', 'unitIds: a unit that is not missing a proposal')
      const targets = body.unitIds ? [...new Set(body.unitIds)] : [...ids]
      // No message: the unit's screen says what a reminder is in its own language.
      const message = body.message ?? ''
      return inTransaction(db, async (tx) => {
        await repo.addNotices(tx, targets.map((unitId) => ({ unitId, year, kind: 'reminder', message, createdById: actor.id })))
        await record(tx, actor, ip, 'year.remind', String(year), { unitIds: targets, message })
        return { reminded: targets.length }
      })
    },

    async unitNotices(actor: Actor): Promise<UnitNoticeDto[]> {
      if (!actor.unitId) return []
      return (await repo.unreadNotices(db, actor.unitId)).map(toNoticeDto)
    },

    /** An editor of the notice's unit dismisses it (for the whole unit); another unit's notice does not exist for them. */
    async readNotice(id: string, actor: Actor): Promise<UnitNoticeDto> {
      return inTransaction(db, async (tx) => {
        const n = await repo.findNotice(tx, id)
        if (!n || n.unitId !== actor.unitId) throw new AppError('NOT_FOUND', 'no such notice')
        return toNoticeDto(n.readAt ? n : await repo.markRead(tx, id, new Date()))
      })
    },
  }
}
export type YearService = ReturnType<typeof createYearService>

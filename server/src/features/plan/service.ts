import { HALF_DAY_TIMES, type PlanEntryCreateBody, type PlanEntryUpdateBody, type PlanGridDto, type PlanYearOptionDto } from '@openday/protocol'
import { createHash } from 'node:crypto'
import type { z } from 'zod'
import type { Db, Tx } from '../../db/client.ts'
import { inTransaction, isPrismaCode } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import { workCalendar, zonedDate, zonedTime } from '../../lib/workdays.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { planChanges } from './changes.ts'
import { findConflicts } from './conflicts.ts'
import { toEntryDto, toProposalDto, toRevisionDto } from './dto.ts'
import { planOps } from './ops.ts'
import * as repo from './repository.ts'

type Update = z.output<typeof PlanEntryUpdateBody>
type Create = z.output<typeof PlanEntryCreateBody>
type Client = Db | Tx

export const parseMonths = (s: string): number[] => s.split(',').map((m) => Number(m.trim())).filter((m) => Number.isInteger(m) && m >= 1 && m <= 12)

export async function requireYear(db: Client, year: number) {
  const y = await repo.findYear(db, year)
  if (!y) throw new AppError('NOT_FOUND', 'no such plan year')
  return y
}

/** Everything the grid, the conflicts and publishing read, in one consistent look. */
export async function loadGrid(db: Client, year: number, timeZone: string) {
  const y = await requireYear(db, year)
  const [entries, unplaced, days, events, revisions] = await Promise.all([
    repo.listEntries(db, year), repo.unplacedApproved(db, year), repo.calendarDays(db, year), repo.planEvents(db, year), repo.listRevisions(db, year),
  ])
  const months = parseMonths(y.months)
  const conflicts = findConflicts({
    months, timeZone, calendar: workCalendar(days), unplaced: unplaced.map((p) => ({ id: p.id, unitId: p.unitId })),
    entries: entries.map((e) => ({ id: e.id, proposalId: e.proposalId, month: e.month, startsAt: e.startsAt, leadUnitId: e.proposal.unitId, approved: e.proposal.status === 'approved' })),
  })
  // What publishing depends on: each entry as placed and its proposal as approved, and the unplaced.
  const state = createHash('sha256').update(JSON.stringify([
    entries.map((e) => [e.id, e.revision, e.month, e.startsAt?.getTime() ?? null, e.endsAt?.getTime() ?? null, e.proposalId, e.proposal.revision, e.proposal.status]),
    unplaced.map((p) => [p.id, p.revision]),
  ])).digest('hex').slice(0, 32)
  const ops = planOps(y, entries, events, timeZone)
  return { y, months, entries, unplaced, events, revisions, conflicts, state, ops }
}
export type Grid = Awaited<ReturnType<typeof loadGrid>>

export function toGridDto(g: Grid, timeZone: string): PlanGridDto {
  return {
    year: g.y.year, months: g.months, revision: g.y.revision, state: g.state,
    entries: g.entries.map((e) => toEntryDto(e, timeZone)),
    unplaced: g.unplaced.map(toProposalDto),
    conflicts: g.conflicts,
    changed: g.ops.count > 0,
    revisions: revisionSummaries(g.revisions),
  }
}

export function revisionSummaries(rows: Grid['revisions']) {
  return rows.map((r, i) => {
    const dto = toRevisionDto(r)
    return { number: r.number, note: r.note, publishedAt: dto.publishedAt, changes: planChanges(i > 0 ? toRevisionDto(rows[i - 1]!).snapshot : [], dto.snapshot) }
  })
}

/** The instant of a Beijing date and wall-clock time. */
function at(date: string, hm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = hm.split(':').map(Number) as [number, number]
  return zonedTime(y, m, d, hh, mm, 0, 0, timeZone)
}

export function createPlanService(deps: { db: Db; timeZone: string }) {
  const { db, timeZone } = deps
  const record = (tx: Tx, actor: Actor, ip: string | null, action: string, targetId: string, detail: Record<string, unknown>) =>
    audit.record(tx, { actorId: actor.id, actorRole: actor.role, action, targetType: 'plan_entry', targetId, detail, ip })
  const grid = async (client: Client, year: number) => toGridDto(await loadGrid(client, year, timeZone), timeZone)

  /** An entry of this year, at the revision the admin saw, whose event has not taken place. */
  async function editable(tx: Tx, year: number, id: string, revision: number) {
    const e = await repo.findEntry(tx, id)
    if (!e || e.year !== year) throw new AppError('NOT_FOUND', 'no such plan entry')
    if (e.revision !== revision) throw new AppError('CONFLICT', `revision: the entry was changed by someone else (now ${e.revision}); reload and try again`)
    const event = await tx.event.findUnique({ where: { proposalId: e.proposalId }, select: { id: true } })
    // A live or past event is history: it is not moved or cancelled by editing the plan.
    if (event && (await repo.startedSessions(tx, event.id)) > 0) throw new AppError('CONFLICT', 'the event of this entry has already gone live; it cannot be moved or removed')
    return e
  }
  const stale = () => new AppError('CONFLICT', 'revision: the entry was changed by someone else; reload and try again')

  return {
    async years(): Promise<PlanYearOptionDto[]> {
      return (await repo.listYears(db)).map((y) => ({ year: y.year, months: parseMonths(y.months), revision: y.revision }))
    },

    grid: (year: number) => grid(db, year),

    async add(year: number, body: Create, actor: Actor, ip: string | null): Promise<PlanGridDto> {
      try {
        return await inTransaction(db, async (tx) => {
          const y = await requireYear(tx, year)
          const p = await repo.findProposal(tx, body.proposalId)
          if (!p || p.year !== year) throw new AppError('NOT_FOUND', 'no such proposal in this year')
          if (p.status !== 'approved') throw new AppError('CONFLICT', 'only approved proposals go into the plan')
          if (!parseMonths(y.months).includes(body.month)) throw new AppError('BAD_REQUEST', 'month: not one of the months of this year')
          if (await tx.planEntry.findUnique({ where: { proposalId: p.id } })) throw new AppError('CONFLICT', 'the proposal is already in the plan')
          const e = await repo.createEntry(tx, { year, proposalId: p.id, month: body.month })
          await record(tx, actor, ip, 'plan.entry.add', e.id, { year, proposalId: p.id, theme: p.theme, month: body.month })
          return grid(tx, year)
        })
      } catch (err) {
        if (isPrismaCode(err, 'P2002')) throw new AppError('CONFLICT', 'the proposal is already in the plan')
        throw err
      }
    },

    async update(year: number, id: string, body: Update, actor: Actor, ip: string | null): Promise<PlanGridDto> {
      return inTransaction(db, async (tx) => {
        const y = await requireYear(tx, year)
        const e = await editable(tx, year, id, body.revision)
        let month = body.month ?? e.month
        let startsAt = e.startsAt
        let endsAt = e.endsAt
        if (body.date) {
          const [dy, dm] = body.date.split('-').map(Number) as [number, number]
          if (dy !== year) throw new AppError('BAD_REQUEST', `date: not in ${year}`)
          if (body.month !== undefined && body.month !== dm) throw new AppError('BAD_REQUEST', 'date: not in the month named')
          month = dm
          const times = HALF_DAY_TIMES[e.proposal.halfDay === 'pm' ? 'pm' : 'am']
          const start = body.start ?? times.start
          const end = body.end ?? times.end
          if (start >= end) throw new AppError('BAD_REQUEST', 'end: must be after start')
          startsAt = at(body.date, start, timeZone)
          endsAt = at(body.date, end, timeZone)
        } else if (body.date === null || month !== e.month) {
          // A date belongs to its month: moving the entry leaves it to be dated again.
          startsAt = null
          endsAt = null
        }
        if (!parseMonths(y.months).includes(month)) throw new AppError('BAD_REQUEST', 'month: not one of the months of this year')
        if (startsAt && zonedDate(startsAt, timeZone).m !== month) throw new AppError('BAD_REQUEST', 'date: not in the month')
        const n = await repo.updateEntry(tx, id, body.revision, { month, startsAt, endsAt })
        if (n.count !== 1) throw stale()
        await record(tx, actor, ip, 'plan.entry.update', id, {
          year, proposalId: e.proposalId,
          from: { month: e.month, startsAt: e.startsAt?.toISOString() ?? null, endsAt: e.endsAt?.toISOString() ?? null },
          to: { month, startsAt: startsAt?.toISOString() ?? null, endsAt: endsAt?.toISOString() ?? null },
        })
        return grid(tx, year)
      })
    },

    async remove(year: number, id: string, revision: number, actor: Actor, ip: string | null): Promise<PlanGridDto> {
      return inTransaction(db, async (tx) => {
        const e = await editable(tx, year, id, revision)
        const n = await repo.deleteEntry(tx, id, revision)
        if (n.count !== 1) throw stale()
        await record(tx, actor, ip, 'plan.entry.remove', id, { year, proposalId: e.proposalId, theme: e.proposal.theme, month: e.month })
        return grid(tx, year)
      })
    },
  }
}
export type PlanService = ReturnType<typeof createPlanService>

import type { PlanPublishBody, PlanPublishResult, PlanRevisionDto, PublicPlanDto } from '@openday/protocol'
import type { z } from 'zod'
import type { Db } from '../../db/client.ts'
import { takeLock } from '../../db/lock.ts'
import { inTransaction } from '../../db/tx.ts'
import { AppError } from '../../lib/errors.ts'
import type { Actor } from '../auth/actor.ts'
import * as audit from '../audit/repository.ts'
import { blocking, warnings } from './conflicts.ts'
import { toRevisionDto, toSnapshot } from './dto.ts'
import * as repo from './repository.ts'
import { loadGrid, requireYear, revisionSummaries, toGridDto } from './service.ts'

type Publish = z.output<typeof PlanPublishBody>
/** Told the sessions of events just cancelled, after the commit: their public rooms close. */
export type CancelledListener = (sessionIds: string[]) => void

/**
 * Publishing: the grid becomes the year's events and a new plan revision, in one transaction.
 * Blocking conflicts (an entry without a date, a proposal no longer approved) refuse it; warnings
 * need `confirmWarnings`. A publish names the grid `state` it saw: a grid changed since is refused,
 * and a repeat of a publish already done (a double click) finds nothing to change and makes no revision.
 */
export function createPublishService(deps: { db: Db; timeZone: string }) {
  const { db, timeZone } = deps
  const listeners: CancelledListener[] = []

  return {
    onCancelled(l: CancelledListener) { listeners.push(l) },

    async publish(year: number, body: Publish, actor: Actor, ip: string | null): Promise<PlanPublishResult> {
      const { result, cancelledSessions } = await inTransaction(db, async (tx) => {
        // Two clicks (or two admins) publish one after the other, the second seeing the first's result.
        await takeLock(tx, `plan.${year}`)
        const g = await loadGrid(tx, year, timeZone)
        if (g.state !== body.state) throw new AppError('CONFLICT', 'state: the plan changed since you loaded it; review it and publish again')
        if (g.y.revision > 0 && g.ops.count === 0) {
          return { result: { number: g.y.revision, created: false, grid: toGridDto(g, timeZone) }, cancelledSessions: [] }
        }
        if (g.ops.count === 0) throw new AppError('CONFLICT', 'the plan has no dated entries to publish')
        const block = blocking(g.conflicts)
        if (block.length) throw new AppError('CONFLICT', `blocking conflicts: ${[...new Set(block.map((c) => c.kind))].join(', ')}`)
        const warn = warnings(g.conflicts)
        if (warn.length && !body.confirmWarnings) throw new AppError('CONFLICT', `confirmWarnings: ${warn.length} warning(s) (${[...new Set(warn.map((c) => c.kind))].join(', ')}) must be confirmed`)
        if (g.y.revision > 0 && !body.note) throw new AppError('BAD_REQUEST', 'note: say what changed (required after the first publication)')
        // A live or past event is history: the plan does not move or cancel it behind its staff's back.
        if (g.ops.locked.length) throw new AppError('CONFLICT', `already live or held, not changed: ${g.ops.locked.map((e) => e.theme).join(', ')}`)

        const now = new Date()
        for (const c of g.ops.creates) await repo.createEvent(tx, c.proposalId, c.data)
        for (const u of g.ops.updates) await repo.updateEvent(tx, u.eventId, u.data, u.reopen)
        for (const c of g.ops.cancels) await repo.cancelEvent(tx, c.id, now)
        const snapshot = toSnapshot(await repo.planEvents(tx, year))
        const number = g.y.revision + 1
        await repo.createRevision(tx, { year, number, note: body.note, snapshot: JSON.stringify(snapshot), publishedAt: now, publishedById: actor.id })
        await repo.setYearRevision(tx, year, number)
        await audit.record(tx, {
          actorId: actor.id, actorRole: actor.role, action: 'plan.publish', targetType: 'plan_year', targetId: String(year), ip,
          detail: {
            number, note: body.note, created: g.ops.creates.length, updated: g.ops.updates.filter((u) => !u.reopen).length,
            reopened: g.ops.updates.filter((u) => u.reopen).length, cancelled: g.ops.cancels.map((c) => c.id), warnings: warn.map((c) => c.kind),
          },
        })
        const after = await loadGrid(tx, year, timeZone)
        return { result: { number, created: true, grid: toGridDto(after, timeZone) }, cancelledSessions: g.ops.cancels.flatMap((c) => c.sessions.map((s) => s.id)) }
      })
      if (cancelledSessions.length) for (const l of listeners) l(cancelledSessions)
      return result
    },

    /** The public plan: the current revision and the history; nothing before the first publication. */
    async current(year: number): Promise<PublicPlanDto> {
      const y = await repo.findYear(db, year)
      if (!y || y.revision === 0) throw new AppError('NOT_FOUND', 'no published plan for this year')
      const rows = (await repo.listRevisions(db, year)).filter((r) => r.number <= y.revision)
      const cur = rows.find((r) => r.number === y.revision)
      if (!cur) throw new AppError('NOT_FOUND', 'no published plan for this year')
      return { year, current: toRevisionDto(cur), revisions: revisionSummaries(rows) }
    },

    async revision(year: number, n: number): Promise<PlanRevisionDto> {
      const y = await requireYear(db, year).catch(() => null)
      const r = y && n <= y.revision ? await repo.findRevision(db, year, n) : null
      if (!r) throw new AppError('NOT_FOUND', 'no such plan revision')
      return toRevisionDto(r)
    },
  }
}
export type PublishService = ReturnType<typeof createPublishService>

import type { AuditActorDto, AuditEntryDto, AuditPageDto, AuditQuery, Role } from '@openday/protocol'
import type { Db } from '../../db/client.ts'
import { AppError } from '../../lib/errors.ts'
import { zonedTime } from '../../lib/workdays.ts'
import * as repo from './repository.ts'

/** The instant a calendar day (YYYY-MM-DD) begins in the zone; `plusDays` 1 gives the next day's start. */
function dayStart(ymd: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number]
  return zonedTime(y, m, d + plusDays, 0, 0, 0, 0, timeZone)
}

function encodeCursor(c: repo.AuditCursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString('base64url')
}

function decodeCursor(s: string): repo.AuditCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[]
    const date = typeof at === 'string' ? new Date(at) : null
    if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && id.length > 0 && id.length <= 64) return { at: date, id }
  } catch {
    // falls through to the refusal
  }
  throw new AppError('BAD_REQUEST', 'cursor: invalid cursor')
}

function parseDetail(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

const toActor = (u: { id: string; username: string; displayName: string; role: string }): AuditActorDto =>
  ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role })

/**
 * The admin reads the audit log: newest first, a page at a time. Days in the filter are the
 * office's days (config TIMEZONE): "from 5 May" starts at 00:00 Beijing time on 5 May whatever
 * zone the server runs in.
 */
export function createAuditService({ db, timeZone }: { db: Db; timeZone: string }) {
  /**
   * Up to `take` rows after the cursor that match. The prefix goes to the database as LIKE, where
   * "_" matches any one character (SQLite has no escape for it without an ESCAPE clause Prisma
   * does not write): rows that only the wildcard let in are dropped here, and the query goes on
   * after the last row it read until enough real matches are found.
   */
  async function matching(where: repo.AuditWhere, cursor: repo.AuditCursor | null, take: number) {
    const prefix = where.actionPrefix
    const out: Awaited<ReturnType<typeof repo.listPage>> = []
    for (let after = cursor; ;) {
      const batch = await repo.listPage(db, where, after, take)
      out.push(...(prefix ? batch.filter((r) => r.action.startsWith(prefix)) : batch))
      const last = batch[batch.length - 1]
      if (out.length >= take || batch.length < take || !last) return out.slice(0, take)
      after = { at: last.at, id: last.id }
    }
  }

  return {
    async page(q: AuditQuery): Promise<AuditPageDto> {
      const where: repo.AuditWhere = {
        actorId: q.actorId, actionPrefix: q.action, targetType: q.targetType, targetId: q.targetId,
        from: q.from ? dayStart(q.from, timeZone) : undefined,
        until: q.to ? dayStart(q.to, timeZone, 1) : undefined,
      }
      const rows = await matching(where, q.cursor ? decodeCursor(q.cursor) : null, q.size + 1)
      const page = rows.slice(0, q.size)
      const ids = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))]
      const actors = new Map((await repo.findActors(db, ids)).map((u) => [u.id, toActor(u)]))
      const last = page[page.length - 1]
      return {
        items: page.map((r): AuditEntryDto => ({
          id: r.id, at: r.at.toISOString(), actor: (r.actorId && actors.get(r.actorId)) || null, actorRole: r.actorRole,
          action: r.action, targetType: r.targetType, targetId: r.targetId, detail: parseDetail(r.detail), ip: r.ip,
        })),
        nextCursor: rows.length > q.size && last ? encodeCursor(last) : null,
      }
    },

    async actors(): Promise<AuditActorDto[]> {
      const users = await repo.findActors(db, await repo.actorIds(db))
      return users.map(toActor).sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.id.localeCompare(b.id))
    },
  }
}
export type AuditService = ReturnType<typeof createAuditService>

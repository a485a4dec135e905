import type { Db } from '../../db/client.ts'
import { zonedDate, zonedTime } from '../../lib/workdays.ts'
import { type Actor, isSessionStaff } from '../auth/actor.ts'

/**
 * Who may see an event and its sessions. The one rule, used by every path that shows or accepts
 * anything of a session (REST, socket commands, media and upload files, the archive, lists):
 *
 *   an event is public when it is published (or done), or when it is planned and its preview has
 *   opened: 00:00 Beijing time of the day `previewDays` days before the event's Beijing date. A
 *   cancelled or draft event is never public. Otherwise only the session's staff and the admin see it.
 *
 * A session that is not visible answers exactly as one that does not exist (same code, same
 * message), so the public cannot even learn that a draft or planned event has sessions.
 */
export const PUBLIC_EVENT_STATUSES = ['published', 'done'] as const

/** The office's zone: the plan is a Beijing document, whatever zone the server runs in (year contract). */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai'

/**
 * A longer lead would make the list filter's OR grow (one branch per value); no year plans
 * previews a quarter ahead, and the pure rule clamps the same way so both always agree.
 */
export const MAX_PREVIEW_DAYS = 90

/** What deciding an event's visibility needs. */
export interface EventVisibility { status: string; startsAt: Date; previewDays: number }

const clampDays = (d: number) => Math.min(MAX_PREVIEW_DAYS, Math.max(0, Math.trunc(Number.isFinite(d) ? d : 0)))

/** 00:00 in the office's zone of the day `days` after the Beijing date of `at` (negative: before). */
function startOfOfficeDay(at: Date, days: number): Date {
  const { y, m, d } = zonedDate(at, OFFICE_TIME_ZONE)
  // Date.UTC carries a day past the month's end (or before its start) into the right month.
  const day = new Date(Date.UTC(y, m - 1, d + days))
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), 0, 0, 0, 0, OFFICE_TIME_ZONE)
}

/** When a planned event's page and sessions open to the public (预告). */
export function previewOpensAt(event: { startsAt: Date; previewDays: number }): Date {
  return startOfOfficeDay(event.startsAt, -clampDays(event.previewDays))
}

export function isPublicEvent(event: EventVisibility, now: Date = new Date()): boolean {
  if ((PUBLIC_EVENT_STATUSES as readonly string[]).includes(event.status)) return true
  return event.status === 'planned' && now.getTime() >= previewOpensAt(event).getTime()
}

/** The rule itself, for callers that already know whether the viewer is staff of the session. */
export const mayView = (event: EventVisibility, staff: boolean, now: Date = new Date()): boolean => staff || isPublicEvent(event, now)

/**
 * A Prisma filter on Event: events everyone may see at `now`. A planned event is open when its
 * Beijing date is at most previewDays days after today's, i.e. it starts before 00:00 of the day
 * previewDays + 1 days after today; one branch per possible previewDays keeps it a plain index-able filter.
 */
export function publicEventWhere(now: Date = new Date()) {
  const planned = Array.from({ length: MAX_PREVIEW_DAYS + 1 }, (_, days) => ({
    previewDays: days === MAX_PREVIEW_DAYS ? { gte: days } : days === 0 ? { lte: 0 } : days,
    startsAt: { lt: startOfOfficeDay(now, days + 1) },
  }))
  return { OR: [{ status: { in: [...PUBLIC_EVENT_STATUSES] } }, { status: 'planned', OR: planned }] }
}

/** A Prisma filter on Session: sessions everyone may see at `now` (lists that are the same for everyone). */
export const publicSessionWhere = (now: Date = new Date()) => ({ event: publicEventWhere(now) })

/** The select that gives visibleTo/viewerOf what they need of a session's event. */
export const eventVisibilitySelect = { status: true, startsAt: true, previewDays: true } as const

/**
 * Whether this viewer may see the session. The staff lookup runs only for sessions of events not
 * public yet, so public paths pay nothing for it.
 */
export async function visibleTo(db: Db, session: { id: string; event: EventVisibility }, actor: Actor | null | undefined, now: Date = new Date()): Promise<boolean> {
  if (isPublicEvent(session.event, now)) return true
  return isSessionStaff(db, actor, session.id)
}

/** Whether this viewer is staff of the session, or null when they may not see it (or it does not exist). */
export async function viewerOf(db: Db, session: { id: string; event: EventVisibility } | null, actor: Actor | null | undefined, now: Date = new Date()): Promise<{ staff: boolean } | null> {
  if (!session) return null
  const staff = await isSessionStaff(db, actor, session.id)
  return mayView(session.event, staff, now) ? { staff } : null
}

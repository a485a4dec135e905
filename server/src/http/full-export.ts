import type { Request } from 'express'
import { z } from 'zod'
import { AppError } from '../lib/errors.ts'
import type { KeyedLimiter } from '../lib/ratelimit.ts'

// Full exports (callers' names and numbers in clear: hotline calls, work orders) are POSTs, so they
// pass csrfGuard (custom header, Origin) like every other change, and the client saves the file
// the POST answers. Chosen over a POST that makes a one-time token for a download GET: no bearer
// secret in URLs (request logs, browser history), no token store that several server processes
// would have to share, and a refusal (allowance used up, rows added meanwhile) comes back to the
// page as a JSON error it shows in place, instead of a navigation landing on one. A few hundred
// rows are a small file to hold in memory.

/** The allowances of names and numbers in clear, per person (app.ts; config.ts says why the defaults). */
export interface RevealLimits {
  /** One by one: the reveal of a call. */
  reveals: KeyedLimiter
  /** By the row: every row of a full export. */
  exportRows: KeyedLimiter
}

const FullQuery = z.object({ full: z.enum(['0', '1']).optional() })

/**
 * The masked exports are plain GETs (a link); a GET that asks for names and numbers in clear is
 * refused. A GET is what a link on another site makes the admin's browser send, cookie included
 * (SameSite=Lax lets top-level navigations through), so a full export must never answer one. Refused
 * rather than answered masked: the masked file would still land on the admin's disk from someone
 * else's link, and a stale bookmark or client would get a different file than it asked for without
 * noticing; the refusal says where full exports are made.
 */
export function refuseFullGet(req: Request): void {
  if (FullQuery.parse(req.query).full === '1') {
    throw new AppError('FORBIDDEN', 'full exports are made with a POST carrying the CSRF header (the export buttons of the console), never by a link')
  }
}

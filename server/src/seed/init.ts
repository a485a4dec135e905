// A new office's empty database, ready for the UI: the default hotline taxonomy and the working-day
// calendar (both edited later from /admin/hotline), the seed's bonus journals (/admin/journals), and
// the first administrator, with a one-time password that init-cli.ts (`npm run db:init -- <username>`)
// prints once. Everything else (units,
// accounts, the year, the plan) is done from the UI. Refuses when an administrator exists, so it
// can never reset one behind the audit log's back.
import type { Db } from '../db/client.ts'
import { oneTimePassword } from '../features/accounts/password.ts'
import { record } from '../features/audit/repository.ts'
import { hashPassword } from '../features/auth/service.ts'
import { ensureDefaultJournals } from '../features/publicity/repository.ts'
import { seedCalendar } from './calendar.ts'
import { ensureHotlineTaxonomy } from './taxonomy.ts'

/** Creates the first admin (must change the password at first login); null when an admin exists. */
export async function initOffice(db: Db, opts: { username: string; displayName: string; password?: string }): Promise<{ password: string } | null> {
  if (await db.user.findFirst({ where: { role: 'admin' } })) return null
  await ensureHotlineTaxonomy(db)
  // The calendar is the admin's once it exists: only an empty one gets the defaults.
  if ((await db.calendarDay.count()) === 0) await seedCalendar(db)
  await ensureDefaultJournals(db)
  const password = opts.password ?? oneTimePassword()
  await db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: {
      username: opts.username, displayName: opts.displayName, role: 'admin', passwordHash: await hashPassword(password), mustChangePassword: true,
    } })
    await record(tx, { actorId: null, actorRole: 'system', action: 'account.create', targetType: 'user', targetId: user.id, detail: { username: user.username, role: 'admin', by: 'db:init' } })
  })
  return { password }
}

import type { StaffUserDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { initOffice } from '../src/seed/init.ts'
import { type Harness, login, startServer } from './harness.ts'

// Issue 11: an office starts from an empty database. `npm run db:init` makes only what the UI
// cannot make for itself — the first administrator, who must replace the one-time password.

let h: Harness
const otp = 'ABCD-EFGH-JKMN-PQRS'
beforeAll(async () => { h = await startServer({}, undefined, undefined, { seed: { empty: { username: 'office', password: otp } } }) })
afterAll(async () => { await h?.close() })

describe('an empty office', () => {
  it('has one administrator, no units, events or years; the default taxonomy and calendar', async () => {
    const db = h.app.db
    expect(await db.user.findMany({ select: { username: true, role: true, mustChangePassword: true } })).toEqual([{ username: 'office', role: 'admin', mustChangePassword: true }])
    expect([await db.unit.count(), await db.event.count(), await db.session.count(), await db.planYear.count()]).toEqual([0, 0, 0, 0])
    expect(await db.hotlineDomain.count()).toBeGreaterThan(0)
    expect(await db.calendarDay.count()).toBeGreaterThan(0)
    const audit = await db.auditLog.findMany({ where: { action: 'account.create' } })
    expect(audit.map((a) => [a.actorRole, JSON.parse(a.detail).by])).toEqual([['system', 'db:init']])
  })

  it('the first login must change the one-time password before anything else', async () => {
    const cookie = await login(h.url, 'office', otp)
    const me = (await (await fetch(`${h.url}/api/auth/me`, { headers: { cookie } })).json()) as StaffUserDto & { mustChangePassword?: boolean }
    expect(me.mustChangePassword).toBe(true)
    const units = await fetch(`${h.url}/api/admin/units`, { headers: { cookie } })
    expect(units.status).toBe(403)
  })

  it('a second run creates nothing and resets nobody', async () => {
    const before = await h.app.db.user.findFirstOrThrow({ where: { username: 'office' } })
    expect(await initOffice(h.app.db, { username: 'another', displayName: 'x', password: 'whatever-123456' })).toBeNull()
    expect(await h.app.db.user.count()).toBe(1)
    expect((await h.app.db.user.findFirstOrThrow({ where: { username: 'office' } })).passwordHash).toBe(before.passwordHash)
  })
})

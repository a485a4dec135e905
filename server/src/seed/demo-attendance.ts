import type { InviteeCategory } from '@openday/protocol'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { createCodeSigner } from '../features/attendance/codes.ts'
import { createAttendanceService, type AttendanceService } from '../features/attendance/service.ts'
import type { DataCipher } from '../lib/crypto.ts'

// The demo's invitees, through the real service: every symposium and observation of the plan has
// a list by category; the held ones were checked in; the coming ones take citizens' sign-ups.

const PEOPLE: [InviteeCategory, string, string, string | undefined][] = [
  ['npc_deputy', '刘建华', '市人大代表', '13807460001'],
  ['cppcc_member', '陈晓梅', '市政协委员', '13807460002'],
  ['expert', '周立新', '湖南科技学院教授', undefined],
  ['citizen', '王桂英', '社区居民', '13807460004'],
  ['citizen', '李国强', '个体工商户', '13807460005'],
  ['media', '赵敏', '永州日报记者', undefined],
]

export async function seedDemoAttendance(d: { db: Db; now: Date; cipher: DataCipher; timeZone: string; editors: Map<string, Actor>; admin: Actor }): Promise<AttendanceService> {
  const att = createAttendanceService({ db: d.db, cipher: d.cipher, codes: createCodeSigner(Buffer.alloc(32, 3)), timeZone: d.timeZone, publicUrl: 'http://localhost:3000', now: () => d.now })
  const events = await d.db.event.findMany({ where: { form: { in: ['symposium', 'observation'] } }, include: { hostUnits: true }, orderBy: { startsAt: 'asc' } })
  for (const ev of events) {
    const lead = ev.hostUnits.find((h) => h.role === 'lead')
    const editor = [...d.editors.values()].find((e) => e.unitId === lead?.unitId) ?? d.admin
    const added = []
    for (const [category, name, org, phone] of PEOPLE) added.push(await att.add(ev.id, { category, name, org, ...(phone ? { phone } : {}) }, editor, null))
    if (ev.endsAt < d.now) {
      // Held: most came, checked in at the start. Written directly: the service refuses check-ins
      // a day after an event, which is the point of it, and these events are long over.
      for (const i of added.slice(0, 5)) await d.db.invitee.update({ where: { id: i.id }, data: { checkedInAt: ev.startsAt, checkedInById: editor.id } })
    } else {
      await att.saveSettings(ev.id, { signupOpen: true, signupDeadline: null, capacity: 30 }, editor, null)
    }
  }
  return att
}

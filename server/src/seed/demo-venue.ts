// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- pngjs ships no types (@types/pngjs is not in the mirror); every compile of this file (the bench's too) must see them
/// <reference path="./pngjs.d.ts" />
import { instantToWallTime, wallTimeToInstant } from '@openday/protocol'
import { PNG } from 'pngjs'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { createAgendaService } from '../features/agenda/service.ts'
import type { AttendanceService } from '../features/attendance/service.ts'
import { createOpinionService } from '../features/opinions/service.ts'
import { createPhotoService } from '../features/photos/service.ts'
import { createReplyService } from '../features/replies/service.ts'
import { createUploadService } from '../features/uploads/service.ts'
import type { SensitiveFilter } from '../lib/sensitive.ts'

// The day of each held symposium and observation, through the real services: its agenda or
// route, what the deputies, experts and citizens said (one assigned to a unit and answered in
// writing), and two photos of the day (drawn here: the demo ships no pictures).

const MIN = 60_000
const DAY = 86_400_000
/** A symposium two days ahead, open to sign-up: the door, the feedback form and the sign-up to try. */
export const DEMO_SYMPOSIUM = 'demo-symposium'

export async function createComingSymposium(db: Db, d: { now: Date; timeZone: string; lead: string; joint: string; moderatorId: string }): Promise<void> {
  // 14:30 in Beijing, two days from today there, whatever the machine's zone.
  const start = wallTimeToInstant(`${instantToWallTime(new Date(d.now.getTime() + 2 * DAY), d.timeZone).slice(0, 10)}T14:30`, d.timeZone)
  const w = instantToWallTime(start, d.timeZone)
  await db.event.create({ data: {
    id: `${DEMO_SYMPOSIUM}-event`, year: Number(w.slice(0, 4)), month: Number(w.slice(5, 7)), theme: '稳岗就业政策企业群众座谈会', form: 'symposium', status: 'published',
    startsAt: start, endsAt: new Date(start.getTime() + 2 * 60 * MIN), location: '市人社局三楼会议室', summary: '邀请人大代表、政协委员、专家学者、企业和群众代表，面对面听取对稳岗就业政策的意见建议。',
    signup: '在本页网上报名，承办单位确认后电话通知。',
    hostUnits: { create: [{ unitId: d.lead, role: 'lead' }, { unitId: d.joint, role: 'joint' }] },
    sessions: { create: [{ id: DEMO_SYMPOSIUM, kind: 'symposium', title: '稳岗就业政策座谈', scheduledStart: start, scheduledEnd: new Date(start.getTime() + 2 * 60 * MIN),
      staff: { create: [{ userId: d.moderatorId, role: 'moderator' }] } }] },
  } })
}
const SAID: [string, string][] = [
  ['npc_deputy', '建议把群众反映集中的问题列出清单，逐项明确责任单位和完成时限，定期向社会公开进展。'],
  ['expert', '政策出台前多听取基层意见，解读材料要通俗易懂，方便群众了解“怎么办、到哪办”。'],
  ['citizen', '希望窗口单位延长周末服务时间，方便上班族办事。'],
]

/** A 640×360 picture of a meeting: a table, people around it, a banner. Plain colours, a few shapes. */
export function demoPhoto(variant: number): Buffer {
  const png = new PNG({ width: 640, height: 360 })
  const paint = (x0: number, y0: number, w: number, h: number, [r, g, b]: [number, number, number], round = false) => {
    for (let y = Math.max(0, y0); y < Math.min(360, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(640, x0 + w); x++) {
        if (round) { const dx = (x - x0 - w / 2) / (w / 2); const dy = (y - y0 - h / 2) / (h / 2); if (dx * dx + dy * dy > 1) continue }
        const i = (y * 640 + x) * 4
        png.data[i] = r; png.data[i + 1] = g; png.data[i + 2] = b; png.data[i + 3] = 255
      }
    }
  }
  paint(0, 0, 640, 360, variant ? [226, 232, 240] : [241, 236, 224])
  paint(60, 30, 520, 50, [185, 28, 28])
  paint(120, 210, 400, 60, [120, 85, 60])
  for (let k = 0; k < 6; k++) {
    const x = 140 + k * 62
    paint(x, 150, 36, 36, [60, 45, 40], true)
    paint(x - 6, 184, 48, 40, k % 2 ? [30, 58, 138] : [51, 65, 85])
  }
  return PNG.sync.write(png)
}

export async function seedDemoVenue(d: {
  db: Db; now: Date; timeZone: string; attendance: AttendanceService; filter: () => SensitiveFilter
  editors: Map<string, Actor>; admin: Actor; dataDir?: string | undefined
}): Promise<void> {
  const { db, now, timeZone, attendance } = d
  const agenda = createAgendaService({ db, attendance, timeZone })
  const opinions = createOpinionService({ db, attendance, filter: d.filter, timeZone, replyDefaults: { requireCheck: false, workingDays: 5 }, now: () => now })
  const replies = createReplyService({ db, defaults: { requireCheck: false, workingDays: 5 }, now: () => now })
  const photos = d.dataDir ? createPhotoService({ db, attendance, uploads: createUploadService(db, d.dataDir) }) : null
  const events = await db.event.findMany({ where: { form: { in: ['symposium', 'observation'] } }, include: { hostUnits: true }, orderBy: { startsAt: 'asc' } })
  const editorOf = (unitId: string | undefined) => [...d.editors.values()].find((e) => e.unitId === unitId)
  for (const [n, ev] of events.entries()) {
    const lead = ev.hostUnits.find((h) => h.role === 'lead')
    const editor = editorOf(lead?.unitId) ?? d.admin
    const at = (m: number) => instantToWallTime(new Date(ev.startsAt.getTime() + m * MIN), timeZone)
    const walk = ev.form === 'observation'
    await agenda.save(ev.id, { items: walk ? [
      { startsAt: at(0), endsAt: at(40), title: '参观政务服务大厅', place: '市民之家一楼', speaker: '大厅负责人' },
      { startsAt: at(40), endsAt: at(80), title: '体验“一件事一次办”', place: '综合窗口', speaker: '窗口工作人员' },
      { startsAt: at(80), endsAt: at(120), title: '交流座谈', place: '三楼会议室', speaker: '' },
    ] : [
      { startsAt: at(0), endsAt: at(20), title: '主持人介绍参会人员和议题', place: '', speaker: '' },
      { startsAt: at(20), endsAt: at(50), title: '通报工作情况', place: '', speaker: '单位负责人' },
      { startsAt: at(50), endsAt: at(110), title: '代表、委员和群众发言', place: '', speaker: '' },
      { startsAt: at(110), endsAt: at(120), title: '回应与总结', place: '', speaker: '单位负责人' },
    ] }, editor, null)
    if (ev.endsAt >= now) continue
    // Held: what was said, recorded by the unit; the deputy's suggestion answered in writing.
    const came = await db.invitee.findMany({ where: { eventId: ev.id, checkedInAt: { not: null } }, orderBy: { createdAt: 'asc' } })
    const recorded = []
    for (const [k, [category, body]] of SAID.entries()) {
      const who = came.find((i) => i.category === category)
      recorded.push(await opinions.record(ev.id, { clientId: `demo-op-${ev.id}-${k}`, inviteeId: who?.id ?? null, speaker: who ? '' : '与会群众', category: category as 'citizen', body }, editor))
    }
    const first = recorded[0]!
    await opinions.assign(ev.id, first.id, lead!.unitId, editor, null)
    const task = await db.replyTask.findUniqueOrThrow({ where: { opinionId: first.id } })
    const writer = editorOf(task.unitId ?? undefined)
    if (writer && n % 2 === 0) {
      const draft = await replies.save(task.id, { revision: task.revision, body: '感谢代表的建议。我们已将群众反映的问题列出清单，明确责任单位和时限，每季度在门户网站公开办理进展。' }, writer, null)
      await replies.publish(task.id, { revision: draft.revision, note: '' }, writer, null)
    }
    if (photos) {
      await photos.add(ev.id, demoPhoto(0), walk ? '参观政务服务大厅' : '座谈会现场', editor, null)
      await photos.add(ev.id, demoPhoto(1), walk ? '体验办事流程' : '代表委员发言', editor, null)
    }
  }
}

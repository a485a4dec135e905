import { instantToWallTime, wallTimeToInstant, type EventForm, type Role } from '@openday/protocol'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { hashPassword } from '../features/auth/service.ts'
import { createPlanService } from '../features/plan/service.ts'
import { createPublishService } from '../features/plan/publish.ts'
import { createProposalService } from '../features/proposals/service.ts'
import { createPublicityService } from '../features/publicity/service.ts'
import { createReplyService } from '../features/replies/service.ts'
import { createSummaryService } from '../features/summaries/service.ts'
import { createYearService } from '../features/years/service.ts'
import type { DataCipher } from '../lib/crypto.ts'

// The demo's year of theme days, made through the same services the admin's and the units' screens
// call: this year's plan (every month filled, the live-core demo sessions among its events, the
// past months held and archived, a second revision with its note), and next year open for
// proposals, with one in each state. Dates follow `now`, so the demo looks the same any day.

const DAY = 86_400_000

/** More units for the plan, each with a liaison editor (password = username + "-demo", as the others). */
export const YEAR_UNITS = [
  { code: 'jyj', name: '市教育局', kind: 'city_dept' },
  { code: 'wjw', name: '市卫生健康委员会', kind: 'city_dept' },
  { code: 'dhx', name: '东湖县人民政府', kind: 'county' },
  { code: 'jkq', name: '经济技术开发区管委会', kind: 'zone' },
] as const
export const YEAR_EDITORS = [
  { username: 'editor-zjj', unit: 'zjj', displayName: '住建局 联络员' },
  { username: 'editor-jyj', unit: 'jyj', displayName: '教育局 联络员' },
  { username: 'editor-wjw', unit: 'wjw', displayName: '卫健委 联络员' },
  { username: 'editor-dhx', unit: 'dhx', displayName: '东湖县 联络员' },
  { username: 'editor-jkq', unit: 'jkq', displayName: '开发区 联络员' },
] as const

/** A theme for each month the live-core demo leaves empty, in every form: [unit, form, theme, steps]. */
const THEMES: [string, EventForm, string, string][] = [
  ['jyj', 'text_interview', '“双减”政策落实情况在线访谈', '一、局长介绍“双减”落实情况\n二、回答网友提问\n三、会后书面答复'],
  ['wjw', 'press_release', '基本公共卫生服务项目新闻发布会', '一、发布今年服务项目清单\n二、记者和网友提问'],
  ['dhx', 'symposium', '乡村振兴政策企业群众座谈会', '一、邀请种植大户、合作社代表座谈\n二、现场解答并交办问题'],
  ['jkq', 'observation', '走进开发区政务服务中心', '一、市民代表参观“一站式”服务大厅\n二、体验企业开办全流程'],
  ['zjj', 'survey', '城市停车设施建设意见征集', '一、网上问卷征集停车难问题\n二、公布征集结果和采纳情况'],
  ['rsj', 'hotline', '局长接听12345 倾听社保诉求', '一、局长在热线中心接听来电\n二、来电诉求现场交办'],
  ['jyj', 'video_interview', '职业教育高质量发展视频访谈', '一、视频连线职业院校\n二、局长解读职业教育政策'],
  ['wjw', 'text_interview', '家庭医生签约服务在线访谈', '一、介绍家庭医生签约服务\n二、回答网友提问'],
  ['dhx', 'press_release', '东湖县营商环境改革新闻发布会', '一、发布改革举措\n二、答记者问'],
  ['zjj', 'observation', '走进老旧小区改造现场', '一、市民代表实地察看改造项目\n二、听取居民意见'],
  ['jkq', 'symposium', '开发区企业家座谈会', '一、企业代表反映诉求\n二、管委会现场答复'],
  ['rsj', 'survey', '技能人才培训需求调查', '一、网上问卷\n二、公布调查结果'],
]
const ASKING: readonly EventForm[] = ['text_interview', 'video_interview', 'press_release']

export interface DemoYearDeps {
  db: Db
  now: Date
  timeZone: string
  cipher: DataCipher
  units: Map<string, string>
  actors: Map<string, Actor>
  /** The live core's archived interview: its reply is published whatever else is left owed. */
  archivedSessionId: string
  /** Holds a session through the real services: a short record, questions, one answered, ended at `endAt`. */
  hold: (sessionId: string, asking: boolean, endAt: Date) => Promise<void>
}

export async function seedDemoYear(d: DemoYearDeps): Promise<void> {
  const { db, now, timeZone, cipher, units, actors } = d
  for (const u of YEAR_UNITS) units.set(u.code, (await db.unit.create({ data: { code: u.code, name: u.name, kind: u.kind } })).id)
  const editors = new Map<string, Actor>([['rsj', actors.get('editor')!]])
  for (const e of YEAR_EDITORS) {
    const role: Role = 'unit_editor'
    const row = await db.user.create({ data: { username: e.username, role, displayName: e.displayName, unitId: units.get(e.unit)!, passwordHash: await hashPassword(`${e.username}-demo`) } })
    editors.set(e.unit, { id: row.id, role, displayName: e.displayName, unitId: row.unitId })
  }
  const admin = actors.get('admin')!
  // Proposals are written "before the deadline": the service judges lateness by this clock.
  let clock = now
  const years = createYearService({ db, timeZone })
  const proposals = createProposalService({ db, cipher, timeZone, now: () => clock })
  const plan = createPlanService({ db, timeZone })
  const publish = createPublishService({ db, timeZone })
  const year = Number(instantToWallTime(now, timeZone).slice(0, 4))

  /** A proposal written, submitted and (unless told otherwise) approved, through the services. */
  const propose = async (unit: string, y: number, p: { theme: string; form: EventForm; month: number; halfDay: 'am' | 'pm'; steps: string; joint?: string[] }, upTo: 'draft' | 'submitted' | 'approved' = 'approved') => {
    const editor = editors.get(unit)!
    const draft = await proposals.create({ year: y }, editor)
    const saved = await proposals.save(draft.id, {
      revision: draft.revision, theme: p.theme, month: p.month, halfDay: p.halfDay, form: p.form, steps: p.steps,
      contacts: [{ name: `${editor.displayName.split(' ')[0]}联系人`, position: '办公室主任', phone: '0731-8888' + String(1000 + units.size).slice(-4), email: `${unit}@example.gov.cn` }],
      jointUnitIds: (p.joint ?? []).map((c) => units.get(c)!),
    }, editor)
    if (upTo === 'draft') return saved
    const sent = await proposals.submit(saved.id, { revision: saved.revision }, editor, null)
    if (upTo === 'submitted') return sent
    return proposals.decide(sent.id, { approve: true }, admin, null)
  }
  /** Places an approved proposal and dates it (Beijing wall times); resolves with the entry's start and end. */
  const place = async (proposalId: string, month: number, start: Date, end: Date) => {
    const g = await plan.add(year, { proposalId, month }, admin, null)
    const entry = g.entries.find((e) => e.proposalId === proposalId)!
    const [s, e] = [instantToWallTime(start, timeZone), instantToWallTime(end, timeZone)]
    // An event that runs past midnight is planned to the end of its day (the plan has one date).
    const endTime = e.slice(0, 10) === s.slice(0, 10) ? e.slice(11) : '23:59'
    await plan.update(year, entry.id, { revision: entry.revision, date: s.slice(0, 10), start: s.slice(11), end: endTime }, admin, null)
    return { startsAt: wallTimeToInstant(s, timeZone), endsAt: wallTimeToInstant(`${s.slice(0, 10)}T${endTime}`, timeZone) }
  }

  clock = new Date(Math.min(now.getTime() - 2 * DAY, Date.parse(`${year}-03-20T02:00:00Z`)))
  await years.create({ year, months: Array.from({ length: 12 }, (_, i) => i + 1), deadline: `${year}-03-31T17:30`, previewDays: 3,
    notice: `请各单位围绕群众关心关注的热点问题，于${year}年3月31日17:30前报送本单位政务公开主题日活动方案（主题、时间、形式、步骤、联系人）。` }, admin, null)

  // The live-core demo events of this year become plan entries: the plan is the one source of the year.
  const monthOf = (t: Date) => Number(instantToWallTime(t, timeZone).slice(5, 7))
  const existing = await db.event.findMany({ where: { proposalId: null }, include: { hostUnits: { include: { unit: true } } }, orderBy: { startsAt: 'asc' } })
  const filled = new Set<number>()
  for (const ev of existing) {
    if (Number(instantToWallTime(ev.startsAt, timeZone).slice(0, 4)) !== year) continue
    const lead = ev.hostUnits.find((h) => h.role === 'lead')!.unit.code
    const month = monthOf(ev.startsAt)
    const p = await propose(lead, year, { theme: ev.theme, form: ev.form as EventForm, month, halfDay: 'am', steps: ev.summary || ev.theme,
      joint: ev.hostUnits.filter((h) => h.role === 'joint').map((h) => h.unit.code) })
    const at = await place(p.id, month, ev.startsAt, ev.endsAt)
    // The event now is the entry's: same minute-exact times, so publishing finds nothing to change in it.
    await db.event.update({ where: { id: ev.id }, data: { proposalId: p.id, year, month, ...at } })
    filled.add(month)
  }
  // Every other month gets a theme of its own, on a working day in the middle of the month.
  const free = await workingDays(db, year)
  let n = 0
  for (let month = 1; month <= 12; month++) {
    if (filled.has(month)) continue
    const [unit, form, theme, steps] = THEMES[n++ % THEMES.length]!
    const day = free.find((x) => x.startsWith(`${year}-${String(month).padStart(2, '0')}-`) && Number(x.slice(8)) >= 12)!
    const halfDay = n % 2 ? 'am' : 'pm'
    const [s, e] = halfDay === 'am' ? ['09:30', '11:30'] : ['14:30', '16:30']
    const p = await propose(unit, year, { theme, form, month, halfDay, steps, joint: unit === 'rsj' && form === 'hotline' ? ['rx'] : [] })
    await place(p.id, month, wallTimeToInstant(`${day}T${s}`, timeZone), wallTimeToInstant(`${day}T${e}`, timeZone))
  }

  const grid = await plan.grid(year)
  await publish.publish(year, { state: grid.state, note: '', confirmWarnings: true }, admin, null)
  // Issued in April, after the units' proposals (the service stamps the publication "now").
  await db.planRevision.updateMany({ where: { year, number: 1 }, data: { publishedAt: new Date(Math.min(now.getTime() - DAY, Date.parse(`${year}-04-10T01:00:00Z`))) } })

  // The plan's past events were held: their sessions are archived, with questions answered.
  const made = await db.event.findMany({ where: { year, proposal: { isNot: null }, sessions: { every: { status: 'scheduled' } } }, include: { sessions: true } })
  for (const ev of made.filter((e) => e.endsAt < now)) {
    for (const s of ev.sessions) {
      await db.session.update({ where: { id: s.id }, data: { staff: { create: ['host', 'guest', 'moderator'].map((r) => ({ userId: actors.get(r)!.id, role: r })) } } })
      await d.hold(s.id, ASKING.includes(ev.form as EventForm), ev.endsAt)
    }
  }

  // Written replies: the units answered what was left open, a few days before each deadline, except
  // the latest held event's, still owed (overdue once its deadline passes) so the lists show both.
  const replies = createReplyService({ db, defaults: { requireCheck: false, workingDays: 5 }, now: () => clock })
  const owed = await db.replyTask.findMany({ where: { questionId: { not: null } }, include: { question: true }, orderBy: { dueAt: 'asc' } })
  const keep = owed.filter((t) => t.sessionId !== d.archivedSessionId).at(-1)
  for (const t of owed.filter((x) => x !== keep)) {
    const writer = [...editors.values()].find((e) => e.unitId === t.unitId)
    if (!writer) continue
    clock = new Date(Math.min(now.getTime(), t.dueAt.getTime() - 3 * DAY))
    const draft = await replies.save(t.id, { revision: t.revision, body: `您好！关于“${t.question!.body}”，相关规定和办理指南已在本单位门户网站公开，也可拨打12345热线咨询。感谢您的关注。` }, writer, null)
    await replies.publish(t.id, { revision: draft.revision, note: '' }, writer, null)
  }
  clock = now

  // Publicity of the held events: the government website for each, a newspaper for one, and a
  // journal on the office's bonus list for another.
  const publicity = createPublicityService({ db, uploads: null })
  const journal = (await db.journal.findFirst({ where: { bonus: true }, orderBy: { createdAt: 'desc' } }))!
  const held = await db.event.findMany({ where: { year, endsAt: { lt: now }, sessions: { some: { status: 'archived' } } }, include: { hostUnits: true }, orderBy: { startsAt: 'asc' } })
  for (const [i, ev] of held.entries()) {
    const lead = ev.hostUnits.find((u) => u.role === 'lead')
    const writer = [...editors.values()].find((e) => e.unitId === lead?.unitId)
    if (!writer) continue
    const day = instantToWallTime(new Date(ev.endsAt.getTime() + DAY), timeZone).slice(0, 10)
    await publicity.create(ev.id, { outlet: 'gov_website', journalId: null, date: day, title: `${ev.theme}成功举办`, source: '市人民政府门户网站', url: 'https://www.example.gov.cn/zwgk/ztr/', uploadId: null }, writer, null)
    if (i % 3 === 0) await publicity.create(ev.id, { outlet: 'media', journalId: null, date: day, title: `政务公开主题日：${ev.theme}`, source: '永州日报', url: '', uploadId: null }, writer, null)
    if (i % 4 === 1) await publicity.create(ev.id, { outlet: 'journal', journalId: journal.id, date: day, title: `以主题日为抓手推进${ev.theme}`, source: '', url: '', uploadId: null }, writer, null)
  }

  // Summaries of the held events: most accepted, the latest sent and waiting for the office, one
  // returned with a reason (the PDF font is not needed to write them).
  const summaries = createSummaryService({ db, timeZone, defaultDays: 10, pdfFont: { path: '', name: '' }, dataDir: '', now: () => clock })
  const led = held.filter((e) => [...editors.values()].some((x) => x.unitId === e.hostUnits.find((u) => u.role === 'lead')?.unitId))
  for (const [i, ev] of led.entries()) {
    const writer = [...editors.values()].find((x) => x.unitId === ev.hostUnits.find((u) => u.role === 'lead')?.unitId)!
    clock = new Date(Math.min(now.getTime(), ev.endsAt.getTime() + 3 * DAY))
    const draft = await summaries.get(ev.id, writer)
    const blocks = draft.blocks.map((b) => (b.type === 'paragraph' && b.text.startsWith('（请写明活动的筹备') ? { ...b, text: '活动前通过门户网站和政务新媒体发布预告、征集问题；活动中逐一回应网友关切；活动后按时书面答复。' } : b))
    const saved = await summaries.save(ev.id, { revision: draft.revision, blocks }, writer)
    await summaries.submit(ev.id, saved.revision, writer, null)
    if (i === led.length - 1) continue
    await summaries.decide(ev.id, i === 1 ? { accept: false, reason: '请补充宣传报道和群众反馈情况。' } : { accept: true }, admin, null)
  }
  clock = now

  // Revision 2: a later event moves from the morning to the afternoon, with the office's note.
  const later = made.filter((e) => e.startsAt.getTime() > now.getTime() + DAY).at(-1)
  if (later) {
    const g = await plan.grid(year)
    const entry = g.entries.find((e) => e.event?.id === later.id)!
    const pm = Number(entry.start!.slice(0, 2)) < 12
    await plan.update(year, entry.id, { revision: entry.revision, date: entry.date!, start: pm ? '14:30' : '09:30', end: pm ? '16:30' : '11:30' }, admin, null)
    const after = await plan.grid(year)
    await publish.publish(year, { state: after.state, confirmWarnings: true,
      note: `「${later.theme}」因会场安排调整至${pm ? '下午' : '上午'}举行，其余安排不变。` }, admin, null)
  }

  // Next year: open for proposals, one in each state; one unit reminded.
  clock = now
  const next = year + 1
  await years.create({ year: next, months: [5, 6, 7, 8, 9, 10, 11, 12], deadline: `${next}-03-31T17:30`, previewDays: 3,
    notice: `请各单位于${next}年3月31日17:30前报送${next}年政务公开主题日活动方案。` }, admin, null)
  await propose('zjj', next, { theme: '住房公积金政策解读（草稿）', form: 'text_interview', month: 5, halfDay: 'am', steps: '一、' }, 'draft')
  await propose('jyj', next, { theme: '义务教育阶段招生入学政策', form: 'video_interview', month: 6, halfDay: 'am', steps: '一、发布招生政策\n二、答网友问' }, 'submitted')
  await propose('wjw', next, { theme: '医保报销“一站式”结算', form: 'press_release', month: 7, halfDay: 'pm', steps: '一、发布\n二、提问' })
  const returned = await propose('rsj', next, { theme: '新就业形态劳动者权益保障', form: 'symposium', month: 9, halfDay: 'pm', steps: '一、座谈' }, 'submitted')
  await proposals.decide(returned.id, { approve: false, reason: '请补充座谈会邀请对象（快递员、网约车司机代表）和议程。' }, admin, null)
  await years.remind(next, { unitIds: [units.get('dhx')!] }, admin, null)
}

/** The year's working days (YYYY-MM-DD), weekends and public holidays out, 调休 days in, by the office's calendar. */
async function workingDays(db: Db, year: number): Promise<string[]> {
  const days = new Map((await db.calendarDay.findMany({ where: { date: { startsWith: String(year) } } })).map((c) => [c.date, c.kind]))
  const out: string[] = []
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10)
    const weekend = [0, 6].includes(new Date(t).getUTCDay())
    const kind = days.get(date)
    if (kind === 'workday' || (!weekend && kind !== 'holiday')) out.push(date)
  }
  return out
}

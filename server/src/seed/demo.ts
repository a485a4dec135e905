import { instantToWallTime, LogCall, type Role } from '@openday/protocol'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { hashPassword, sha256 } from '../features/auth/service.ts'
import { checkDataKey } from '../features/datakey/service.ts'
import { createHotlineService } from '../features/hotline/service.ts'
import { createQuestionService } from '../features/questions/service.ts'
import { createSessionService } from '../features/sessions/service.ts'
import { createTranscriptService } from '../features/transcript/service.ts'
import { createWordsService } from '../features/words/service.ts'
import type { DataCipher } from '../lib/crypto.ts'
import { ensureDefaultJournals } from '../features/publicity/repository.ts'
import { seedCalendar } from './calendar.ts'
import { seedDemoYear } from './demo-year.ts'
import { seedDemoPolls, seedDemoSurveys } from './demo-surveys.ts'
import { seedDemoAttendance } from './demo-attendance.ts'
import { createComingSymposium, seedDemoVenue } from './demo-venue.ts'
import { seedDemoPolicies } from './demo-policies.ts'
import { createPollService } from '../features/polls/service.ts'
import { ensureHotlineTaxonomy } from './taxonomy.ts'

/** Demo accounts, one per role; the README lists them. Password = username + "-demo". */
export const DEMO_USERS: { username: string; role: Role; displayName: string; unit: string }[] = [
  { username: 'admin', role: 'admin', displayName: '市政务公开办 管理员', unit: 'gkb' },
  { username: 'editor', role: 'unit_editor', displayName: '人社局 联络员', unit: 'rsj' },
  { username: 'host', role: 'host', displayName: '主持人 李明', unit: 'gkb' },
  { username: 'guest', role: 'guest', displayName: '人社局局长 王建国', unit: 'rsj' },
  { username: 'moderator', role: 'moderator', displayName: '审核员 陈静', unit: 'gkb' },
  { username: 'operator', role: 'operator', displayName: '话务员 赵敏', unit: 'rx' },
]
export const demoPassword = (username: string) => `${username}-demo`

const UNITS = [
  { code: 'gkb', name: '市政务公开政务服务领导小组办公室', nameEn: 'City Government Affairs Openness Office' },
  { code: 'rsj', name: '市人力资源和社会保障局', nameEn: 'Municipal Human Resources and Social Security Bureau' },
  { code: 'zjj', name: '市住房和城乡建设局', nameEn: 'Municipal Housing and Urban-Rural Development Bureau' },
  { code: 'rx', name: '市12345政务服务便民热线中心', nameEn: '12345 Government Service Hotline Centre' },
]

export const DEMO_LIVE_SESSION = 'demo-live'
export const DEMO_ARCHIVED_SESSION = 'demo-archived'
export const DEMO_UPCOMING_SESSION = 'demo-upcoming'
/** A video interview about to start: the host and guest go live from the studio. */
export const DEMO_VIDEO_SESSION = 'demo-video'
/** A live hotline day (领导接听 12345): leader = the demo guest, `operator` logs, `host` runs it. */
export const DEMO_HOTLINE_SESSION = 'demo-hotline'


/**
 * Demo data for a first look: units, one account per role, a live text interview with a record
 * and questions, an archived one, an upcoming one. Everything after the base rows goes through the
 * real services, so the demo's event log is what production would write. Idempotent: does nothing
 * when the demo accounts exist.
 */
export async function seedDemo(db: Db, opts: { timeZone: string; now?: Date; cipher: DataCipher; keySource?: string; year?: boolean; dataDir?: string }): Promise<boolean> {
  const { cipher } = opts
  // The seed writes calls before the server ever starts: it records (or checks) the key's check
  // value exactly as the server does, so a server given another key refuses to start.
  await checkDataKey(db, cipher, opts.keySource ?? 'DATA_ENCRYPTION_KEY (or DATA_ENCRYPTION_KEY_FILE)')
  if (await db.user.findUnique({ where: { username: 'admin' } })) return false
  const now = opts.now ?? new Date()
  await ensureHotlineTaxonomy(db)
  await seedCalendar(db)
  await ensureDefaultJournals(db)
  const units = new Map<string, string>()
  for (const u of UNITS) units.set(u.code, (await db.unit.create({ data: u })).id)
  const actors = new Map<string, Actor>()
  for (const u of DEMO_USERS) {
    const row = await db.user.create({ data: { username: u.username, role: u.role, displayName: u.displayName, unitId: units.get(u.unit)!, passwordHash: await hashPassword(demoPassword(u.username)) } })
    actors.set(u.username, { id: row.id, role: u.role, displayName: u.displayName, unitId: row.unitId })
  }
  for (const word of ['赌博', '代开发票', '办假证']) await db.sensitiveWord.create({ data: { word } })

  const hour = 3_600_000
  // The year and month of an event are the office's (Beijing), not the machine's.
  const yearMonth = (t: Date) => { const w = instantToWallTime(t, opts.timeZone); return { year: Number(w.slice(0, 4)), month: Number(w.slice(5, 7)) } }
  const mk = async (id: string, theme: string, unit: string, start: Date, title: string, form: 'text_interview' | 'video_interview' = 'text_interview') => {
    await db.event.create({ data: {
      id: `${id}-event`, ...yearMonth(start), theme, form, status: 'published', startsAt: start, endsAt: new Date(start.getTime() + 3 * hour),
      location: '市政府门户网站在线访谈栏目', summary: theme,
      hostUnits: { create: [{ unitId: units.get(unit)!, role: 'lead' }] },
      guests: { create: [{ name: '王建国', title: unit === 'rsj' ? '市人力资源和社会保障局党组书记、局长' : '市住房和城乡建设局局长', sortOrder: 0 }] },
    } })
    await db.session.create({ data: {
      id, eventId: `${id}-event`, kind: form, title, scheduledStart: start, scheduledEnd: new Date(start.getTime() + 2 * hour),
      staff: { create: ['host', 'guest', 'moderator'].map((r) => ({ userId: actors.get(r)!.id, role: r })) },
    } })
  }
  await mk(DEMO_ARCHIVED_SESSION, '老旧小区改造惠民生', 'zjj', new Date(now.getTime() - 30 * 24 * hour), '老旧小区改造政策在线访谈')
  await mk(DEMO_LIVE_SESSION, '稳就业 惠民生——就业创业政策解读', 'rsj', new Date(now.getTime() - hour / 2), '就业创业政策在线访谈')
  await mk(DEMO_VIDEO_SESSION, '优化营商环境 服务企业发展', 'rsj', new Date(now.getTime() + hour / 6), '营商环境视频访谈', 'video_interview')
  await mk(DEMO_UPCOMING_SESSION, '社保服务“一网通办”', 'rsj', new Date(now.getTime() + 20 * 24 * hour), '社保经办服务在线访谈')

  const words = createWordsService(db)
  await words.reload()
  const questions = createQuestionService(db, words)
  const transcript = createTranscriptService(db)
  const polls = createPollService({ db, filter: words.filter })
  const sessions = createSessionService({ db, timeZone: opts.timeZone, replyWorkingDays: 5, onEnding: polls.closeAllIn })
  const host = actors.get('host')!, guest = actors.get('guest')!, mod = actors.get('moderator')!
  const citizen = (n: number) => sha256(`demo-citizen-${n}`)

  const play = async (sessionId: string, lines: [string, 'host' | 'guest', string][], asks: string[], answer: number[]) => {
    const qs = []
    for (const [i, body] of asks.entries()) {
      qs.push((await questions.submit({ sessionId, clientId: `${sessionId}-q${i}`, nickname: ['热心市民', '小李', '张阿姨', '求职者'][i % 4]!, body }, citizen(i))).question)
    }
    await sessions.start(sessionId, host)
    for (const [i, [name, speaker, body]] of lines.entries()) {
      await transcript.post({ sessionId, clientId: `${sessionId}-t${i}`, speaker, speakerName: name, body }, speaker === 'host' ? host : guest)
    }
    for (const q of qs) await questions.approve(q.id, mod)
    for (const i of answer) {
      await questions.markAnswering(qs[i]!.id, guest)
      await questions.answer(qs[i]!.id, guest, '感谢您的关注。我们将持续完善相关政策，具体可拨打12345热线或到政务服务中心咨询。')
    }
  }
  await play(DEMO_ARCHIVED_SESSION, [
    ['李明', 'host', '各位网友大家好，欢迎来到政务公开主题日在线访谈，今天我们邀请到市住房和城乡建设局局长王建国。'],
    ['王建国', 'guest', '今年全市计划改造老旧小区120个，涉及居民1.8万户，重点解决加装电梯、雨污分流和停车难问题。'],
  ], ['我们小区加装电梯补贴怎么申请？', '改造期间停车怎么安排？'], [0])
  await seedDemoPolls(polls, DEMO_ARCHIVED_SESSION, host, true)
  await sessions.end(DEMO_ARCHIVED_SESSION, host, new Date(now.getTime() - 30 * 24 * hour + 2 * hour))
  await play(DEMO_LIVE_SESSION, [
    ['李明', 'host', '各位网友大家好！今天的政务公开主题日，我们邀请到市人力资源和社会保障局局长王建国，解读就业创业政策。'],
    ['王建国', 'guest', '大家好。今年我们围绕稳就业出台了一揽子措施，包括创业担保贷款、一次性创业补贴和高校毕业生就业见习补贴。'],
  ], ['创业担保贷款的额度和条件是什么？', '高校毕业生见习补贴怎么领取？', '灵活就业人员社保补贴能申请吗？'], [0])
  await seedDemoPolls(polls, DEMO_LIVE_SESSION, host, false)
  await seedHotline(db, { now, hour, units, actors, sessions, yearMonth, hotline: createHotlineService({ db, cipher, timeZone: opts.timeZone }) })
  if (opts.year !== false) {
    // A held theme day: a short record; on the asking forms, citizens' questions, one answered.
    const hold = async (sessionId: string, asking: boolean, endAt: Date) => {
      if (asking) {
        await play(sessionId, [
          ['李明', 'host', '各位网友大家好，欢迎参加本期政务公开主题日活动。'],
          ['王建国', 'guest', '感谢大家的关注，我们将认真听取意见建议，能当场答复的当场答复，需要研究的会后书面答复。'],
        ], ['相关政策从什么时候开始实施？', '在哪里可以查到办事指南？'], [0])
      } else {
        await sessions.start(sessionId, host)
      }
      await sessions.end(sessionId, host, endAt)
    }
    await seedDemoYear({ db, now, timeZone: opts.timeZone, cipher, units, actors, hold, archivedSessionId: DEMO_ARCHIVED_SESSION })
    await createComingSymposium(db, { now, timeZone: opts.timeZone, lead: units.get('rsj')!, joint: units.get('zjj')!, moderatorId: actors.get('moderator')!.id })
  }
  const editors = new Map((await db.user.findMany({ where: { role: 'unit_editor' }, include: { unit: true }, orderBy: { username: 'asc' } }))
    .flatMap((u) => (u.unit ? [[u.unit.code, { id: u.id, role: 'unit_editor' as const, displayName: u.displayName, unitId: u.unitId }] as const] : [])))
  await seedDemoSurveys({ db, now, timeZone: opts.timeZone, cipher, words, editors, upcomingEventId: `${DEMO_UPCOMING_SESSION}-event` })
  const attendance = await seedDemoAttendance({ db, now, cipher, timeZone: opts.timeZone, editors, admin: actors.get('admin')! })
  // Photos only where the files have a home (the CLI's DATA_DIR); the rest of the day always.
  await seedDemoVenue({ db, now, timeZone: opts.timeZone, attendance, filter: words.filter, editors, admin: actors.get('admin')!, dataDir: opts.dataDir })
  if (opts.year !== false) await seedDemoPolicies({ db, now, timeZone: opts.timeZone, cipher, dataDir: opts.dataDir, filter: words.filter, editors, admin: actors.get('admin')!, units, actors })
  return true
}

/** The live hotline day: a few calls logged through the real service, one handed off to 人社局 (the `editor`'s unit). */
async function seedHotline(db: Db, d: {
  now: Date; hour: number; units: Map<string, string>; actors: Map<string, Actor>
  sessions: ReturnType<typeof createSessionService>; hotline: ReturnType<typeof createHotlineService>
  yearMonth: (t: Date) => { year: number; month: number }
}) {
  const { now, hour, units, actors } = d
  const start = new Date(now.getTime() - hour)
  await db.event.create({ data: {
    id: `${DEMO_HOTLINE_SESSION}-event`, ...d.yearMonth(start), theme: '局长接听12345 倾听就业社保诉求', form: 'hotline',
    status: 'published', startsAt: start, endsAt: new Date(start.getTime() + 3 * hour), location: '市12345政务服务便民热线中心', summary: '人社局局长在12345热线现场接听市民来电',
    hostUnits: { create: [{ unitId: units.get('rsj')!, role: 'lead' }, { unitId: units.get('rx')!, role: 'joint' }] },
    guests: { create: [{ name: '王建国', title: '市人力资源和社会保障局党组书记、局长', sortOrder: 0 }] },
  } })
  await db.session.create({ data: {
    id: DEMO_HOTLINE_SESSION, eventId: `${DEMO_HOTLINE_SESSION}-event`, kind: 'hotline', title: '局长接听12345热线',
    scheduledStart: start, scheduledEnd: new Date(start.getTime() + 3 * hour),
    staff: { create: [['host', 'host'], ['guest', 'guest'], ['operator', 'operator']].map(([u, role]) => ({ userId: actors.get(u!)!.id, role: role! })) },
  } })
  await d.sessions.start(DEMO_HOTLINE_SESSION, actors.get('host')!)

  const taxonomy = { domains: await db.hotlineDomain.findMany(), types: await db.appealType.findMany() }
  const domain = (code: string) => taxonomy.domains.find((x) => x.code === code)!.id
  const type = (code: string) => taxonomy.types.find((x) => x.code === code)!.id
  const operator = actors.get('operator')!
  const calls: [string, string | undefined, string, string, string, { reply: string } | { unit: string }][] = [
    ['13812345678', '张伟', 'public_service', 'consultation', '灵活就业人员参加职工养老保险，缴费基数怎么选，在哪里办理？',
      { reply: '可在60%至300%之间自选缴费基数，通过“智慧人社”APP或各区社保经办窗口办理。' }],
    ['0746-8533171', '李秀英', 'social', 'complaint', '所在建筑工地拖欠三个月工资，多次找项目部未果，要求协调解决。',
      { unit: 'rsj' }],
    ['13812345678', '张伟', 'public_service', 'help', '养老保险关系从外省转入，材料已交一个月还没有结果，请帮忙催办。',
      { reply: '已请社保经办机构当日核查，转移接续将在5个工作日内办结并短信通知。' }],
    ['13900001111', undefined, 'economy', 'suggestion', '建议对吸纳高校毕业生的小微企业加大社保补贴宣传力度。',
      { reply: '感谢建议，我们将通过政务新媒体和园区服务站集中宣传补贴政策。' }],
  ]
  for (const [i, [phone, callerName, dom, typ, content, outcome]] of calls.entries()) {
    const startedAt = new Date(now.getTime() - (50 - i * 10) * 60_000)
    // Parsed as the socket handler parses it (the number is normalised there).
    await d.hotline.log(LogCall.parse({
      sessionId: DEMO_HOTLINE_SESSION, clientId: `${DEMO_HOTLINE_SESSION}-call-${i}`, phone, callerName, domainId: domain(dom), appealTypeId: type(typ),
      content, leader: '王建国', startedAt: startedAt.toISOString(), endedAt: new Date(startedAt.getTime() + 4 * 60_000).toISOString(),
      ...('reply' in outcome ? { disposition: 'answered' as const, reply: outcome.reply } : { disposition: 'handed_off' as const, unitId: units.get(outcome.unit)! }),
    }), operator, now)
  }
}

import type { Role } from '@openday/protocol'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { hashPassword, sha256 } from '../features/auth/service.ts'
import { createQuestionService } from '../features/questions/service.ts'
import { createSessionService } from '../features/sessions/service.ts'
import { createTranscriptService } from '../features/transcript/service.ts'
import { createWordsService } from '../features/words/service.ts'

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


/**
 * Demo data for a first look: units, one account per role, a live text interview with a record
 * and questions, an archived one, an upcoming one. Everything after the base rows goes through the
 * real services, so the demo's event log is what production would write. Idempotent: does nothing
 * when the demo accounts exist.
 */
export async function seedDemo(db: Db, opts: { timeZone: string; now?: Date }): Promise<boolean> {
  if (await db.user.findUnique({ where: { username: 'admin' } })) return false
  const now = opts.now ?? new Date()
  const units = new Map<string, string>()
  for (const u of UNITS) units.set(u.code, (await db.unit.create({ data: u })).id)
  const actors = new Map<string, Actor>()
  for (const u of DEMO_USERS) {
    const row = await db.user.create({ data: { username: u.username, role: u.role, displayName: u.displayName, unitId: units.get(u.unit)!, passwordHash: await hashPassword(demoPassword(u.username)) } })
    actors.set(u.username, { id: row.id, role: u.role, displayName: u.displayName, unitId: row.unitId })
  }
  for (const word of ['赌博', '代开发票', '办假证']) await db.sensitiveWord.create({ data: { word } })

  const hour = 3_600_000
  const y = now.getUTCFullYear()
  const mk = async (id: string, theme: string, unit: string, month: number, start: Date, title: string, form: 'text_interview' | 'video_interview' = 'text_interview') => {
    await db.event.create({ data: {
      id: `${id}-event`, year: y, month, theme, form, status: 'published', startsAt: start, endsAt: new Date(start.getTime() + 3 * hour),
      location: '市政府门户网站在线访谈栏目', summary: theme,
      hostUnits: { create: [{ unitId: units.get(unit)!, role: 'lead' }] },
      guests: { create: [{ name: '王建国', title: unit === 'rsj' ? '市人力资源和社会保障局党组书记、局长' : '市住房和城乡建设局局长', sortOrder: 0 }] },
    } })
    await db.session.create({ data: {
      id, eventId: `${id}-event`, kind: form, title, scheduledStart: start, scheduledEnd: new Date(start.getTime() + 2 * hour),
      staff: { create: ['host', 'guest', 'moderator'].map((r) => ({ userId: actors.get(r)!.id, role: r })) },
    } })
  }
  await mk(DEMO_ARCHIVED_SESSION, '老旧小区改造惠民生', 'zjj', 10, new Date(now.getTime() - 30 * 24 * hour), '老旧小区改造政策在线访谈')
  await mk(DEMO_LIVE_SESSION, '稳就业 惠民生——就业创业政策解读', 'rsj', 11, new Date(now.getTime() - hour / 2), '就业创业政策在线访谈')
  await mk(DEMO_VIDEO_SESSION, '优化营商环境 服务企业发展', 'rsj', 11, new Date(now.getTime() + hour / 6), '营商环境视频访谈', 'video_interview')
  await mk(DEMO_UPCOMING_SESSION, '社保服务“一网通办”', 'rsj', 12, new Date(now.getTime() + 20 * 24 * hour), '社保经办服务在线访谈')

  const words = createWordsService(db)
  await words.reload()
  const questions = createQuestionService(db, words)
  const transcript = createTranscriptService(db)
  const sessions = createSessionService({ db, timeZone: opts.timeZone, replyWorkingDays: 5 })
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
  await sessions.end(DEMO_ARCHIVED_SESSION, host, new Date(now.getTime() - 30 * 24 * hour + 2 * hour))
  await play(DEMO_LIVE_SESSION, [
    ['李明', 'host', '各位网友大家好！今天的政务公开主题日，我们邀请到市人力资源和社会保障局局长王建国，解读就业创业政策。'],
    ['王建国', 'guest', '大家好。今年我们围绕稳就业出台了一揽子措施，包括创业担保贷款、一次性创业补贴和高校毕业生就业见习补贴。'],
  ], ['创业担保贷款的额度和条件是什么？', '高校毕业生见习补贴怎么领取？', '灵活就业人员社保补贴能申请吗？'], [0])
  return true
}

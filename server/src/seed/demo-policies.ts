import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { instantToWallTime } from '@openday/protocol'
import PDFDocument from 'pdfkit'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { sha256 } from '../features/auth/service.ts'
import { createCodeSigner } from '../features/attendance/codes.ts'
import { createAttendanceService } from '../features/attendance/service.ts'
import { createPolicyQuestionService } from '../features/policies/questions.ts'
import { createPolicyService } from '../features/policies/service.ts'
import { createReplyService } from '../features/replies/service.ts'
import type { DataCipher } from '../lib/crypto.ts'
import { openGovPdf } from '../lib/govdoc-pdf.ts'
import type { SensitiveFilter } from '../lib/sensitive.ts'

// The demo's press release, through the real services: the latest held 政策发布 of the plan gets
// a policy document (a real PDF), its interpretation published the day of the briefing, and two
// questions citizens asked on the policy's page after it: one approved and answered in writing,
// one still waiting for the unit. Its page is /policies/demo-policy.

export const DEMO_POLICY = 'demo-policy'
/** 人社局's press release later today: its briefing not started, no document yet (the unit's to prepare). */
export const DEMO_BRIEFING_SESSION = 'demo-briefing'
const HOUR = 3_600_000
const DAY = 86_400_000
const FONTS = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKsc-Regular' },
]

/** A one-page policy as PDF: in Chinese with the CJK font where installed, else a short English stand-in. */
async function policyPdf(title: string, docNumber: string, lines: string[], at: Date): Promise<Buffer> {
  const font = FONTS.find((f) => existsSync(f.path))
  if (font) {
    const { pdf, done, width } = openGovPdf(font, { title, author: '东湖县人民政府', createdAt: at })
    pdf.fontSize(22).text(title, { width, align: 'center' }).moveDown(0.5)
    pdf.fontSize(14).text(docNumber, { width, align: 'center' }).moveDown()
    for (const l of lines) pdf.fontSize(16).text(l, { width, indent: 32, lineGap: 6 })
    pdf.end()
    return done
  }
  const pdf = new PDFDocument({ size: 'A4', info: { Title: 'Policy (demo)', CreationDate: at } })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))))
  pdf.fontSize(18).text('Policy document (demo)').moveDown().fontSize(12).text('Install fonts-noto-cjk for the Chinese text.')
  pdf.end()
  return done
}

export interface DemoPolicyDeps {
  /** Where the server keeps its files (DATA_DIR); a seed without one writes the PDF where no server looks. */
  db: Db; now: Date; timeZone: string; cipher: DataCipher; dataDir: string | undefined; filter: () => SensitiveFilter
  editors: Map<string, Actor>; admin: Actor
  units: Map<string, string>; actors: Map<string, Actor>
}

/**
 * A press release of 人社局 (the demo's `editor`) two hours from now, staffed like the live-core
 * demo's interviews: the unit uploads its policy and writes the interpretation, the host runs the
 * briefing. Made beside the plan, as the live-core demo's events are before it is compiled.
 */
async function seedComingBriefing(d: DemoPolicyDeps): Promise<void> {
  const start = new Date(d.now.getTime() + 2 * HOUR)
  const wall = instantToWallTime(start, d.timeZone)
  const theme = '就业创业扶持政策新闻发布会'
  await d.db.event.create({ data: {
    id: `${DEMO_BRIEFING_SESSION}-event`, year: Number(wall.slice(0, 4)), month: Number(wall.slice(5, 7)), theme, form: 'press_release', status: 'published',
    startsAt: start, endsAt: new Date(start.getTime() + 2 * HOUR), location: '市政府新闻发布厅', summary: '发布《关于进一步做好就业创业工作的若干措施》，解读政策并回答记者和网友提问。',
    hostUnits: { create: [{ unitId: d.units.get('rsj')!, role: 'lead' }] },
    guests: { create: [{ name: '王建国', title: '市人力资源和社会保障局党组书记、局长', sortOrder: 0 }] },
    sessions: { create: [{
      id: DEMO_BRIEFING_SESSION, kind: 'press_release', title: theme, scheduledStart: start, scheduledEnd: new Date(start.getTime() + 2 * HOUR),
      staff: { create: ['host', 'guest', 'moderator'].map((r) => ({ userId: d.actors.get(r)!.id, role: r })) },
    }] },
  } })
}

/**
 * Early in a year (January, most of February) no press release of the plan has been held yet: the
 * demo then has one held three weeks ago beside the plan, its briefing over and archived, so the
 * policy page always has a document, an interpretation and a question answered after it.
 */
async function seedHeldBriefing(d: DemoPolicyDeps): Promise<void> {
  const start = new Date(d.now.getTime() - 21 * 24 * HOUR)
  const wall = instantToWallTime(start, d.timeZone)
  const theme = '优化营商环境政策新闻发布会'
  const end = new Date(start.getTime() + 2 * HOUR)
  await d.db.event.create({ data: {
    id: 'demo-held-briefing-event', year: Number(wall.slice(0, 4)), month: Number(wall.slice(5, 7)), theme, form: 'press_release', status: 'done',
    startsAt: start, endsAt: end, location: '市政府新闻发布厅', summary: '发布优化营商环境的若干措施，解读政策并回答提问。',
    hostUnits: { create: [{ unitId: d.units.get('rsj')!, role: 'lead' }] },
    sessions: { create: [{ id: 'demo-held-briefing', kind: 'press_release', title: theme, status: 'archived', scheduledStart: start, scheduledEnd: end, startedAt: start, endedAt: end, archivedAt: end }] },
  } })
}

const findHeld = (db: Db, now: Date) => db.event.findFirst({
  where: { form: 'press_release', endsAt: { lt: now }, sessions: { some: { status: 'archived' } } },
  include: { hostUnits: true }, orderBy: { startsAt: 'desc' },
})

export async function seedDemoPolicies(d: DemoPolicyDeps): Promise<void> {
  const { db, timeZone } = d
  await seedComingBriefing(d)
  if (!(await findHeld(db, d.now))) await seedHeldBriefing(d)
  const ev = (await findHeld(db, d.now))!
  const lead = ev.hostUnits.find((h) => h.role === 'lead')
  const editor = [...d.editors.values()].find((e) => e.unitId === lead?.unitId) ?? d.admin
  let clock = ev.startsAt
  const attendance = createAttendanceService({ db, cipher: d.cipher, codes: createCodeSigner(Buffer.alloc(32, 5)), timeZone, publicUrl: 'http://localhost:3000', now: () => clock })
  const policies = createPolicyService({ db, attendance, timeZone, dataDir: d.dataDir ?? mkdtempSync(join(tmpdir(), 'openday-demo-')), now: () => clock })
  const asked = createPolicyQuestionService({ db, attendance, filter: d.filter, timeZone, replyDefaults: { requireCheck: false, workingDays: 5 }, now: () => clock })
  const replies = createReplyService({ db, defaults: { requireCheck: false, workingDays: 5 }, now: () => clock })

  const title = `关于${ev.theme.replace(/新闻发布会$/, '')}的若干措施`
  const docNumber = `东政发〔${instantToWallTime(ev.startsAt, timeZone).slice(0, 4)}〕8号`
  const pdf = await policyPdf(title, docNumber, [
    '一、压缩企业开办时间。企业开办全流程压缩至1个工作日内，免费刻制公章。',
    '二、推行“一件事一次办”。涉企经营许可事项实行告知承诺制。',
    '三、降低融资成本。设立中小微企业应急转贷资金，单笔最高500万元。',
    '本措施自发布之日起施行。',
  ], ev.startsAt)
  const made = await policies.add(ev.id, pdf, `${title}.pdf`, { title, docNumber, issuedAt: instantToWallTime(ev.startsAt, timeZone).slice(0, 10) }, editor)
  // A fixed id, so the demo's page has an address to give (and the accessibility check a page to open).
  await db.policyDocument.update({ where: { id: made.id }, data: { id: DEMO_POLICY } })

  clock = new Date(ev.endsAt.getTime() + 60_000)
  await policies.saveInterpretation(ev.id, DEMO_POLICY, {
    summary: '面向全县新开办企业和中小微企业：开办时间从3个工作日压缩到1个工作日，公章免费刻制；经营许可可告知承诺办理；新增应急转贷资金。',
    body: [
      { type: 'text', text: '《若干措施》共三个方面十二条，重点解决企业开办慢、审批环节多、融资难融资贵等问题。' },
      { type: 'text', text: '企业开办：申请人通过政务服务网“企业开办一件事”专区一次提交材料，营业执照、公章、发票和社保登记当日办结。' },
    ],
    qa: [
      { question: '个体工商户能享受这些措施吗？', answer: '开办和许可方面的措施适用于个体工商户；应急转贷资金面向中小微企业。' },
      { question: '告知承诺后还要提交材料吗？', answer: '作出承诺即可当场办理，相关部门在两个月内进行核查。' },
    ],
  }, editor, null)
  await policies.publishInterpretation(ev.id, DEMO_POLICY, editor, null)

  clock = new Date(ev.endsAt.getTime() + DAY)
  const token = (n: number) => sha256(`demo-citizen-policy-${n}`)
  const first = await asked.ask(DEMO_POLICY, { token: '', clientId: 'demo-policy-q1', nickname: '创业青年', body: '应急转贷资金怎么申请？需要抵押吗？' }, token(1))
  const second = await asked.ask(DEMO_POLICY, { token: '', clientId: 'demo-policy-q2', nickname: '小店老板', body: '已经开办的企业能补办免费公章吗？' }, token(2))
  // Asked the day after the briefing, as the story goes (the rows take the real clock's time).
  for (const [n, q] of [first, second].entries()) {
    const at = new Date(clock.getTime() + n * HOUR)
    await db.question.update({ where: { id: q.id }, data: { createdAt: at } })
    await db.policyQuestion.update({ where: { questionId: q.id }, data: { createdAt: at } })
  }
  clock = new Date(clock.getTime() + 3 * HOUR)
  await asked.approve(ev.id, DEMO_POLICY, first.id, editor, null)
  clock = new Date(ev.endsAt.getTime() + 3 * DAY)
  const task = (await db.replyTask.findUniqueOrThrow({ where: { questionId: first.id } }))
  const draft = await replies.save(task.id, { revision: task.revision, body: '您好！应急转贷资金由县金融服务中心受理，企业持银行续贷意见书申请，无需抵押，单笔最高500万元，使用期限不超过15天。' }, editor, null)
  await replies.publish(task.id, { revision: draft.revision, note: '' }, editor, null)
}

import { instantToWallTime, type Answers, type SurveyDefinitionInput, SurveyDefinition } from '@openday/protocol'
import type { Db } from '../db/client.ts'
import type { Actor } from '../features/auth/actor.ts'
import { sha256 } from '../features/auth/service.ts'
import type { PollService } from '../features/polls/service.ts'
import { createResponseService } from '../features/surveys/responses.ts'
import { createSurveyService } from '../features/surveys/service.ts'
import type { WordsService } from '../features/words/service.ts'
import type { DataCipher } from '../lib/crypto.ts'

// The demo's surveys and polls, made through the real services: a poll that ran in the archived
// interview (its figures in the archive), one open in the live interview, and questionnaires —
// one open before an upcoming interview with online and paper responses and published results,
// and one for each event of form 问卷调查 in the plan (held ones closed with results).

const device = (n: number) => sha256(`demo-device-${n}`)
const CHANNELS = [{ id: 'o1', label: '门户网站' }, { id: 'o2', label: '政务APP' }, { id: 'o3', label: '办事大厅' }, { id: 'o4', label: '12345热线' }]

/** A session's polls: single choice, then a word cloud; voted by demo devices; closed and shown when `close`. */
export async function seedDemoPolls(polls: PollService, sessionId: string, host: Actor, close: boolean): Promise<void> {
  const choice = await polls.create({ sessionId, clientId: `${sessionId}-poll-1`, visibility: 'always', question: {
    id: 'q', kind: 'single', title: '您最希望优先解决哪方面的问题？', help: '', required: false, lowLabel: '', highLabel: '',
    options: [{ id: 'o1', label: '政策宣传解读' }, { id: 'o2', label: '办事流程简化' }, { id: 'o3', label: '补贴资金到位' }],
  } }, host)
  const open = await polls.open(choice.poll.id)
  const picks = ['o2', 'o1', 'o2', 'o3', 'o2', 'o1', 'o2', 'o3', 'o2', 'o2', 'o1', 'o3']
  await Promise.all(picks.map((a, i) => polls.vote({ pollId: open.poll.id, round: 1, answer: a }, device(i))))
  if (!close) return
  await polls.close(choice.poll.id)
  await polls.show(choice.poll.id)
  const cloud = await polls.create({ sessionId, clientId: `${sessionId}-poll-2`, visibility: 'closed', question: {
    id: 'w', kind: 'words', title: '用一个词说说您对这次访谈的感受', help: '', required: false, options: [], lowLabel: '', highLabel: '',
  } }, host)
  await polls.open(cloud.poll.id)
  const words = ['很实用', '解答清楚', '实用', '接地气', '政策清楚', '很实在', '解答及时', '实用']
  await Promise.all(words.map((w, i) => polls.vote({ pollId: cloud.poll.id, round: 1, answer: w }, device(100 + i))))
  await polls.close(cloud.poll.id)
}

const SATISFACTION: SurveyDefinitionInput = {
  sections: [
    { id: 's1', title: '办事体验', questions: [
      { id: 'used', kind: 'single', title: '近一年您是否办理过社保业务？', required: true, options: [{ id: 'y', label: '办理过' }, { id: 'n', label: '没有' }] },
      { id: 'sat', kind: 'satisfaction', title: '您对办理过程是否满意？', required: true, showIf: { question: 'used', anyOf: ['y'] } },
      { id: 'chan', kind: 'multiple', title: '您通过哪些渠道办理或了解社保业务？（最多选两项）', max: 2, options: CHANNELS },
    ] },
    { id: 's2', title: '意见建议', questions: [
      { id: 'score', kind: 'rating', title: '总体评价', scale: 5, lowLabel: '很差', highLabel: '很好' },
      { id: 'rank', kind: 'ranking', title: '请将最希望改进的方面排序', options: [{ id: 'q', label: '缩短排队时间' }, { id: 'm', label: '减少证明材料' }, { id: 'w', label: '更多业务网上办' }] },
      { id: 'say', kind: 'text', title: '您还有哪些意见建议？' },
    ] },
  ],
}

const answersOf = (i: number): Answers => ({
  used: i % 4 === 3 ? 'n' : 'y',
  ...(i % 4 === 3 ? {} : { sat: ['satisfied', 'satisfied', 'basic', 'unsatisfied'][i % 4]! }),
  chan: [['o1'], ['o2', 'o3'], ['o3'], ['o2']][i % 4]!,
  score: [5, 4, 4, 3, 2][i % 5]!,
  rank: [['w', 'q', 'm'], ['q', 'w', 'm'], ['m', 'q', 'w']][i % 3]!,
  ...(i % 5 === 0 ? { say: ['希望周末也能办理业务', '网上办理流程再简化一些', '电话咨询经常占线，联系方式13812345678'][i % 3]! } : {}),
})

export interface DemoSurveyDeps { db: Db; now: Date; timeZone: string; cipher: DataCipher; words: WordsService; editors: Map<string, Actor>; upcomingEventId: string }

/** Questionnaires through the services, responses from demo devices (and two paper forms), free text moderated. */
export async function seedDemoSurveys(d: DemoSurveyDeps): Promise<void> {
  const { db, now, timeZone } = d
  let clock = now
  const surveys = createSurveyService({ db, cipher: d.cipher, timeZone, now: () => clock })
  const responses = createResponseService({ db, surveys, words: d.words, ipKey: Buffer.alloc(32, 7), ipFlagOver: 20, perDevicePerMinute: 1_000_000, now: () => clock })
  const wall = (t: Date) => instantToWallTime(t, timeZone)
  const DAY = 86_400_000

  const run = async (editor: Actor, title: string, eventId: string | null, placement: 'standalone' | 'before' | 'after', from: Date, to: Date, count: number, publishResults: boolean) => {
    // Made and answered while it was open (the clock a day into its period), the results published now.
    clock = new Date(Math.min(now.getTime(), from.getTime() + DAY))
    const s = await surveys.create({ title, eventId, placement }, editor, null)
    const saved = await surveys.save(s.id, {
      revision: s.revision, title, intro: '本问卷匿名填写，约需 3 分钟。您的意见将作为改进工作的重要参考。', department: '', eventId, placement,
      opensAt: wall(from), closesAt: wall(to), access: 'device', definition: SurveyDefinition.parse(SATISFACTION),
    }, editor, null)
    await surveys.setState(s.id, 'published', saved.revision, editor, null)
    if (from > now) { clock = now; return }
    for (let i = 0; i < count; i++) {
      await responses.submit(s.id, { clientId: `${s.id}-r${i}`, token: 'x', answers: answersOf(i) }, sha256(`${s.id}-device-${i}`), `10.0.${i % 200}.${1 + (i % 7)}`)
    }
    for (let i = 0; i < 2; i++) await responses.enter(s.id, { clientId: `${s.id}-p${i}`, channel: 'paper', paperRef: `P-00${i + 1}`, answers: answersOf(i + 1) }, editor, null)
    const texts = await db.surveyText.findMany({ where: { surveyId: s.id } })
    for (const [i, t] of texts.entries()) await responses.decideText(s.id, t.id, i % 3 === 2 ? 'rejected' : 'approved', editor, null)
    clock = now
    if (publishResults) await surveys.setResultsPublic(s.id, true, editor, null)
  }

  await run(d.editors.get('rsj')!, '社保经办服务满意度调查', d.upcomingEventId, 'before', new Date(now.getTime() - 5 * DAY), new Date(now.getTime() + 20 * DAY), 36, true)
  // Every event of form survey in the plan gets its questionnaire, open around the event's day.
  const events = await db.event.findMany({ where: { form: 'survey' }, include: { hostUnits: true }, orderBy: { startsAt: 'asc' } })
  for (const ev of events) {
    const lead = ev.hostUnits.find((h) => h.role === 'lead')
    const editor = [...d.editors.values()].find((e) => e.unitId === lead?.unitId)
    if (!editor) continue
    const held = ev.endsAt < now
    await run(editor, ev.theme, ev.id, 'standalone', new Date(ev.startsAt.getTime() - 7 * DAY), new Date(ev.endsAt.getTime() + 7 * DAY), held ? 24 : 0, held)
  }
}

import { randomInt, randomUUID } from 'node:crypto'
import { instantToWallTime, METRIC_KEYS } from '@openday/protocol'
import type { Db } from '../../src/db/client.ts'
import { DEMO_POLICY } from '../../src/seed/demo-policies.ts'
import { DEMO_SYMPOSIUM } from '../../src/seed/demo-venue.ts'
import { DEMO_ARCHIVED_SESSION, DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION, DEMO_UPCOMING_SESSION } from '../../src/seed/demo.ts'

/**
 * The rows every fixture acts on, found once in the demo (year) seed: each belongs to the demo
 * editor's unit (人社局), so `editor` is "this unit" and `editorOther` (a unit made for the test, hosting nothing) "another unit".
 */
export interface Ids {
  year: number; unit: string; otherUnit: string; liveEvent: string; upcomingEvent: string; heldEvent: string
  symposium: string; invitee: string; opinion: string; photo: string | null
  policyEvent: string; policy: string; policyQuestion: string
  proposal: string; reply: string; publicity: string; journal: string; survey: string; surveyResponse: string; surveyText: string
  workOrder: string; call: string; notice: string; planEntry: string; word: string; domain: string; appealType: string
  upload: string | null; throwawayUser: string; unassignedHost: string
  /** The latest year with a published plan (the public plan routes'); the latest year when none is. */
  publishedYear: number
  /** The first invitee's invitation code, asked for by the test's setup (a made-up one until then). */
  invitationToken: string
}

const must = <T>(v: T | null | undefined, what: string): T => {
  if (v === null || v === undefined) throw new Error(`fixture: no ${what} in the demo seed`)
  return v
}
/** A row the seed may lack: its route is then asked about an id that does not exist (still refused first, or NOT_FOUND). */
const some = (v: { id: string } | null, what: string): string => v?.id ?? `missing-${what.replace(/\W+/g, '-')}`

/** An opinion on the symposium, recorded as its lead unit's editor records one on the day. */
export const OPINION = { clientId: '7c0c8a52-4a45-4c52-9d55-59d7d0b1e001', inviteeId: null, speaker: '企业代表', category: 'citizen', body: '建议稳岗补贴简化申领材料。' }

// Every lookup in a fixed order: SQLite and PostgreSQL return an unordered first row differently.
export async function findIds(db: Db, throwawayUser: string): Promise<Ids> {
  const unit = must(await db.unit.findFirst({ where: { code: 'rsj' } }), 'unit rsj').id
  const otherUnit = must(await db.unit.findFirst({ where: { code: 'zjj' } }), 'unit zjj').id
  // The coming symposium (人社局 leads): its opinion is recorded by the test's setup (opinionOf).
  const symposium = { id: `${DEMO_SYMPOSIUM}-event` }
  const opinion = must(await db.opinion.findFirst({ where: { eventId: symposium.id }, orderBy: { id: 'asc' } }), 'opinion of the symposium')
  const policyDoc = must(await db.policyDocument.findUnique({ where: { id: DEMO_POLICY } }) ?? await db.policyDocument.findFirst({ orderBy: { id: 'asc' } }), 'policy')
  const summary = must(await db.experienceSummary.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'summary')
  const survey = must(await db.survey.findFirst({ where: { unitId: unit }, orderBy: { createdAt: 'asc' } }), 'survey')
  return {
    year: must(await db.planYear.findFirst({ orderBy: { year: 'desc' } }), 'year').year,
    unit, otherUnit,
    liveEvent: `${DEMO_LIVE_SESSION}-event`, upcomingEvent: `${DEMO_UPCOMING_SESSION}-event`, heldEvent: summary.eventId,
    symposium: symposium.id,
    invitee: some(await db.invitee.findFirst({ where: { eventId: symposium.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }), 'invitee'),
    opinion: opinion.id,
    photo: (await db.eventPhoto.findFirst({ where: { eventId: symposium.id }, orderBy: { id: 'asc' } }))?.id ?? null,
    policyEvent: policyDoc.eventId, policy: policyDoc.id,
    policyQuestion: (await db.policyQuestion.findFirst({ where: { documentId: policyDoc.id }, orderBy: { id: 'asc' } }))?.questionId ?? 'missing-policy-question',
    proposal: some(await db.proposal.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'proposal'),
    reply: some(await db.replyTask.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'reply task'),
    publicity: some(await db.publicityItem.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'publicity item'),
    journal: must(await db.journal.findFirst({ orderBy: { id: 'asc' } }), 'journal').id,
    survey: survey.id,
    surveyResponse: some(await db.surveyResponse.findFirst({ where: { survey: { unitId: unit } }, orderBy: { id: 'asc' } }), 'survey response'),
    surveyText: some(await db.surveyText.findFirst({ where: { survey: { unitId: unit } }, orderBy: { id: 'asc' } }), 'survey text'),
    workOrder: some(await db.workOrder.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'work order'),
    call: some(await db.hotlineCall.findFirst({ where: { sessionId: DEMO_HOTLINE_SESSION }, orderBy: { id: 'asc' } }), 'call'),
    notice: some(await db.unitNotice.findFirst({ where: { unitId: unit }, orderBy: { id: 'asc' } }), 'notice'),
    planEntry: some(await db.planEntry.findFirst({ orderBy: { year: 'desc' } }), 'plan entry'),
    word: some(await db.sensitiveWord.findFirst({ orderBy: { id: 'asc' } }), 'word'),
    domain: some(await db.hotlineDomain.findFirst({ orderBy: { id: 'asc' } }), 'domain'),
    appealType: some(await db.appealType.findFirst({ orderBy: { id: 'asc' } }), 'appeal type'),
    upload: (await db.upload.findFirst({ where: { sessionId: DEMO_LIVE_SESSION }, orderBy: { id: 'asc' } }))?.id ?? (await db.upload.findFirst({ orderBy: { id: 'asc' } }))?.id ?? null,
    throwawayUser,
    unassignedHost: must(await db.user.findUnique({ where: { username: 'pm-host' } }), 'pm-host').id,
    publishedYear: (await db.planRevision.findFirst({ orderBy: { year: 'desc' } }))?.year ?? must(await db.planYear.findFirst({ orderBy: { year: 'desc' } }), 'year').year,
    invitationToken: 'no-such-invitation-token',
  }
}

/** What one REST call sends: the path with its parameters filled in, a query, a body. */
export interface RestCall { path: string; query?: string; body?: unknown }

/** The path parameters each route acts on, by route; a parameter not named here comes from `byName`. */
const overrides = (i: Ids): Record<string, Record<string, string>> => ({
  'GET /api/events/:id/signup': { id: i.symposium },
  'POST /api/events/:id/signup': { id: i.symposium },
  'GET /api/events/:id/record': { id: i.symposium },
  'GET /api/events/:id/policies': { id: i.policyEvent },
  'GET /api/policies/:id': { id: i.policy },
  'POST /api/policies/:id/questions': { id: i.policy },
  'GET /api/sessions/:id': { id: DEMO_LIVE_SESSION },
  'GET /api/plan/:year.docx': { year: String(i.publishedYear) },
  'GET /api/plan/:year.pdf': { year: String(i.publishedYear) },
  'GET /api/plan/:year': { year: String(i.publishedYear) },
  'GET /api/plan/:year/revisions/:n': { year: String(i.publishedYear) },
  'GET /api/archive/:id': { id: DEMO_ARCHIVED_SESSION },
  'PUT /api/admin/sessions/:id/staff/:userId': { id: DEMO_UPCOMING_SESSION, userId: i.unassignedHost },
  'DELETE /api/admin/sessions/:id/staff/:userId': { id: DEMO_UPCOMING_SESSION, userId: i.unassignedHost },
  'PUT /api/unit/events/:id/sessions/:sessionId/staff/:userId': { id: i.upcomingEvent, sessionId: DEMO_UPCOMING_SESSION, userId: i.unassignedHost },
  'DELETE /api/unit/events/:id/sessions/:sessionId/staff/:userId': { id: i.upcomingEvent, sessionId: DEMO_UPCOMING_SESSION, userId: i.unassignedHost },
})

/** Which row an `:id` names, by the path it is in (first match wins). */
const idByPath = (i: Ids): [RegExp, string][] => [
  [/^\/api\/unit\/events\/:id\/(invitations|attendance|invitees|checkin|agenda|opinions|day-photos)/, i.symposium],
  [/^\/api\/unit\/events\/:id\/(policies|policy-pictures)/, i.policyEvent],
  [/^\/api\/unit\/events\/:id/, i.liveEvent],
  [/^\/api\/events\/:id/, i.liveEvent],
  [/^\/api\/hotline\/sessions\/:id/, DEMO_HOTLINE_SESSION],
  [/^\/api\/hotline\/calls\/:id/, i.call],
  [/^\/api\/sessions\/:id/, DEMO_LIVE_SESSION],
  [/^\/api\/(admin\/)?replies\/:id/, i.reply],
  [/^\/api\/(admin\/)?proposals\/:id/, i.proposal],
  [/^\/api\/publicity\/:id/, i.publicity],
  [/^\/api\/admin\/journals\/:id/, i.journal],
  [/^\/api\/(unit\/)?surveys\/:id/, i.survey],
  [/^\/api\/work-orders\/:id/, i.workOrder],
  [/^\/api\/unit\/notices\/:id/, i.notice],
  [/^\/api\/admin\/plan\/:year\/entries\/:id/, i.planEntry],
  [/^\/api\/admin\/sensitive-words\/:id/, i.word],
  [/^\/api\/admin\/hotline\/domains\/:id/, i.domain],
  [/^\/api\/admin\/hotline\/appeal-types\/:id/, i.appealType],
  [/^\/api\/admin\/units\/:id/, i.otherUnit],
  [/^\/api\/admin\/accounts\/:id/, i.throwawayUser],
  [/^\/uploads\/:id/, i.upload ?? 'no-upload'],
  [/^\/media\/hls\/:id/, DEMO_LIVE_SESSION],
]

const byName = (i: Ids): Record<string, string> => ({
  year: String(i.year), unitId: i.unit, metric: METRIC_KEYS[0], eventId: i.heldEvent, date: `${i.year}-12-31`, n: '1',
  token: i.invitationToken, iid: i.invitee, sub: i.opinion, pid: i.policy, qid: i.policyQuestion,
  rid: i.surveyResponse, tid: i.surveyText, file: 'index.m3u8', sessionId: DEMO_LIVE_SESSION,
})

const TZ = 'Asia/Shanghai'
const wall = (at: Date | null | undefined): string | null => (at ? instantToWallTime(at, TZ) : null)

/**
 * Bodies (and queries) for the routes that read the body before the unit is checked: valid, so a
 * stranger is refused (401/403) rather than answered BAD_REQUEST, and an allowed caller's call can
 * succeed. Each is built when the call is made, from the row as it is then (its current revision),
 * so an earlier allowed save does not make the next one stale.
 */
type Built = { body?: unknown; query?: string }
/** What a body may need from the running server: a fresh citizen device token (each may ask only a few questions). */
export interface Live { citizenToken(): Promise<string> }
const bodies = (i: Ids, db: Db, live: Live): Record<string, () => Promise<Built>> => {
  const b = (body: unknown) => async (): Promise<Built> => ({ body })
  return {
    'PUT /api/summaries/:eventId': async () => ({ body: { revision: (await db.experienceSummary.findUnique({ where: { eventId: i.heldEvent } }))?.revision ?? 0, blocks: [{ type: 'paragraph', text: '权限矩阵测试：活动总结。' }] } }),
    'POST /api/summaries/:eventId/submit': async () => ({ body: { revision: (await db.experienceSummary.findUnique({ where: { eventId: i.heldEvent } }))?.revision ?? 0 } }),
    'PUT /api/publicity/:id': async () => {
      const p = await db.publicityItem.findUnique({ where: { id: i.publicity } })
      return { body: p ? { outlet: p.outlet, journalId: p.journalId, date: p.date, title: p.title, source: p.source, url: p.url, uploadId: p.uploadId } : { outlet: 'media', date: `${i.year}-06-01`, title: '报道', source: '永州日报' } }
    },
    'PUT /api/unit/events/:id/attendance/settings': async () => {
      const a = await db.attendanceSettings.findUnique({ where: { eventId: i.symposium } })
      return { body: { signupOpen: a?.signupOpen ?? false, signupDeadline: wall(a?.signupDeadline), capacity: a?.capacity ?? null } }
    },
    // A new phone each time: one sign-up per phone and event.
    'POST /api/events/:id/signup': async () => ({ body: { name: '报名市民', phone: `139${String(randomInt(1e8)).padStart(8, '0')}`, org: '' } }),
    'POST /api/policies/:id/questions': async () => ({ body: { token: await live.citizenToken(), clientId: randomUUID(), nickname: '市民', body: '灵活就业人员可以申领这项补贴吗？' } }),
    'POST /api/invitations/:token/opinions': async () => ({ body: { clientId: randomUUID(), body: '会议组织有序，建议多留提问时间。' } }),
    'POST /api/unit/events/:id/invitees': b({ category: 'citizen', name: '矩阵测试', org: '' }),
    'POST /api/unit/events/:id/invitees/:iid/status': b({ status: 'confirmed' }),
    'POST /api/unit/events/:id/checkin': b({ inviteeId: i.invitee }),
    'PUT /api/unit/events/:id/agenda': async () => {
      const items = await db.agendaItem.findMany({ where: { eventId: i.symposium }, orderBy: { position: 'asc' } })
      return { body: { items: items.map((x) => ({ startsAt: wall(x.startsAt), endsAt: wall(x.endsAt), title: x.title, place: x.place, speaker: x.speaker })) } }
    },
    'POST /api/unit/events/:id/opinions': async () => ({ body: { ...OPINION, clientId: randomUUID() } }),
    'POST /api/unit/events/:id/opinions/:sub/status': b({ status: 'published' }),
    'POST /api/unit/events/:id/opinions/:sub/assign': b({ unitId: i.unit }),
    'PUT /api/unit/events/:id/day-photos/:sub': b({ caption: '现场照片' }),
    'PUT /api/unit/events/:id/policies/:pid': async () => {
      const d = await db.policyDocument.findUnique({ where: { id: i.policy } })
      return { body: { title: d?.title ?? '政策', docNumber: d?.docNumber ?? '', issuedAt: wall(d?.issuedAt)?.slice(0, 10) ?? `${i.year}-01-01` } }
    },
    'PUT /api/unit/events/:id/policies/:pid/interpretation': b({ summary: '权限矩阵测试：政策解读。', body: [{ type: 'text', text: '解读正文。' }], qa: [] }),
    'POST /api/unit/events/:id/policies/:pid/questions/:qid/reject': b({ reason: '与本政策无关' }),
    'PUT /api/replies/:id': async () => ({ body: { revision: (await db.replyTask.findUnique({ where: { id: i.reply } }))?.revision ?? 0, body: '权限矩阵测试：答复。' } }),
    'POST /api/replies/:id/publish': async () => ({ body: { revision: (await db.replyTask.findUnique({ where: { id: i.reply } }))?.revision ?? 0, note: '' } }),
    'POST /api/work-orders/:id/reply': b({ reply: '已办理并答复来电人。' }),
    'POST /api/work-orders/:id/callback': b({ satisfaction: 'satisfied' }),
    'PUT /api/proposals/:id': async () => {
      const p = await db.proposal.findUnique({ where: { id: i.proposal } })
      return { body: { revision: p?.revision ?? 0, theme: p?.theme ?? '主题', month: p?.month ?? null, halfDay: p?.halfDay ?? 'am', form: p?.form ?? null, steps: p?.steps ?? '', contacts: [], jointUnitIds: [] } }
    },
    'POST /api/proposals/:id/submit': async () => ({ body: { revision: (await db.proposal.findUnique({ where: { id: i.proposal } }))?.revision ?? 0 } }),
    'GET /api/proposals/:id/diff': async () => ({ query: 'from=1&to=1' }),
    'PUT /api/unit/surveys/:id': async () => {
      const s = must(await db.survey.findUnique({ where: { id: i.survey }, include: { versions: { orderBy: { number: 'desc' }, take: 1 } } }), 'survey')
      return { body: { revision: s.revision, title: s.title, intro: s.intro, department: s.department, eventId: s.eventId, placement: s.placement, opensAt: wall(s.opensAt), closesAt: wall(s.closesAt), access: s.access, definition: JSON.parse(s.versions[0]!.definition) as unknown } }
    },
    'POST /api/unit/surveys/:id/state': async () => {
      const s = must(await db.survey.findUnique({ where: { id: i.survey } }), 'survey')
      return { body: { revision: s.revision, status: s.status === 'published' ? 'closed' : 'published' } }
    },
    'POST /api/unit/surveys/:id/results-public': async () => ({ body: { public: (await db.survey.findUnique({ where: { id: i.survey } }))?.resultsPublishedAt != null } }),
    'POST /api/unit/surveys/:id/responses': async () => ({ body: { clientId: randomUUID(), channel: 'paper', paperRef: '', answers: {} } }),
    'POST /api/unit/surveys/:id/responses/:rid/validity': b({ valid: true, reason: '' }),
    'POST /api/unit/surveys/:id/texts/:tid': b({ status: 'approved' }),
    'POST /api/unit/surveys/:id/invites': b({ count: 1 }),
  }
}

export async function restCall(route: string, i: Ids, db: Db, live: Live): Promise<RestCall> {
  const [, path] = route.split(' ') as [string, string]
  const own = overrides(i)[route] ?? {}
  const names = byName(i)
  const filled = path.replace(/:(\w+)/g, (_m, name: string) => {
    if (own[name]) return encodeURIComponent(own[name])
    if (name === 'id') {
      const hit = idByPath(i).find(([re]) => re.test(path))
      if (!hit) throw new Error(`fixture: no :id for ${route}`)
      return encodeURIComponent(hit[1])
    }
    if (names[name] === undefined) throw new Error(`fixture: no :${name} for ${route}`)
    return encodeURIComponent(names[name])
  })
  const build = bodies(i, db, live)[route]
  const built = build ? await build() : {}
  return { path: filled, query: built.query, body: 'body' in built ? built.body : {} }
}

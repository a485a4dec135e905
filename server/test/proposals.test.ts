import type { ProposalDto, ProposalSummaryDto, ProposalVersionDto, UnitNoticeDto, VersionDiffDto } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startServer } from './harness.ts'
import { complete, completeDraft, EMAIL, openYear, PHONE, status, type World, world, YEAR } from './proposals-helpers.ts'

// Issue 11, the proposals (活动方案): the lead unit edits, joint units read, nobody else sees it;
// autosave with a version check; idempotent submission; versions, diff, return and approval.

let h: Harness
let w: World
beforeAll(async () => {
  h = await startServer()
  w = await world(h)
  await openYear(w)
})
afterAll(async () => { await h?.close() })

const put = (id: string, body: unknown, who = 'editor') => w.a.put(`/api/proposals/${id}`, w.cookies[who], body)
const submit = (id: string, revision: number, who = 'editor') => w.a.post(`/api/proposals/${id}/submit`, w.cookies[who], { revision })
const get = (id: string, who = 'editor') => w.a.json<ProposalDto>(w.a.get(`/api/proposals/${id}`, w.cookies[who]))
const versionRows = (proposalId: string) => h.app.db.proposalVersion.count({ where: { proposalId } })

describe('who sees and edits a proposal', () => {
  it('the lead edits; joint units read only (contacts included); another unit, other roles and the anonymous never see it', async () => {
    const zjj = await w.unit('zjj')
    const p = await completeDraft(w, 'editor', { jointUnitIds: [zjj] })
    expect(p).toMatchObject({ status: 'draft', canEdit: true, revision: 1, jointUnits: [{ id: zjj }], contacts: [{ phone: PHONE, email: EMAIL }] })

    const joint = await get(p.id, 'zjj-editor')
    expect(joint).toMatchObject({ canEdit: false, theme: '就业政策面对面', contacts: [{ phone: PHONE }] })
    expect((await w.a.json<ProposalSummaryDto[]>(w.a.get('/api/unit/proposals', w.cookies['zjj-editor']))).map((x) => x.id)).toContain(p.id)
    expect(await status(put(p.id, complete(1), 'zjj-editor'))).toEqual([403, 'FORBIDDEN'])
    expect(await status(submit(p.id, 1, 'zjj-editor'))).toEqual([403, 'FORBIDDEN'])

    // Another unit: it does not exist for them, whatever the route.
    for (const path of [`/api/proposals/${p.id}`, `/api/proposals/${p.id}/versions`, `/api/proposals/${p.id}/diff?from=1&to=1`]) {
      expect([path, ...(await status(w.a.get(path, w.cookies['rx-editor'])))]).toEqual([path, 404, 'NOT_FOUND'])
    }
    expect(await status(put(p.id, complete(1), 'rx-editor'))).toEqual([404, 'NOT_FOUND'])
    expect(await status(submit(p.id, 1, 'rx-editor'))).toEqual([404, 'NOT_FOUND'])
    expect((await w.a.json<ProposalSummaryDto[]>(w.a.get('/api/unit/proposals', w.cookies['rx-editor']))).map((x) => x.id)).not.toContain(p.id)

    // Other staff roles may not use these routes at all; the admin reads but does not write the unit's text.
    for (const who of ['host', 'guest', 'moderator', 'operator']) {
      expect([who, ...(await status(w.a.get(`/api/proposals/${p.id}`, w.cookies[who])))]).toEqual([who, 403, 'FORBIDDEN'])
      expect([who, ...(await status(put(p.id, complete(1), who)))]).toEqual([who, 403, 'FORBIDDEN'])
      expect([who, ...(await status(w.a.post('/api/unit/proposals', w.cookies[who], { year: YEAR })))]).toEqual([who, 403, 'FORBIDDEN'])
    }
    expect((await get(p.id, 'admin')).contacts[0]!.phone).toBe(PHONE)
    expect(await status(put(p.id, complete(1), 'admin'))).toEqual([403, 'FORBIDDEN'])
    for (const [m, path] of [['GET', `/api/proposals/${p.id}`], ['PUT', `/api/proposals/${p.id}`], ['POST', `/api/proposals/${p.id}/submit`], ['GET', '/api/unit/proposals'], ['POST', '/api/unit/proposals'], ['GET', `/api/proposals/${p.id}/versions`]] as const) {
      expect([m, path, ...(await status(w.a.req(m, path, null, m === 'GET' ? undefined : complete(1))))]).toEqual([m, path, 401, 'UNAUTHENTICATED'])
    }
    expect((await get(p.id)).revision).toBe(1)
  })
})

describe('autosave with a version check', () => {
  it('a month the office drops after a draft chose it: the draft still saves as typed; choosing it anew and submitting are refused', async () => {
    const year = 2035 // its own year: the others' months stay as they are
    await openYear(w, year)
    const p = await w.a.json<ProposalDto>(w.a.post('/api/unit/proposals', w.cookies.editor, { year }), 201)
    const draft = await w.a.json<ProposalDto>(put(p.id, complete(p.revision, { month: 12 })))
    await w.a.json(w.a.put(`/api/admin/years/${year}`, w.cookies.admin, { months: [5, 6, 7, 8, 9, 10, 11] }))
    const typed = await w.a.json<ProposalDto>(put(p.id, complete(draft.revision, { month: 12, theme: '仍在输入的主题' })))
    expect(typed).toMatchObject({ theme: '仍在输入的主题', month: 12 })
    expect(await status(submit(p.id, typed.revision))).toEqual([400, 'BAD_REQUEST'])
    const moved = await w.a.json<ProposalDto>(put(p.id, complete(typed.revision, { month: 11 })))
    expect(await status(put(p.id, complete(moved.revision, { month: 12 })))).toEqual([400, 'BAD_REQUEST'])
    expect(await get(p.id)).toMatchObject({ month: 11, status: 'draft' })
  })

  it('a second editor saving from the same revision gets CONFLICT and overwrites nothing; a GET shows the current one', async () => {
    const p = await w.a.json<ProposalDto>(w.a.post('/api/unit/proposals', w.cookies.editor, { year: YEAR }), 201)
    const first = await w.a.json<ProposalDto>(put(p.id, complete(p.revision, { theme: '第一位编辑的主题' })))
    expect(first.revision).toBe(p.revision + 1)
    const res = await put(p.id, complete(p.revision, { theme: '第二位编辑的主题' }))
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^revision/) })
    expect(await get(p.id)).toMatchObject({ theme: '第一位编辑的主题', revision: first.revision })
    // Reapplied on the current revision, the second editor's text is saved.
    expect((await w.a.json<ProposalDto>(put(p.id, complete(first.revision, { theme: '第二位编辑的主题' })))).theme).toBe('第二位编辑的主题')
  })

  it('refuses hostile and malformed bodies with BAD_REQUEST and writes nothing', async () => {
    const p = await completeDraft(w)
    const bad: [string, unknown][] = [
      ['lone surrogate', complete(p.revision, { theme: '主题\uD800' })],
      ['lone surrogate in steps', complete(p.revision, { steps: 'a\uDC00b' })],
      ['lone surrogate in a contact', complete(p.revision, { contacts: [{ name: '\uD83D', position: '', phone: PHONE, email: '' }] })],
      ['month 13', complete(p.revision, { month: 13 })],
      ['a month not in the year', complete(p.revision, { month: 2 })],
      ['unknown form', { ...complete(p.revision), form: 'dance' }],
      ['unknown half-day', { ...complete(p.revision), halfDay: 'evening' }],
      ['theme too long', complete(p.revision, { theme: '长'.repeat(201) })],
      ['extra key', { ...complete(p.revision), status: 'approved' }],
      ['extra key in a contact', complete(p.revision, { contacts: [{ name: 'a', position: '', phone: PHONE, email: '', admin: true } as never] })],
      ['own unit as joint', complete(p.revision, { jointUnitIds: [p.unit.id] })],
      ['unknown joint unit', complete(p.revision, { jointUnitIds: ['no-such-unit'] })],
      ['no revision', { ...complete(p.revision), revision: undefined }],
      ['not JSON', '{"theme":'],
      ['array', []],
    ]
    for (const [why, body] of bad) expect([why, ...(await status(put(p.id, body)))]).toEqual([why, 400, 'BAD_REQUEST'])
    expect(await get(p.id)).toMatchObject({ revision: p.revision, theme: p.theme, month: 6 })
    expect(await status(w.a.post('/api/unit/proposals', w.cookies.editor, { year: YEAR, unitId: 'x' }))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(w.a.post('/api/unit/proposals', w.cookies.editor, { year: 2031 }))).toEqual([404, 'NOT_FOUND'])
  })
})

describe('submitting', () => {
  it('needs a complete proposal; the same revision twice is one submission; then it is locked', async () => {
    const empty = await w.a.json<ProposalDto>(w.a.post('/api/unit/proposals', w.cookies.editor, { year: YEAR }), 201)
    expect(await status(submit(empty.id, empty.revision))).toEqual([400, 'BAD_REQUEST'])
    const noPhone = await completeDraft(w, 'editor', { contacts: [{ name: '张三', position: '', phone: '', email: '' }] })
    expect(await status(submit(noPhone.id, noPhone.revision))).toEqual([400, 'BAD_REQUEST'])

    const p = await completeDraft(w)
    expect(await status(submit(p.id, p.revision - 1))).toEqual([409, 'CONFLICT'])
    const once = await w.a.json<ProposalDto>(submit(p.id, p.revision))
    const twice = await w.a.json<ProposalDto>(submit(p.id, p.revision))
    expect(once).toMatchObject({ status: 'submitted', submittedRevision: p.revision, late: false, versions: 1 })
    expect(twice).toEqual(once)
    expect(await versionRows(p.id)).toBe(1)
    expect(await status(put(p.id, complete(p.revision)))).toEqual([409, 'CONFLICT'])
    expect(await h.app.db.auditLog.count({ where: { action: 'proposal.submit', targetId: p.id } })).toBe(1)
  })

  it('parallel submits of one revision (a double click, a retry) make exactly one version', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await completeDraft(w)
      const answers = await Promise.all(Array.from({ length: 6 }, () => w.a.json<ProposalDto>(submit(p.id, p.revision))))
      expect(new Set(answers.map((x) => `${x.status}/${x.submittedAt}/${x.versions}`)).size).toBe(1)
      expect(answers[0]).toMatchObject({ status: 'submitted', versions: 1 })
      expect(await versionRows(p.id)).toBe(1)
    }
  })

  it('after the deadline: accepted, marked late (the proposal and its version)', async () => {
    await w.a.json(w.a.post('/api/admin/years', w.cookies.admin, { year: 2026, months: [5, 6], deadline: '2026-01-15T23:59' }), 201)
    const p = await completeDraft(w, 'editor', {}, 2026)
    const s = await w.a.json<ProposalDto>(submit(p.id, p.revision))
    expect(s).toMatchObject({ status: 'submitted', late: true })
    expect((await h.app.db.proposalVersion.findFirstOrThrow({ where: { proposalId: p.id } })).late).toBe(true)
  })
})

describe('the office decides', () => {
  it('returns with a reason (required), the unit is told, edits and resubmits; versions and their diff; approves', async () => {
    const p = await completeDraft(w, 'editor', { theme: '就业政策面对面', steps: '一、开场\n二、访谈' })
    await w.a.json(submit(p.id, p.revision))
    const ret = (body: unknown, who = 'admin') => w.a.post(`/api/admin/proposals/${p.id}/return`, w.cookies[who], body)
    for (const body of [{}, { reason: '' }, { reason: '  ' }, { reason: 'x\uD800' }, { reason: 'ok', extra: 1 }]) expect(await status(ret(body))).toEqual([400, 'BAD_REQUEST'])
    for (const who of ['editor', 'zjj-editor', 'host', 'moderator']) {
      expect([who, ...(await status(ret({ reason: '不行' }, who)))]).toEqual([who, 403, 'FORBIDDEN'])
      expect([who, ...(await status(w.a.post(`/api/admin/proposals/${p.id}/approve`, w.cookies[who], {})))]).toEqual([who, 403, 'FORBIDDEN'])
    }
    expect(await status(w.a.post(`/api/admin/proposals/${p.id}/approve`, null, {}))).toEqual([401, 'UNAUTHENTICATED'])

    const returned = await w.a.json<ProposalDto>(ret({ reason: '请细化活动步骤' }))
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请细化活动步骤' })
    expect(await status(ret({ reason: '再退' }))).toEqual([409, 'CONFLICT'])
    const notices = await w.a.json<UnitNoticeDto[]>(w.a.get('/api/unit/notices', w.cookies.editor))
    expect(notices.find((n) => n.kind === 'returned')?.message).toContain('请细化活动步骤')
    expect((await w.a.json<UnitNoticeDto[]>(w.a.get('/api/unit/notices', w.cookies['rx-editor']))).some((n) => n.kind === 'returned')).toBe(false)

    const edited = await w.a.json<ProposalDto>(put(p.id, complete(returned.revision, { theme: '就业创业政策面对面', steps: '一、开场\n二、访谈\n三、现场答问', month: 7 })))
    const again = await w.a.json<ProposalDto>(submit(p.id, edited.revision))
    expect(again).toMatchObject({ status: 'submitted', returnReason: null, versions: 2 })

    const versions = await w.a.json<ProposalVersionDto[]>(w.a.get(`/api/proposals/${p.id}/versions`, w.cookies.admin))
    expect(versions.map((v) => [v.number, v.theme, v.month])).toEqual([[1, '就业政策面对面', 6], [2, '就业创业政策面对面', 7]])
    expect(versions[0]!.contacts[0]!.phone).toBe(PHONE)
    const diff = await w.a.json<VersionDiffDto>(w.a.get(`/api/proposals/${p.id}/diff?from=1&to=2`, w.cookies.editor))
    const f = (name: string) => diff.fields.find((x) => x.field === name)!
    expect(f('theme')).toEqual({ field: 'theme', changed: true, parts: [{ value: '就业' }, { value: '创业', added: true }, { value: '政策面对面' }] })
    expect(f('steps').parts.filter((x) => x.added).map((x) => x.value).join('')).toBe('\n三、现场答问')
    expect(f('month')).toMatchObject({ changed: true, parts: [{ value: '6', removed: true }, { value: '7', added: true }] })
    expect(f('form').changed).toBe(false)
    expect(await status(w.a.get(`/api/proposals/${p.id}/diff?from=1&to=9`, w.cookies.editor))).toEqual([404, 'NOT_FOUND'])

    const approved = await w.a.json<ProposalDto>(w.a.post(`/api/admin/proposals/${p.id}/approve`, w.cookies.admin, {}))
    expect(approved.status).toBe('approved')
    expect(await status(w.a.post(`/api/admin/proposals/${p.id}/approve`, w.cookies.admin, {}))).toEqual([409, 'CONFLICT'])
    expect(await status(put(p.id, complete(approved.revision)))).toEqual([409, 'CONFLICT'])
    expect((await w.a.json<UnitNoticeDto[]>(w.a.get('/api/unit/notices', w.cookies.editor))).some((n) => n.kind === 'approved')).toBe(true)
    const audits = await h.app.db.auditLog.findMany({ where: { targetId: p.id, action: { in: ['proposal.return', 'proposal.approve'] } }, orderBy: { at: 'asc' } })
    expect(audits.map((r) => [r.action, r.actorRole])).toEqual([['proposal.return', 'admin'], ['proposal.approve', 'admin']])

    const list = await w.a.json<ProposalSummaryDto[]>(w.a.get(`/api/admin/proposals?year=${YEAR}&status=approved&unitId=${p.unit.id}`, w.cookies.admin))
    expect(list.map((x) => x.id)).toEqual([p.id])
    expect(await status(w.a.get('/api/admin/proposals?status=bogus', w.cookies.admin))).toEqual([400, 'BAD_REQUEST'])
    expect(await status(w.a.get('/api/admin/proposals', w.cookies.editor))).toEqual([403, 'FORBIDDEN'])
  })
})

describe('contacts are staff data', () => {
  it('are ciphertext in the database (proposal and version rows) and on no public route', async () => {
    const p = await completeDraft(w)
    await w.a.json(submit(p.id, p.revision))
    const raw = JSON.stringify([
      await h.app.db.proposal.findMany(), await h.app.db.proposalVersion.findMany(), await h.app.db.auditLog.findMany(), await h.app.db.unitNotice.findMany(),
    ])
    expect(raw).not.toContain(PHONE)
    expect(raw).not.toContain(EMAIL)
    expect(raw).not.toContain('办公室主任')
    const row = await h.app.db.proposal.findUniqueOrThrow({ where: { id: p.id } })
    expect(row.contactsCipher).toMatch(/^v2:/)
    for (const path of ['/api/events', '/api/archive', `/api/proposals/${p.id}`, '/api/unit/proposals', `/api/years/${YEAR}/notice`, '/api/years', `/api/proposals/${p.id}/versions`]) {
      const body = await (await w.a.get(path)).text()
      expect([path, body.includes(PHONE) || body.includes(EMAIL)]).toEqual([path, false])
    }
  })
})

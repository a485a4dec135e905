import type { ProposalDto, ProposalSaveBody } from '@openday/protocol'
import { type Harness, login } from './harness.ts'
import { addStaff, api, type Api } from './hotline-helpers.ts'

// Shared by the years and proposals tests: the demo's editor (人社局 rsj) plus editors of 住建局
// (zjj, a joint unit) and of the hotline centre (rx, another unit), and an open year.

export const YEAR = 2027
export const PHONE = '13912345678'
export const EMAIL = 'liaison.secret@rsj.example.cn'

export interface World { a: Api; cookies: Record<string, string>; unit: (code: string) => Promise<string> }

export async function world(h: Harness): Promise<World> {
  const a = api(h)
  await addStaff(h, 'zjj-editor', 'unit_editor', 'zjj')
  await addStaff(h, 'rx-editor', 'unit_editor', 'rx')
  const cookies: Record<string, string> = {}
  for (const u of ['admin', 'editor', 'zjj-editor', 'rx-editor', 'host', 'guest', 'moderator', 'operator']) cookies[u] = await login(h.url, u)
  const unit = async (code: string) => (await h.app.db.unit.findUniqueOrThrow({ where: { code } })).id
  return { a, cookies, unit }
}

export async function openYear(w: World, year = YEAR, deadline = '2099-03-31T23:59'): Promise<void> {
  await w.a.json(w.a.post('/api/admin/years', w.cookies.admin, { year, months: [5, 6, 7, 8, 9, 10, 11, 12], deadline, notice: '请各单位报送活动方案' }), 201)
}

export const complete = (revision: number, over: Partial<ProposalSaveBody> = {}): ProposalSaveBody => ({
  revision, theme: '就业政策面对面', month: 6, halfDay: 'am', form: 'video_interview', steps: '一、开场\n二、访谈\n三、答问',
  contacts: [{ name: '张三', position: '办公室主任', phone: PHONE, email: EMAIL }], jointUnitIds: [], ...over,
})

/** A new draft of the editor's unit, saved complete (ready to submit). */
export async function completeDraft(w: World, editor = 'editor', over: Partial<ProposalSaveBody> = {}, year = YEAR): Promise<ProposalDto> {
  const p = await w.a.json<ProposalDto>(w.a.post('/api/unit/proposals', w.cookies[editor], { year }), 201)
  return w.a.json<ProposalDto>(w.a.put(`/api/proposals/${p.id}`, w.cookies[editor], complete(p.revision, over)))
}

export const status = async (r: Promise<Response>) => { const res = await r; return [res.status, res.ok ? 'ok' : ((await res.json()) as { error: { code: string } }).error.code] as const }

import type { ArchiveDto, PolicyListItemDto, PolicyStaffListDto, PublicPolicyDto } from '@openday/protocol'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BRIEFING_SESSION, DEMO_POLICY } from '../src/seed/demo-policies.ts'
import { type Harness, login, startServer } from './harness.ts'

// The demo's press release (seed/demo-policies.ts), as `npm run demo` makes it, read back through
// the public and staff APIs: the held 政策发布 of the plan has its policy (a real PDF), the
// interpretation published on time, a question asked after the briefing with its written reply
// published, and one waiting for the unit.

let h: Harness
beforeAll(async () => { h = await startServer({}, undefined, undefined, { seed: 'demo-year' }) }, 120_000)
afterAll(async () => { await h?.close() })

const json = async <T>(path: string, cookie?: string): Promise<T> => {
  const res = await fetch(`${h.url}${path}`, { headers: cookie ? { cookie } : {} })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

describe('the demo press release', () => {
  it('has a held event with its policy, the interpretation published on time and a question answered in writing', async () => {
    const held = await h.app.db.event.findMany({ where: { form: 'press_release', endsAt: { lt: new Date() }, sessions: { some: { status: 'archived' } } }, orderBy: { startsAt: 'desc' } })
    // The plan's latest held press release, or early in a year the one the demo holds beside the plan.
    expect(held.length).toBeGreaterThan(0)
    const p = await json<PublicPolicyDto>(`/api/policies/${DEMO_POLICY}`)
    expect(p.event.id).toBe(held[0]!.id)
    expect(p).toMatchObject({ docNumber: expect.stringMatching(/^东政发〔\d{4}〕8号$/), briefing: { status: 'archived' }, canAsk: true })
    expect(p.interpretation!.summary).toContain('新开办企业')
    expect(p.interpretation!.qa).toHaveLength(2)
    expect(p.questions).toHaveLength(1)
    expect(p.questions[0]).toMatchObject({ nickname: '创业青年', awaitingReply: false, reply: { onTime: true } })
    expect(p.questions[0]!.reply!.body).toContain('无需抵押')
    const list = await json<PolicyListItemDto[]>(`/api/events/${p.event.id}/policies`)
    expect(list).toEqual([expect.objectContaining({ id: DEMO_POLICY, interpreted: true })])
    // The archive of the briefing shows it as any other question answered in writing.
    const archive = await json<ArchiveDto>(`/api/archive/${p.briefing!.sessionId}`)
    expect(archive.replies[p.questions[0]!.id]?.body).toBe(p.questions[0]!.reply!.body)
  })

  it('serves a real PDF of the policy, and the unit sees one question still to moderate', async () => {
    const p = await json<PublicPolicyDto>(`/api/policies/${DEMO_POLICY}`)
    const res = await fetch(`${h.url}${p.file.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    // With the CJK font installed (setup.sh installs it) the text is Chinese and extractable.
    let text: string | null = null
    try {
      const f = join(mkdtempSync(join(tmpdir(), 'openday-pdf-')), 'p.pdf')
      writeFileSync(f, bytes)
      text = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-']).toString()
    } catch { /* poppler-utils missing: the bytes were checked above */ }
    if (text !== null) expect(text.replace(/\s/g, '')).toContain(p.title)
    const staff = await json<PolicyStaffListDto>(`/api/unit/events/${p.event.id}/policies`, await login(h.url, 'admin'))
    expect(staff.documents).toEqual([expect.objectContaining({ id: DEMO_POLICY, late: false, overdue: false, questions: { pending: 1, approved: 1, rejected: 0 } })])
  })

  it("has 人社局's briefing later today, staffed, for the unit to prepare its policy", async () => {
    const e = await json<{ public: boolean; form: string; sessions: { id: string; status: string }[] }>(`/api/events/${DEMO_BRIEFING_SESSION}-event`)
    expect(e).toMatchObject({ public: true, form: 'press_release', sessions: [{ id: DEMO_BRIEFING_SESSION, status: 'scheduled' }] })
    const staff = await json<PolicyStaffListDto>(`/api/unit/events/${DEMO_BRIEFING_SESSION}-event/policies`, await login(h.url, 'editor'))
    expect(staff).toEqual({ canManage: true, documents: [] })
    const roles = await h.app.db.sessionStaff.findMany({ where: { sessionId: DEMO_BRIEFING_SESSION }, include: { user: true } })
    expect(roles.map((r) => [r.user.username, r.role]).sort()).toEqual([['guest', 'guest'], ['host', 'host'], ['moderator', 'moderator']])
  })
})

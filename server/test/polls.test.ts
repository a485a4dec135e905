import type { ArchiveDto, LiveFrame, PollDto, QuestionDefInput } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION } from '../src/seed/demo.ts'
import { citizenToken, client, type Client, clientId, frames, type Harness, ok, send, staff, startServer } from './harness.ts'

// Issue 13, live polls: who runs them, one vote per device and round held by the database (also
// two at the same moment), votes acked only once stored, closed polls refused, figures in the live
// frames as each poll's visibility allows, rounds kept, word clouds. SQLite and PostgreSQL.

let h: Harness
let host: Client
let moderator: Client
const citizens: { s: Client; f: ReturnType<typeof frames>; token: string }[] = []
const sessionId = DEMO_LIVE_SESSION
const choice: QuestionDefInput = { id: 'p1', kind: 'single', title: '您最关心哪项政策？', options: [{ id: 'a', label: '就业补贴' }, { id: 'b', label: '社保转移' }, { id: 'c', label: '技能培训' }] }

beforeAll(async () => {
  h = await startServer()
  host = await staff(h.url, 'host')
  moderator = await staff(h.url, 'moderator')
  ok(await send(host, 'session:join', { sessionId }))
  for (let i = 0; i < 3; i++) {
    const token = await citizenToken(h.url)
    const s = await client(h.url, { citizenToken: token })
    const f = frames(s)
    ok(await send(s, 'session:join', { sessionId }))
    citizens.push({ s, f, token })
  }
})
afterAll(async () => {
  for (const c of [host, moderator, ...citizens.map((x) => x.s)]) c?.close()
  await h?.close()
})

const create = async (question: QuestionDefInput, visibility: PollDto['visibility'] = 'always', who = host) =>
  ok(await send(who, 'poll:create', { sessionId, clientId: clientId(), question, visibility }))
const vote = (i: number, p: PollDto, answer: string | string[] | number, round = p.round || 1) => send(citizens[i]!.s, 'poll:vote', { pollId: p.id, round, answer })
const votesIn = (p: PollDto) => h.app.db.pollVote.count({ where: { round: { pollId: p.id } } })
const pollFrame = (id: string, votes: number) => (f: LiveFrame) => (f.polls?.[id]?.votes ?? 0) >= votes
const hasPollEvent = (type: string, id: string) => (f: LiveFrame) => (f.events ?? []).some((e) => e.type === type && 'poll' in e && e.poll.id === id)

describe('who runs polls', () => {
  it('the session\'s host and moderators (and the admin); not the guest, not a citizen', async () => {
    expect((await create(choice, 'always', moderator)).state).toBe('draft')
    const guest = await staff(h.url, 'guest')
    const refused = await send(guest, 'poll:create', { sessionId, clientId: clientId(), question: choice })
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    guest.close()
    expect(await send(citizens[0]!.s, 'poll:create', { sessionId, clientId: clientId(), question: choice })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    const admin = await staff(h.url, 'admin')
    expect((await send(admin, 'poll:create', { sessionId, clientId: clientId(), question: choice })).ok).toBe(true)
    admin.close()
    // A question a poll cannot ask, or a tampered one, is refused at the edge.
    expect(await send(host, 'poll:create', { sessionId, clientId: clientId(), question: { id: 'x', kind: 'text', title: '说说' } })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await send(host, 'poll:create', { sessionId, clientId: clientId(), question: { ...choice, options: [{ id: 'a', label: 'A' }] } })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })

  it('drafts reach staff only; the same create again is the same poll', async () => {
    const cid = clientId()
    const p = ok(await send(host, 'poll:create', { sessionId, clientId: cid, question: choice }))
    const again = ok(await send(host, 'poll:create', { sessionId, clientId: cid, question: choice }))
    expect(again.id).toBe(p.id)
    const snap = ok(await send(citizens[0]!.s, 'session:join', { sessionId }))
    expect(snap.polls.map((x) => x.id)).not.toContain(p.id)
    expect(ok(await send(host, 'session:join', { sessionId })).polls.map((x) => x.id)).toContain(p.id)
  })
})

describe('a poll whose figures everyone sees', () => {
  let p: PollDto
  it('opens for everyone; votes are acked once stored, one per device', async () => {
    p = ok(await send(host, 'poll:open', { pollId: (await create(choice)).id }))
    expect(p).toMatchObject({ state: 'open', round: 1 })
    await citizens[0]!.f.waitFor(hasPollEvent('poll:opened', p.id))
    const r = ok(await vote(0, p, 'a'))
    expect(r.results?.votes).toBe(1)
    expect(await votesIn(p)).toBe(1)
    // The same vote again (a lost ack) is answered as stored; another answer from the device is refused.
    expect((await vote(0, p, 'a')).ok).toBe(true)
    expect(await vote(0, p, 'b')).toMatchObject({ ok: false, code: 'ALREADY_ANSWERED' })
    expect(await votesIn(p)).toBe(1)
  })

  it('two votes at the same moment from one device: one is stored', async () => {
    const res = await Promise.all([vote(1, p, 'b'), vote(1, p, 'c'), vote(1, p, 'a')])
    expect(res.filter((r) => r.ok)).toHaveLength(1)
    expect(res.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['ALREADY_ANSWERED', 'ALREADY_ANSWERED'])
    expect(await votesIn(p)).toBe(2)
  })

  it('a device that has not joined the session may not vote in its polls', async () => {
    const outsider = await client(h.url, { citizenToken: await citizenToken(h.url) })
    expect(await send(outsider, 'poll:vote', { pollId: p.id, round: 1, answer: 'a' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await send(outsider, 'poll:vote', { pollId: 'nope', round: 1, answer: 'a' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    outsider.close()
    expect(await votesIn(p)).toBe(2)
  })

  it('answers that do not fit, and votes for another round, are refused and not stored', async () => {
    expect(await vote(2, p, 'z')).toMatchObject({ ok: false, code: 'ANSWER_INVALID' })
    expect(await vote(2, p, ['a'])).toMatchObject({ ok: false, code: 'ANSWER_INVALID' })
    expect(await vote(2, p, 'a', 2)).toMatchObject({ ok: false, code: 'NOT_OPEN' })
    expect(await votesIn(p)).toBe(2)
  })

  it('the running figures reach every viewer in the frames, coalesced', async () => {
    const f = await citizens[2]!.f.waitFor(pollFrame(p.id, 2))
    const result = f.polls![p.id]!.result
    expect(result.kind === 'single' && result.options.reduce((n, o) => n + o.count, 0)).toBe(2)
  })

  it('closed: refused; the final figures frozen; shown; run again keeps the first round', async () => {
    p = ok(await send(moderator, 'poll:close', { pollId: p.id }))
    expect(p.rounds[0]!.results?.votes).toBe(2)
    expect(await vote(2, p, 'a')).toMatchObject({ ok: false, code: 'NOT_OPEN' })
    expect(await send(host, 'poll:close', { pollId: p.id })).toMatchObject({ ok: false, code: 'CONFLICT' })
    p = ok(await send(host, 'poll:show', { pollId: p.id }))
    expect(p.state).toBe('shown')
    p = ok(await send(host, 'poll:open', { pollId: p.id }))
    expect(p).toMatchObject({ state: 'open', round: 2 })
    expect(ok(await vote(0, p, 'c')).round).toBe(2)
    p = ok(await send(host, 'poll:close', { pollId: p.id }))
    expect(p.rounds.map((r) => [r.number, r.results?.votes])).toEqual([[1, 2], [2, 1]])
  })
})

describe('visibility', () => {
  it('"after closing": no figures while open, for voters neither; then everyone gets them', async () => {
    const p = ok(await send(host, 'poll:open', { pollId: (await create({ ...choice, id: 'p2' }, 'closed')).id }))
    await citizens[1]!.f.waitFor(hasPollEvent('poll:opened', p.id))
    const r = ok(await vote(1, p, 'b'))
    expect(r.results).toBeNull()
    const snap = ok(await send(citizens[1]!.s, 'session:join', { sessionId }))
    expect(snap.polls.find((x) => x.id === p.id)).toMatchObject({ voted: true, results: null })
    // Staff see the running figures.
    expect(ok(await send(host, 'session:join', { sessionId })).polls.find((x) => x.id === p.id)!.results?.votes).toBe(1)
    ok(await send(host, 'poll:close', { pollId: p.id }))
    const closed = await citizens[0]!.f.waitFor(hasPollEvent('poll:closed', p.id))
    const e = closed.events!.find((x) => x.type === 'poll:closed' && 'poll' in x && x.poll.id === p.id)
    expect(e && 'poll' in e && e.poll.results?.votes).toBe(1)
    expect(citizens[0]!.f.all.some((f) => f.polls?.[p.id])).toBe(false)
  })

  it('"after voting": the voter gets figures, the others do not until it closes', async () => {
    const p = ok(await send(host, 'poll:open', { pollId: (await create({ ...choice, id: 'p3' }, 'voted')).id }))
    await citizens[2]!.f.waitFor(hasPollEvent('poll:opened', p.id))
    expect(ok(await vote(2, p, 'c')).results?.votes).toBe(1)
    ok(await vote(0, p, 'a'))
    await citizens[2]!.f.waitFor(pollFrame(p.id, 2))
    expect(citizens[1]!.f.all.some((f) => f.polls?.[p.id])).toBe(false)
    const snap = ok(await send(citizens[1]!.s, 'session:join', { sessionId }))
    expect(snap.polls.find((x) => x.id === p.id)).toMatchObject({ voted: false, results: null })
    ok(await send(host, 'poll:close', { pollId: p.id }))
  })

  it('"presenter only": figures reach nobody but staff until the host shows them', async () => {
    const p = ok(await send(host, 'poll:open', { pollId: (await create({ ...choice, id: 'p4' }, 'presenter')).id }))
    ok(await vote(0, p, 'a'))
    ok(await send(host, 'poll:close', { pollId: p.id }))
    const closed = await citizens[1]!.f.waitFor(hasPollEvent('poll:closed', p.id))
    const e = closed.events!.find((x) => x.type === 'poll:closed')
    expect(e && 'poll' in e && e.poll.results).toBeNull()
    ok(await send(host, 'poll:show', { pollId: p.id }))
    const shown = await citizens[1]!.f.waitFor(hasPollEvent('poll:shown', p.id))
    const s = shown.events!.find((x) => x.type === 'poll:shown')
    expect(s && 'poll' in s && s.poll.results?.votes).toBe(1)
  })
})

describe('a word cloud', () => {
  it('segments Chinese answers into words and counts each once per voter', async () => {
    const p = ok(await send(host, 'poll:open', { pollId: (await create({ id: 'w', kind: 'words', title: '用一个词说说您的期待' })).id }))
    ok(await vote(0, p, '就业更方便'))
    ok(await vote(1, p, '方便快捷'))
    ok(await vote(2, p, '的'))
    const closed = ok(await send(host, 'poll:close', { pollId: p.id }))
    const r = closed.rounds[0]!.results!.result
    expect(r.kind === 'words' && r.words[0]).toEqual({ word: '方便', count: 2 })
    expect(r.kind === 'words' && r.words.map((w) => w.word)).not.toContain('的')
  })
})

describe('the session ends', () => {
  it('an open poll closes with it (its figures frozen); the archive shows every poll that ran', async () => {
    const draft = await create(choice)
    const open = ok(await send(host, 'poll:open', { pollId: (await create({ ...choice, id: 'last' })).id }))
    ok(await vote(0, open, 'b'))
    ok(await send(host, 'session:end', { sessionId }))
    await citizens[1]!.f.waitFor(hasPollEvent('poll:closed', open.id))
    expect(await send(host, 'poll:open', { pollId: draft.id })).toMatchObject({ ok: false, code: 'SESSION_CLOSED' })
    const archive = (await (await fetch(`${h.url}/api/archive/${sessionId}`)).json()) as ArchiveDto
    expect(archive.polls.map((p) => p.id)).not.toContain(draft.id)
    const last = archive.polls.find((p) => p.id === open.id)!
    expect(last).toMatchObject({ state: 'closed', results: { votes: 1 } })
    const first = archive.polls.find((p) => p.question.id === 'p1' && p.rounds.length === 2)!
    expect(first.rounds.map((r) => r.results?.votes)).toEqual([2, 1])
    // "presenter only" and shown: public; the cloud too.
    expect(archive.polls.find((p) => p.question.id === 'p4')!.results?.votes).toBe(1)
    expect(archive.polls.find((p) => p.question.id === 'w')!.results?.result.kind).toBe('words')
  })
})

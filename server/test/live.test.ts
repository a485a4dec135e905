import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../src/seed/demo.ts'
import { citizenToken, client, clientId, frames, type Harness, hasEvent, ok, send, startServer, staff } from './harness.ts'

let h: Harness
beforeAll(async () => { h = await startServer() })
afterAll(async () => { await h?.close() })

describe('moderated Q&A over real sockets', () => {
  it('submit -> moderator sees it -> approve -> every client gets it -> persisted', async () => {
    const alice = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const bob = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const aliceF = frames(alice), bobF = frames(bob), modF = frames(mod)
    for (const c of [alice, bob]) expect(ok(await send(c, 'session:join', { sessionId: S })).staff).toBe(false)
    expect(ok(await send(mod, 'session:join', { sessionId: S })).staff).toBe(true)

    const q = ok(await send(alice, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'Alice', body: '社保卡丢了怎么补办？电话13812345678' }))
    expect(q.status).toBe('pending')
    expect(q.body).toBe('社保卡丢了怎么补办？电话138****5678')
    expect(q).not.toHaveProperty('citizenId')

    // Moderators get it (with staff fields); Alice sees her own; Bob does not (先审后发).
    const modFrame = await modF.waitFor(hasEvent('question:submitted', q.id))
    const staffEvent = modFrame.events!.find((e) => e.type === 'question:submitted')!
    expect('question' in staffEvent && 'sensitiveHits' in staffEvent.question).toBe(true)
    await aliceF.waitFor(hasEvent('question:submitted', q.id))
    ok(await send(mod, 'question:approve', { questionId: q.id }))
    await bobF.waitFor(hasEvent('question:approved', q.id))
    expect(bobF.events().some((e) => e.type === 'question:submitted')).toBe(false)

    const row = await h.app.db.question.findUnique({ where: { id: q.id } })
    expect(row?.status).toBe('approved')
    expect(row?.body).not.toContain('13812345678')
    const logged = await h.app.db.sessionEvent.findMany({ where: { sessionId: S, type: { in: ['question:submitted', 'question:approved'] } } })
    expect(logged.filter((e) => e.payload.includes(q.id))).toHaveLength(2)
    for (const c of [alice, bob, mod]) c.close()
  })

  it('masks numbers however they are typed, in the question, the nickname and a moderator\'s edit, keeping the rest as typed', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '张三１３８１２３４５６７８', body: '社保卡丢了（急！）电话１３８．１２３４．５６７８，身份证430102 19900101 123X' }))
    expect(q.body).toBe('社保卡丢了（急！）电话138****5678，身份证430102***********X')
    expect(q.nickname).toBe('张三138****5678')
    const edited = ok(await send(mod, 'question:approve', { questionId: q.id, body: '社保卡丢失如何补办？（来电：0746　853　3171）' }))
    expect(edited.body).toBe('社保卡丢失如何补办？（来电：0746-***3171）')
    const row = await h.app.db.question.findUniqueOrThrow({ where: { id: q.id } })
    expect(`${row.body} ${row.nickname}`).not.toMatch(/1234|8533|19900101/)
    c.close(); mod.close()
  })

  it('a retried submission never creates a duplicate', async () => {
    const token = await citizenToken(h.url)
    const c = await client(h.url, { citizenToken: token })
    const id = clientId()
    const payload = { sessionId: S, clientId: id, nickname: '重试', body: '同一个问题提交两次' }
    const [a, b] = await Promise.all([send(c, 'question:submit', payload), send(c, 'question:submit', payload)])
    expect(ok(a).id).toBe(ok(b).id)
    const again = ok(await send(c, 'question:submit', payload))
    expect(again.id).toBe(ok(a).id)
    expect(await h.app.db.question.count({ where: { sessionId: S, clientId: id } })).toBe(1)
    // Another device cannot take over the id.
    const other = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const stolen = await send(other, 'question:submit', payload)
    expect(stolen.ok ? 'ok' : stolen.code).toBe('CONFLICT')
    c.close(); other.close()
  })

  it('held by the sensitive-word filter with the hit shown to the moderator', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const modF = frames(mod)
    ok(await send(mod, 'session:join', { sessionId: S }))
    const q = ok(await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '网友', body: '有人在小区里赌 博怎么办' }))
    const f = await modF.waitFor(hasEvent('question:submitted', q.id))
    const e = f.events!.find((x) => x.type === 'question:submitted' && 'question' in x && x.question.id === q.id)!
    expect('question' in e && (e.question as { sensitiveHits: string[] }).sensitiveHits).toEqual(['赌博'])
    expect(q.status).toBe('pending')
    c.close(); mod.close()
  })

  it('answering now, answer, upvotes once per device, coalesced counts', async () => {
    const asker = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const voter = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const mod = await staff(h.url, 'moderator')
    const guest = await staff(h.url, 'guest')
    const voterF = frames(voter)
    for (const s of [asker, voter, mod, guest]) ok(await send(s, 'session:join', { sessionId: S }))
    const q = ok(await send(asker, 'question:submit', { sessionId: S, clientId: clientId(), nickname: 'A', body: '请问失业保险金怎么申领？' }))
    ok(await send(mod, 'question:approve', { questionId: q.id, body: '失业保险金如何申领？' }))
    expect(ok(await send(voter, 'question:upvote', { questionId: q.id })).upvotes).toBe(1)
    expect(ok(await send(voter, 'question:upvote', { questionId: q.id })).upvotes).toBe(1)
    await voterF.waitFor((f) => f.votes?.[q.id] === 1)
    ok(await send(guest, 'question:answering', { questionId: q.id }))
    await voterF.waitFor(hasEvent('question:answering', q.id))
    const answered = ok(await send(guest, 'question:answer', { questionId: q.id, answer: '可在线申领。' }))
    expect(answered).toMatchObject({ status: 'answered', answer: '可在线申领。', body: '失业保险金如何申领？' })
    await voterF.waitFor(hasEvent('question:answered', q.id))
    for (const s of [asker, voter, mod, guest]) s.close()
  })

  it('rate-limits a device that floods questions', async () => {
    const c = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const codes = []
    for (let i = 0; i < 7; i++) {
      const r = await send(c, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '刷屏', body: `问题 ${i}` })
      codes.push(r.ok ? 'ok' : r.code)
    }
    expect(codes.slice(0, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
    c.close()
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION as S } from '../../src/seed/demo.ts'
import { citizenToken, client, clientId, type Client, type Harness, login, ok, send, startServer } from '../harness.ts'
import { record } from './report.ts'

// Issue 15, fault 6 (its text part): half of a surrogate pair is refused everywhere — not only
// where a schema remembered `text()`: the packet guard (socket/packets.ts) and the JSON-body check
// (http/middleware.ts) see every string of every payload, keys too. Each refusal is BAD_REQUEST and
// nothing is stored. Sent as JSON, a lone surrogate travels as the escape "\ud800" and comes back
// out of JSON.parse as the lone code unit it is.

let h: Harness
let citizen: Client
let host: Client
let cookie: { admin: string; editor: string }
const LONE = ['\ud800', '\udfff', 'a\ud83d', '\ude00b']

beforeAll(async () => {
  h = await startServer({ MEDIA_ENABLED: 'false' })
  citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
  ok(await send(citizen, 'session:join', { sessionId: S }))
  host = await client(h.url, { cookie: await login(h.url, 'host') })
  ok(await send(host, 'session:join', { sessionId: S }))
  cookie = { admin: await login(h.url, 'admin'), editor: await login(h.url, 'editor') }
})
const refused = { socket: 0, rest: 0 }
afterAll(async () => {
  record({ fault: '6 text that is not well-formed Unicode', injected: `lone surrogates (${LONE.length} kinds) in values, keys and nested arrays of socket commands and JSON bodies`, counts: { 'socket commands refused': refused.socket, 'REST requests refused': refused.rest, stored: 0 } })
  citizen.close(); host.close(); await h.close()
})

/** What a refused payload could have changed: every table it aims at, and the session's numbering. */
const fingerprint = async () => {
  const db = h.app.db
  const [questions, entries, polls, proposals, users, seq] = await Promise.all([
    db.question.count(), db.transcriptEntry.count(), db.poll.count(), db.proposal.count(), db.user.count(),
    db.session.findUniqueOrThrow({ where: { id: S }, select: { seq: true } }).then((s) => s.seq),
  ])
  return { questions, entries, polls, proposals, users, seq }
}
const rest = (path: string, body: unknown, as?: string) => fetch(`${h.url}/api${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-openday-csrf': '1', ...(as ? { cookie: as } : {}) }, body: JSON.stringify(body),
})

describe('text that is not well-formed Unicode', () => {
  it('is refused on every socket command, in any field and in keys, and nothing is stored', async () => {
    const before = await fingerprint()
    for (const bad of LONE) {
      const cases: [Client, string, unknown][] = [
        [citizen, 'question:submit', { sessionId: S, clientId: clientId(), nickname: `网友${bad}`, body: '一个正常的问题' }],
        [citizen, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '网友', body: `问题${bad}正文` }],
        [host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: `主持人${bad}`, body: '文字实录' }],
        [host, 'transcript:post', { sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '主持人', body: `实录${bad}` }],
        [host, 'poll:create', { sessionId: S, clientId: clientId(), question: { type: 'single', title: '投票', options: [{ id: 'a', label: `选项${bad}` }, { id: 'b', label: '乙' }] } }],
        // In a key, and deep inside: no schema would even look there.
        [citizen, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '网友', body: '正常', [`x${bad}`]: 1 }],
        [citizen, 'session:join', { sessionId: S, extra: [[{ deep: [bad] }]] }],
      ]
      for (const [s, event, payload] of cases) {
        const r = (await s.timeout(5_000).emitWithAck(event as 'session:join', payload as never)) as { ok: boolean; code?: string; message?: string }
        expect({ event, r }).toMatchObject({ event, r: { ok: false, code: 'BAD_REQUEST', message: expect.stringContaining('well-formed Unicode') } })
        refused.socket++
      }
    }
    expect(await fingerprint()).toEqual(before)
    // The same connections still work: a refusal is an answer, not a cut.
    ok(await send(citizen, 'question:submit', { sessionId: S, clientId: clientId(), nickname: '网友😀', body: '表情😀是完整的字符' }))
    expect((await fingerprint()).questions).toBe(before.questions + 1)
  })

  it('is refused on every JSON route, before the route runs, and nothing is stored', async () => {
    const before = await fingerprint()
    for (const bad of LONE) {
      const cases: [string, unknown, string?][] = [
        ['/auth/login', { username: `admin${bad}`, password: 'x' }],
        ['/unit/proposals', { title: `主题${bad}`, form: 'interview' }, cookie.editor],
        ['/admin/accounts', { username: 'newone', displayName: `新人${bad}`, role: 'host' }, cookie.admin],
        ['/citizens/token', { note: [bad] }],
      ]
      for (const [path, body, as] of cases) {
        const res = await rest(path, body, as)
        const json = (await res.json()) as { error?: { code: string; message: string } }
        expect({ path, status: res.status, json }).toMatchObject({ path, status: 400, json: { error: { code: 'BAD_REQUEST', message: expect.stringContaining('well-formed Unicode') } } })
        refused.rest++
      }
    }
    // A query string cannot carry one (percent-decoding is UTF-8), but a search term is text too.
    const q = await fetch(`${h.url}/api/archive?q=${encodeURIComponent('正常😀')}`)
    expect(q.status).toBeLessThan(500)
    expect(await fingerprint()).toEqual(before)
  })
})

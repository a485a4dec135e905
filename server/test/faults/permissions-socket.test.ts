import type { ClientToServerEvents } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACTORS, type ActorKey, COMMANDS, PROVEN } from '../../src/features/auth/permissions.ts'
import { DEMO_HOTLINE_SESSION, DEMO_LIVE_SESSION, DEMO_UPCOMING_SESSION, DEMO_VIDEO_SESSION } from '../../src/seed/demo.ts'
import { type Client, client, clientId, type Harness, ok, send, startServer } from '../harness.ts'
import { type ActorLogin, changedTables, fingerprint, loginActors, registeredCommands } from './permission-actors.ts'
import { record } from './report.ts'

// Issue 15, fault 7 (socket half): every command the server registers × every actor of the matrix.
let h: Harness
let actors: Record<ActorKey, ActorLogin>
const sockets = new Map<ActorKey, Client>()
type Cmd = keyof ClientToServerEvents
let payloads: Record<Cmd, () => unknown>
const counts = { allowed: 0, succeeded: 0, refused: 0 }

beforeAll(async () => {
  h = await startServer()
  actors = await loginActors(h)
  for (const a of ACTORS) sockets.set(a, await client(h.url, { cookie: actors[a].cookie, citizenToken: actors[a].citizenToken }))
  const db = h.app.db
  const [q1, q2] = await db.question.findMany({ where: { sessionId: DEMO_LIVE_SESSION }, orderBy: { createdAt: 'asc' }, take: 2 })
  const poll = (await db.poll.findFirst({ where: { sessionId: DEMO_LIVE_SESSION } }))!
  const domain = (await db.hotlineDomain.findFirst())!.id
  const type = (await db.appealType.findFirst())!.id
  // A request to speak to decide on: the video interview goes live and a citizen asks.
  ok(await send(sockets.get('host')!, 'session:start', { sessionId: DEMO_VIDEO_SESSION }))
  const request = ok(await send(sockets.get('citizen')!, 'stage:request', { sessionId: DEMO_VIDEO_SESSION, nickname: '市民' }))
  const t = new Date(Date.now() - 60_000)
  const question = JSON.parse(poll.question) as never
  const S = DEMO_LIVE_SESSION
  payloads = {
    'session:join': () => ({ sessionId: S }),
    'session:page': () => ({ sessionId: S, kind: 'questions', before: q2!.id }),
    'session:leave': () => ({ sessionId: S }),
    // Not the live one: an allowed start or end must not close the session the other rows act in.
    'session:start': () => ({ sessionId: DEMO_UPCOMING_SESSION }),
    'session:end': () => ({ sessionId: DEMO_UPCOMING_SESSION }),
    'question:submit': () => ({ sessionId: S, clientId: clientId(), nickname: '网友', body: '请问灵活就业补贴怎么申请？' }),
    'question:upvote': () => ({ questionId: q1!.id }),
    'question:approve': () => ({ questionId: q1!.id }),
    'question:reject': () => ({ questionId: q2!.id, reason: '重复' }),
    'question:merge': () => ({ questionId: q2!.id, intoId: q1!.id }),
    'question:answering': () => ({ questionId: q1!.id }),
    'question:answer': () => ({ questionId: q1!.id, answer: '感谢关注。' }),
    'transcript:post': () => ({ sessionId: S, clientId: clientId(), speaker: 'host', speakerName: '李明', body: '下面请局长回答。' }),
    'media:join': () => ({ sessionId: DEMO_VIDEO_SESSION }),
    'media:leave': () => ({ sessionId: DEMO_VIDEO_SESSION }),
    'media:transport': () => ({ sessionId: DEMO_VIDEO_SESSION, direction: 'send' }),
    'media:connect': () => ({ transportId: 'no-such-transport', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] } }),
    'media:produce': () => ({ transportId: 'no-such-transport', kind: 'audio', source: 'mic', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] } }),
    'media:producer': () => ({ producerId: 'no-such-producer', action: 'pause' }),
    'media:consume': () => ({ transportId: 'no-such-transport', producerId: 'no-such-producer', rtpCapabilities: {} }),
    'media:consumer': () => ({ consumerId: 'no-such-consumer', action: 'pause' }),
    'media:layers': () => ({ consumerId: 'no-such-consumer', spatialLayer: null }),
    'stage:request': () => ({ sessionId: DEMO_VIDEO_SESSION, nickname: '市民' }),
    'stage:cancel': () => ({ sessionId: DEMO_VIDEO_SESSION }),
    'stage:decide': () => ({ requestId: request.id, decision: 'decline' }),
    'call:log': () => ({ sessionId: DEMO_HOTLINE_SESSION, clientId: clientId(), phone: '13800001111', domainId: domain, appealTypeId: type, content: '咨询社保缴费。', leader: '王建国', startedAt: t.toISOString(), endedAt: new Date(t.getTime() + 30_000).toISOString(), disposition: 'answered', reply: '已解答。' }),
    'poll:create': () => ({ sessionId: S, clientId: clientId(), question }),
    'poll:update': () => ({ pollId: poll.id, question, visibility: 'always' }),
    'poll:open': () => ({ pollId: poll.id }),
    'poll:close': () => ({ pollId: poll.id }),
    'poll:show': () => ({ pollId: poll.id }),
    'poll:vote': () => ({ pollId: poll.id, round: 1, answer: 'x' }),
  }
}, 120_000)
afterAll(async () => {
  for (const s of sockets.values()) s.close()
  await h?.close()
})

const run = async (cmd: Cmd, a: ActorKey) => {
  const r = await send(sockets.get(a)!, cmd, payloads[cmd]() as never) as { ok: boolean; code?: string }
  return r.ok ? 'ok' : r.code!
}
// Refused before anything runs, so order does not matter; the allowed ones that end or decide go last.
const LAST: Cmd[] = ['stage:decide', 'session:end']

describe('the permission matrix, socket commands', () => {
  it('has a row for every command the server registers, and no row for one that is gone', () => {
    const registered = registeredCommands(h)
    expect(registered.filter((c) => !(c in COMMANDS)), 'commands without a row').toEqual([])
    expect(Object.keys(COMMANDS).filter((c) => !registered.includes(c)), 'rows without a command').toEqual([])
  })

  it('refuses every cell not allowed (UNAUTHENTICATED/FORBIDDEN) and changes nothing', async () => {
    const wrong: string[] = []
    for (const cmd of Object.keys(COMMANDS) as Cmd[]) {
      const p = COMMANDS[cmd]
      const refused = ACTORS.filter((a) => !p.allow.includes(a))
      if (refused.length === 0) continue
      const before = await fingerprint(h)
      for (const a of refused) {
        const code = await run(cmd, a)
        const expected = p.refusedWith ? [p.refusedWith] : a === 'anonymous' || a === 'citizen' ? ['UNAUTHENTICATED'] : ['FORBIDDEN']
        if (!expected.includes(code)) wrong.push(`${cmd} as ${a}: ${code}`)
        counts.refused++
      }
      const changed = changedTables(before, await fingerprint(h))
      if (changed.length) wrong.push(`${cmd}: refused calls changed ${changed.join(', ')}`)
    }
    expect(wrong).toEqual([])
  }, 300_000)

  it('never refuses an allowed cell for authorisation', async () => {
    const wrong: string[] = []
    const failed: string[] = []
    const order = [...(Object.keys(COMMANDS) as Cmd[]).filter((c) => !LAST.includes(c)), ...LAST]
    for (const cmd of order) {
      for (const a of COMMANDS[cmd].allow) {
        const code = await run(cmd, a)
        if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') wrong.push(`${cmd} as ${a}: ${code}`)
        counts.allowed++
        if (code === 'ok') counts.succeeded++
        else failed.push(`${cmd} as ${a}: ${code}`)
      }
    }
    if (process.env.PERMISSIONS_VERBOSE) console.log(`allowed, not refused but not ok:\n${failed.join('\n')}`)
    expect(wrong).toEqual([])
    record({ fault: '7 permission matrix (socket)', injected: `every socket command × ${ACTORS.length} actors on the live-core demo`, counts: { commands: Object.keys(COMMANDS).length, actors: ACTORS.length, cells: counts.allowed + counts.refused, allowed: counts.allowed, succeeded: counts.succeeded, notRefusedOnly: counts.allowed - counts.succeeded, refused: counts.refused, holes: 0 } })
    // The figures docs/PERMISSIONS.md states.
    expect({ allowed: counts.allowed, succeeded: counts.succeeded }).toEqual(PROVEN.socket)
  }, 300_000)
})

import type { MediaJoinResult, ServerToClientEvents, StageState } from '@openday/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LIVE_SESSION, DEMO_VIDEO_SESSION as V } from '../src/seed/demo.ts'
import { citizenToken, client, type Client, type Harness, ok, send, startServer, staff } from './harness.ts'

// Real mediasoup workers behind the real server; the "browsers" are socket.io clients that send
// the RTP parameters a browser's mediasoup-client would. No media flows (no DTLS here): these
// tests are about signalling and rights; e2e/specs/video.spec.ts plays real video.

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

const vp8 = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `c${ssrc}` },
})
const opus = (ssrc: number) => ({
  mid: '1',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
  headerExtensions: [],
  encodings: [{ ssrc }],
  rtcp: { cname: `c${ssrc}` },
})

/** Waits for the next `event` whose payload passes `test`. */
function next<E extends keyof ServerToClientEvents>(s: Client, event: E, test: (p: Parameters<ServerToClientEvents[E]>[0]) => boolean, ms = 5000) {
  return new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms)
    const on = (p: never) => {
      if (!test(p)) return
      clearTimeout(t)
      s.off(event, on as never)
      resolve(p)
    }
    s.on(event, on as never)
  })
}
const hasProducer = (id: string) => (st: StageState) => st.producers.some((p) => p.id === id)

async function publish(s: Client, sessionId: string, kind: 'video' | 'audio', ssrc: number) {
  const t = ok(await send(s, 'media:transport', { sessionId, direction: 'send' }))
  const source = kind === 'video' ? 'camera' as const : 'mic' as const
  return ok(await send(s, 'media:produce', { transportId: t.id, kind, source, rtpParameters: kind === 'video' ? vp8(ssrc) : opus(ssrc) })).producerId
}

let h: Harness
let host: Client, guest: Client, moderator: Client
beforeAll(async () => {
  h = await startServer({ MEDIA_WORKERS: '2' })
  ;[host, guest, moderator] = await Promise.all([staff(h.url, 'host'), staff(h.url, 'guest'), staff(h.url, 'moderator')])
})
afterAll(async () => {
  for (const s of [host, guest, moderator]) s?.close()
  await h?.close()
})

describe('media signalling', () => {
  it('lets staff prepare before the start, keeps the public out until live, and has no video for text sessions', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    const g = ok(await send(guest, 'media:join', { sessionId: V }))
    expect(g.canProduce).toBe(true)
    expect(g.rtpCapabilities).toHaveProperty('codecs')
    expect(code(await send(viewer, 'media:join', { sessionId: V }))).toBe('CONFLICT')
    expect(code(await send(viewer, 'media:join', { sessionId: DEMO_LIVE_SESSION }))).toBe('CONFLICT')
    expect(code(await send(viewer, 'media:transport', { sessionId: V, direction: 'recv' }))).toBe('CONFLICT')
    expect(code(await send(viewer, 'media:join', { sessionId: 'no-such-session' }))).toBe('NOT_FOUND')
    ok(await send(host, 'session:start', { sessionId: V }))
    const v = ok(await send(viewer, 'media:join', { sessionId: V }))
    expect(v).toMatchObject({ canProduce: false, webrtc: true, myRequest: null })
    expect(v.stage.requests).toBeUndefined()
    viewer.close()
  })

  it('relays a guest\'s tracks to viewers, and refuses publishing to anyone else', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(viewer, 'media:join', { sessionId: V }))
    const mod = ok(await send(moderator, 'media:join', { sessionId: V }))
    expect(mod.canProduce).toBe(false)
    expect(code(await send(viewer, 'media:transport', { sessionId: V, direction: 'send' }))).toBe('FORBIDDEN')
    expect(code(await send(moderator, 'media:transport', { sessionId: V, direction: 'send' }))).toBe('FORBIDDEN')

    ok(await send(guest, 'media:join', { sessionId: V }))
    const seen = next(viewer, 'media:stage', (st) => st.producers.some((p) => p.kind === 'video'))
    const videoId = await publish(guest, V, 'video', 1111)
    const stage = await seen
    expect(stage.producers.find((p) => p.id === videoId)).toMatchObject({ source: 'camera', role: 'guest', name: '人社局局长 王建国', paused: false })

    const recv = ok(await send(viewer, 'media:transport', { sessionId: V, direction: 'recv' }))
    const caps = ok(await send(viewer, 'media:join', { sessionId: V })).rtpCapabilities as { codecs: unknown[] }
    const consumer = ok(await send(viewer, 'media:consume', { transportId: recv.id, producerId: videoId, rtpCapabilities: caps as never }))
    expect(consumer).toMatchObject({ producerId: videoId, kind: 'video' })
    ok(await send(viewer, 'media:consumer', { consumerId: consumer.id, action: 'resume' }))
    ok(await send(viewer, 'media:layers', { consumerId: consumer.id, spatialLayer: 0 }))
    // Ids of other connections' objects are not handles anyone else can use.
    expect(code(await send(moderator, 'media:consumer', { consumerId: consumer.id, action: 'pause' }))).toBe('NOT_FOUND')
    expect(code(await send(viewer, 'media:producer', { producerId: videoId, action: 'close' }))).toBe('NOT_FOUND')
    expect(code(await send(viewer, 'media:consume', { transportId: recv.id, producerId: 'nope', rtpCapabilities: caps as never }))).toBe('NOT_FOUND')

    // Muting is seen by everyone; closing the track closes the viewers' consumers.
    const paused = next(viewer, 'media:stage', (st) => st.producers.some((p) => p.id === videoId && p.paused))
    ok(await send(guest, 'media:producer', { producerId: videoId, action: 'pause' }))
    await paused
    const closed = next(viewer, 'media:consumer:closed', (m) => m.consumerId === consumer.id)
    ok(await send(guest, 'media:producer', { producerId: videoId, action: 'close' }))
    await closed
    viewer.close()
  })

  it('rejects hostile parameters with codes', async () => {
    const t = ok(await send(guest, 'media:transport', { sessionId: V, direction: 'send' }))
    const bad = (rtpParameters: unknown, kind = 'video', source = 'camera') =>
      send(guest, 'media:produce', { transportId: t.id, kind, source, rtpParameters } as never).then(code)
    expect(await bad({ codecs: [] })).toBe('BAD_REQUEST')
    expect(await bad(JSON.parse('{"codecs":[{"mimeType":"video/VP8","clockRate":90000}],"__proto__":{"x":1}}'))).toBe('BAD_REQUEST')
    expect(await bad({ ...vp8(5), codecs: Array.from({ length: 40 }, () => vp8(5).codecs[0]) })).toBe('BAD_REQUEST')
    expect(await bad(opus(6), 'audio', 'camera')).toBe('BAD_REQUEST')
    // Valid shape, but a codec the router does not have: mediasoup refuses, and so do we.
    expect(await bad({ ...vp8(7), codecs: [{ mimeType: 'video/AV2', payloadType: 100, clockRate: 90000 }] })).not.toBe('ok')
    expect(code(await send(guest, 'media:connect', { transportId: t.id, dtlsParameters: { fingerprints: [] } }))).toBe('BAD_REQUEST')
    expect(code(await send(guest, 'media:connect', { transportId: 'x'.repeat(65), dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } }))).toBe('BAD_REQUEST')
  })

  it('brings a citizen on stage when the host approves, and takes them off when removed', async () => {
    const citizen = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(citizen, 'media:join', { sessionId: V }))
    const asked = next(host, 'media:stage', (st) => (st.requests ?? []).some((r) => r.nickname === '市民小张'))
    ok(await send(host, 'media:join', { sessionId: V }))
    const req = ok(await send(citizen, 'stage:request', { sessionId: V, nickname: '市民小张' }))
    expect(req.status).toBe('requested')
    await asked
    expect(code(await send(moderator, 'stage:decide', { requestId: req.id, decision: 'approve' }))).toBe('FORBIDDEN')
    expect(code(await send(citizen, 'stage:decide', { requestId: req.id, decision: 'approve' }))).toBe('UNAUTHENTICATED')
    expect(code(await send(citizen, 'media:transport', { sessionId: V, direction: 'send' }))).toBe('FORBIDDEN')

    const approved = next(citizen, 'media:request', (r) => r.status === 'approved')
    ok(await send(host, 'stage:decide', { requestId: req.id, decision: 'approve' }))
    await approved
    const again: MediaJoinResult = ok(await send(citizen, 'media:join', { sessionId: V }))
    expect(again.canProduce).toBe(true)
    expect(again.myRequest?.status).toBe('approved')
    const onStage = next(host, 'media:stage', (st) => st.producers.some((p) => p.role === 'citizen'))
    const mic = await publish(citizen, V, 'audio', 2222)
    expect((await onStage).producers.find((p) => p.id === mic)).toMatchObject({ role: 'citizen', name: '市民小张', memberId: `c:${req.id}` })

    const removed = next(citizen, 'media:request', (r) => r.status === 'removed')
    const gone = next(host, 'media:stage', (st) => !hasProducer(mic)(st))
    ok(await send(host, 'stage:decide', { requestId: req.id, decision: 'remove' }))
    await Promise.all([removed, gone])
    expect(code(await send(citizen, 'media:transport', { sessionId: V, direction: 'send' }))).toBe('FORBIDDEN')
    expect(code(await send(host, 'stage:decide', { requestId: req.id, decision: 'remove' }))).toBe('CONFLICT')
    const audit = await h.app.db.auditLog.findMany({ where: { targetType: 'StageRequest', targetId: req.id } })
    expect(audit.map((a) => a.action)).toEqual(['stage.approve', 'stage.remove'])
    citizen.close()
  })

  it('tells everyone to rebuild when a media worker dies, and the session works again', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(viewer, 'media:join', { sessionId: V }))
    ok(await send(guest, 'media:join', { sessionId: V }))
    await publish(guest, V, 'audio', 3333)
    const session = h.app.media.host!.existingSession(V)!
    const origin = session.stats().find((s) => s.origin)!
    const resets = [next(viewer, 'media:reset', (m) => m.reason === 'workerdied'), next(guest, 'media:reset', (m) => m.reason === 'workerdied')]
    process.kill(origin.workerPid, 'SIGKILL')
    await Promise.all(resets)
    // The guest re-publishes on a fresh router; the viewer sees the track again.
    const back = next(viewer, 'media:stage', (st) => st.producers.some((p) => p.kind === 'audio'), 10_000)
    ok(await send(viewer, 'media:join', { sessionId: V }))
    ok(await send(guest, 'media:join', { sessionId: V }))
    await publish(guest, V, 'audio', 4444)
    await back
    expect(h.app.media.host!.existingSession(V)!.stats().find((s) => s.origin)!.workerPid).not.toBe(origin.workerPid)
    viewer.close()
  })

  it('ends with the session: every screen is told, and nobody can join again', async () => {
    const viewer = await client(h.url, { citizenToken: await citizenToken(h.url) })
    ok(await send(viewer, 'media:join', { sessionId: V }))
    const ended = next(viewer, 'media:reset', (m) => m.reason === 'ended')
    ok(await send(host, 'session:end', { sessionId: V }))
    await ended
    expect(code(await send(viewer, 'media:join', { sessionId: V }))).toBe('SESSION_CLOSED')
    expect(code(await send(guest, 'media:transport', { sessionId: V, direction: 'send' }))).toBe('CONFLICT')
    viewer.close()
  })
})

describe('media files', () => {
  it('serves nothing for sessions that never went live, and no path outside the session folder', async () => {
    const h3 = await startServer({ MEDIA_ENABLED: 'false' })
    try {
      const status = (path: string) => fetch(`${h3.url}${path}`).then((r) => r.status)
      expect(await status(`/media/hls/${V}/index.m3u8`)).toBe(404)
      expect(await status(`/media/hls/${DEMO_LIVE_SESSION}/index.m3u8`)).toBe(404)
      expect(await status(`/media/hls/${V}/..%2F..%2Fopenday.db`)).toBe(404)
      expect(await status(`/media/hls/${V}/index.txt`)).toBe(404)
      expect(await status(`/media/rec/${V}.mp4`)).toBe(404)
      // With media off, video answers UNAVAILABLE instead of hanging or failing obscurely.
      const guest2 = await staff(h3.url, 'guest')
      expect(code(await send(guest2, 'media:join', { sessionId: V }))).toBe('UNAVAILABLE')
      guest2.close()
    } finally {
      await h3.close()
    }
  })
})

describe('audience limit', () => {
  it('sends viewers past the WebRTC limit to HLS', async () => {
    const h2 = await startServer({ WEBRTC_AUDIENCE_LIMIT: '1', MEDIA_WORKERS: '1' })
    try {
      const hst = await staff(h2.url, 'host')
      ok(await send(hst, 'session:start', { sessionId: V }))
      const [a, b] = await Promise.all([client(h2.url, { citizenToken: await citizenToken(h2.url) }), client(h2.url, { citizenToken: await citizenToken(h2.url) })])
      expect(ok(await send(a, 'media:join', { sessionId: V })).webrtc).toBe(true)
      ok(await send(a, 'media:transport', { sessionId: V, direction: 'recv' }))
      expect(ok(await send(b, 'media:join', { sessionId: V })).webrtc).toBe(false)
      expect(code(await send(b, 'media:transport', { sessionId: V, direction: 'recv' }))).toBe('UNAVAILABLE')
      // Staff are never turned away.
      ok(await send(hst, 'media:join', { sessionId: V }))
      ok(await send(hst, 'media:transport', { sessionId: V, direction: 'recv' }))
      for (const s of [hst, a, b]) s.close()
    } finally {
      await h2.close()
    }
  })
})

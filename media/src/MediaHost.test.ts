import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MediaHost } from './MediaHost.ts'
import { resolveMediaConfig } from './config.ts'

// Sessions, transports and consumers on real mediasoup workers; no media flows here
// (see spill.test.ts for that).
describe('MediaHost sessions', () => {
  let host: MediaHost
  const ports = { rtcMinPort: 43000, rtcMaxPort: 43999 }

  beforeAll(async () => {
    host = await MediaHost.create({ workers: 2, ...ports })
  })
  afterAll(() => host?.close())

  const routersInPool = () => host.pool.stats().reduce((n, w) => n + w.routers, 0)

  it('gives each session its own router, spread over the workers', async () => {
    const a = await host.session('sess-a')
    const b = await host.session('sess-b')
    expect(a).not.toBe(b)
    expect(await host.session('sess-a')).toBe(a)
    expect(routersInPool()).toBe(2)
    expect(a.stats()[0]!.workerPid).not.toBe(b.stats()[0]!.workerPid)
    expect(a.rtpCapabilities.codecs?.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']),
    )
    await host.closeSession('sess-a')
    await host.closeSession('sess-b')
    expect(routersInPool()).toBe(0)
  })

  it('creates one router when many joins race on a new session', async () => {
    const joins = await Promise.all(Array.from({ length: 20 }, () => host.session('sess-race')))
    expect(new Set(joins).size).toBe(1)
    expect(routersInPool()).toBe(1)
    expect(host.sessionIds).toEqual(['sess-race'])
    await host.closeSession('sess-race')
  })

  it('forgets a closed session so the next join builds a fresh one', async () => {
    const first = await host.session('sess-reopen')
    await host.closeSession('sess-reopen')
    await host.closeSession('sess-reopen') // idempotent
    expect(first.closed).toBe(true)
    expect(host.existingSession('sess-reopen')).toBeUndefined()
    const second = await host.session('sess-reopen')
    expect(second).not.toBe(first)
    expect(second.closed).toBe(false)
    await host.closeSession('sess-reopen')
  })

  it('builds WebRTC transports from the configured listen address and port range', async () => {
    const session = await host.session('sess-ice')
    const transport = await session.createWebRtcTransport({ direction: 'recv', appData: { userId: 'u1' } })
    const { iceCandidates, dtlsParameters, iceParameters } = transport.parameters
    expect(new Set(iceCandidates.map((c) => c.protocol))).toEqual(new Set(['udp', 'tcp']))
    for (const c of iceCandidates) {
      expect(c.address).toBe('127.0.0.1')
      expect(c.port).toBeGreaterThanOrEqual(ports.rtcMinPort)
      expect(c.port).toBeLessThanOrEqual(ports.rtcMaxPort)
    }
    expect(dtlsParameters.fingerprints.length).toBeGreaterThan(0)
    expect(iceParameters.usernameFragment).toBeTruthy()
    expect(transport.appData).toMatchObject({ userId: 'u1', direction: 'recv' })
    await host.closeSession('sess-ice')
    expect(transport.closed).toBe(true)
  })

  it('creates consumers paused, and closes them when their producer goes', async () => {
    const session = await host.session('sess-consume')
    const send = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false })
    const producer = await send.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: 1234 }],
      },
    })
    expect(session.producers).toEqual([producer])
    const recv = await session.createWebRtcTransport({ direction: 'recv' })
    await expect(send.consume({ producerId: producer.id, rtpCapabilities: session.rtpCapabilities }))
      .rejects.toThrow(/not a recv transport/)
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: session.rtpCapabilities })
    expect(consumer.paused).toBe(true)
    expect(consumer.kind).toBe('audio')
    await consumer.resume()
    expect(consumer.paused).toBe(false)
    expect(recv.consumerCount).toBe(1)

    const closed = new Promise((resolve) => consumer.once('close', resolve))
    producer.close()
    producer.close() // idempotent
    expect(await closed).toBe('producerclose')
    expect(recv.consumerCount).toBe(0)
    expect(session.producers).toEqual([])
    await host.closeSession('sess-consume')
  })

  it('uses an announced address in ICE candidates when one is configured', async () => {
    const natHost = await MediaHost.create({ workers: 1, ...ports, enableTcp: false, announcedAddress: '203.0.113.7' })
    try {
      const session = await natHost.session('sess-nat')
      const transport = await session.createWebRtcTransport({ direction: 'send' })
      expect(transport.parameters.iceCandidates.map((c) => [c.protocol, c.address])).toEqual([['udp', '203.0.113.7']])
    } finally {
      natHost.close()
      natHost.close()
    }
  })

  it('rejects a bad configuration at start-up', () => {
    expect(() => resolveMediaConfig({ rtcMinPort: 50000, rtcMaxPort: 40000 })).toThrow(/port range/)
    expect(() => resolveMediaConfig({ workers: 0 })).toThrow(/workers/)
  })
})

import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextEvent, rtpSink, startVp8Feed, vp8RtpParameters } from '../test/helpers.ts'
import { MediaHost, type SessionsLost } from './MediaHost.ts'
import type { MediaProducer } from './MediaProducer.ts'
import type { SessionRouter } from './SessionRouter.ts'
import type { TransportCloseReason } from './MediaTransport.ts'
import type { WorkerReplaced } from './WorkerPool.ts'

// Audience spill-over across workers with real media: ffmpeg sends VP8 into the origin
// router through a PlainTransport; a "recorder" PlainTransport placed on the spill router
// must receive that video, which only gets there through pipeToRouter.
describe('pipeToRouter spill-over', () => {
  let host: MediaHost
  let session: SessionRouter
  let producer: MediaProducer
  let ffmpeg: ChildProcess

  beforeAll(async () => {
    host = await MediaHost.create({ workers: 2, rtcMinPort: 45000, rtcMaxPort: 45999, maxConsumersPerRouter: 2 })
    session = await host.session('sess-spill')
    const ingest = await session.createPlainTransport({ direction: 'send', comedia: true, rtcpMux: false })
    producer = await ingest.produce({ kind: 'video', rtpParameters: vp8RtpParameters })
    const { ip, rtpPort, rtcpPort } = ingest.local
    ffmpeg = startVp8Feed(ip, rtpPort, rtcpPort!)
  })
  afterAll(() => {
    ffmpeg?.kill('SIGKILL')
    host?.close()
  })

  /** A consumer on a PlainTransport aimed at a local UDP socket, resumed. */
  async function recorder() {
    const sink = await rtpSink()
    const transport = await session.createPlainTransport({ direction: 'recv' })
    await transport.connect({ ip: '127.0.0.1', port: sink.port })
    const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: session.rtpCapabilities })
    expect(consumer.paused).toBe(true)
    await consumer.resume()
    return { sink, transport, consumer }
  }

  it('fills the origin router, then puts viewers on another worker fed by pipeToRouter', async () => {
    // Two viewers fill the origin (limit 2 consumers, one producer in the session).
    const viewers = [
      await session.createWebRtcTransport({ direction: 'recv' }),
      await session.createWebRtcTransport({ direction: 'recv' }),
    ]
    for (const v of viewers) await v.consume({ producerId: producer.id, rtpCapabilities: session.rtpCapabilities })
    expect(session.stats()).toHaveLength(1)

    const { sink, consumer } = await recorder()
    const [origin, spill] = session.stats()
    expect(spill).toBeDefined()
    expect(spill!.workerPid).not.toBe(origin!.workerPid)
    expect(origin!.consumers).toBe(2)
    expect(spill!.consumers).toBe(1)
    // Both workers carry consumers: the origin worker also holds the pipe consumer.
    const perWorker = new Map(host.pool.stats().map((w) => [w.pid, w.consumers]))
    expect(perWorker.get(spill!.workerPid)).toBe(1)
    expect(perWorker.get(origin!.workerPid)).toBe(3)

    await sink.waitFor(30)
    // The consumer's own payload type and SSRC: mediasoup rewrote ffmpeg's on the way.
    const payloadType = consumer.rtpParameters.codecs[0]!.payloadType
    const ssrc = consumer.rtpParameters.encodings![0]!.ssrc
    expect(sink.packets.every((p) => p.payloadType === payloadType && p.ssrc === ssrc)).toBe(true)
    sink.close()
  })

  it('places a burst of concurrent joins without overfilling one router', async () => {
    const burst = await Promise.all(Array.from({ length: 6 }, () => session.createWebRtcTransport({ direction: 'recv' })))
    const stats = session.stats()
    expect(stats).toHaveLength(2) // one router per worker, never two on the same one
    const [origin, spill] = stats
    expect(Math.abs(origin!.load - spill!.load)).toBeLessThanOrEqual(1)
    for (const t of burst) t.close()
  })

  it('survives losing the spill worker: only its viewers drop, and new ones are fed again', async () => {
    const { sink, transport } = await recorder()
    const spillPid = session.stats()[1]!.workerPid
    const lost = nextEvent<SessionsLost>(host, 'sessionslost')
    const replaced = nextEvent<WorkerReplaced>(host, 'workerreplaced')
    const dropped = nextEvent<TransportCloseReason>(transport, 'close')
    process.kill(spillPid, 'SIGKILL')

    const report = await lost
    expect(report.sessionIds).toEqual([])
    expect(report.spillSessionIds).toEqual(['sess-spill'])
    expect(await dropped).toBe('routerclose')
    expect(session.closed).toBe(false)
    expect(producer.closed).toBe(false)
    sink.close()

    // The rejoining viewer lands on the replacement worker and gets video again.
    await replaced
    const again = await recorder()
    const stats = session.stats()
    expect(stats[1]!.workerPid).not.toBe(spillPid)
    await again.sink.waitFor(30)
    again.sink.close()
  })

  it('closes spill-side consumers when the producer on the origin closes', async () => {
    const { sink, consumer } = await recorder()
    const closed = nextEvent(consumer, 'close')
    producer.close()
    expect(await closed).toBe('producerclose')
    sink.close()
  })
})

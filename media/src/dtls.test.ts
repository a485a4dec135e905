import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DtlsClient } from '../test/dtls-client.ts'
import { MediaHost } from './MediaHost.ts'
import type { mediasoupTypes } from './index.ts'

// Guards patches/mediasoup-worker/0001: without it, Debian's KTLS-enabled OpenSSL makes
// the worker segfault on the first DTLS handshake, i.e. as soon as a browser connects.
describe('DTLS handshake against the built worker', () => {
  let host: MediaHost
  let client: DtlsClient
  beforeAll(async () => {
    host = await MediaHost.create({ workers: 1, rtcMinPort: 46000, rtcMaxPort: 46999, enableTcp: false })
    client = await DtlsClient.create()
  })
  afterAll(() => {
    client?.close()
    host?.close()
  })

  it('completes ICE and DTLS with SRTP keys, and the worker survives', async () => {
    const pid = host.pool.workers[0]!.pid
    const session = await host.session('sess-dtls')
    const transport = await session.createWebRtcTransport({ direction: 'send' })
    await transport.connect({ role: 'client', fingerprints: [{ algorithm: 'sha-256', value: client.fingerprint }] })

    let timer: NodeJS.Timeout | undefined
    const outcome = new Promise<mediasoupTypes.DtlsState>((resolve, reject) => {
      transport.on('dtlsstatechange', (state) => { if (state !== 'connecting') resolve(state) })
      host.pool.once('workerdied', ({ error }) =>
        reject(new Error(`worker died during the DTLS handshake (is patch 0001 applied?): ${error.message}`)))
      timer = setTimeout(() => reject(new Error('DTLS did not finish within 10 s')), 10_000)
    }).finally(() => clearTimeout(timer))
    await client.connect(transport.parameters)
    expect(await outcome).toBe('connected')
    expect(transport.dtlsState).toBe('connected')
    expect(host.pool.workers.map((w) => w.pid)).toEqual([pid])
    // Still answering requests, not just not-yet-reaped.
    await expect(host.session('sess-dtls-2')).resolves.toBeDefined()
  })
})

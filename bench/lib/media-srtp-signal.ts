// The server's half for SRTP viewers (lib/media-srtp-viewer.ts): a recv PlainTransport per viewer,
// placed by SessionRouter exactly like a WebRtcTransport (origin first, then spill-over routers fed
// through pipeToRouter), with SRTP on (the suite of --srtp-suite), rtcpMux, no
// comedia; connected to the viewer's UDP port with a random key (the viewer never decrypts, so no key
// needs to reach it).
//
// @openday/media's PlainTransportOptions has no SRTP option and its connect() takes no
// srtpParameters, so SrtpShim reaches the mediasoup objects through mediasoup's own observer: on each
// new router it wraps createPlainTransport() to turn SRTP on for transports whose appData carries
// SRTP_MARK, and keeps those mediasoup PlainTransports to connect them with srtpParameters.
// SessionRouter's placement, load accounting and pipeToRouter stay exactly as for the browsers.
import { randomBytes } from 'node:crypto'
import * as mediasoup from 'mediasoup'
import { PlainMediaTransport, type mediasoupTypes, type SessionRouter } from '@openday/media'
import type { Placed, Signalling } from './media-audience.ts'
import type { ViewerFleet } from './media-fleet.ts'
import { SRTP_SUITES, type SrtpAnswer, type SrtpOffer } from './media-protocol.ts'

const SRTP_MARK = 'benchSrtpViewer'

export class SrtpShim {
  readonly #raw = new Map<string, mediasoupTypes.PlainTransport>()

  private constructor(readonly suite: mediasoupTypes.SrtpCryptoSuite) {}

  readonly #onWorker = (worker: mediasoupTypes.Worker) => {
    worker.observer.on('newrouter', (router) => this.#wrap(router))
  }

  /** Install before MediaHost.create(): routers are wrapped as their workers create them. */
  static install(suite: mediasoupTypes.SrtpCryptoSuite): SrtpShim {
    const shim = new SrtpShim(suite)
    mediasoup.observer.on('newworker', shim.#onWorker)
    return shim
  }

  uninstall(): void {
    mediasoup.observer.off('newworker', this.#onWorker)
  }

  /** The mediasoup PlainTransport behind a viewer's transport, with SRTP on. */
  raw(id: string): mediasoupTypes.PlainTransport {
    const t = this.#raw.get(id)
    // bench and @openday/media must load the same mediasoup module for the observer to see its workers.
    if (!t) throw new Error(`SRTP shim: transport ${id} was not created through a wrapped router`)
    if (!t.srtpParameters) throw new Error(`SRTP shim: transport ${id} has no SRTP`)
    return t
  }

  #wrap(router: mediasoupTypes.Router): void {
    const create = router.createPlainTransport.bind(router)
    const wrapped = async (options: mediasoupTypes.PlainTransportOptions): Promise<mediasoupTypes.PlainTransport> => {
      if (!options.appData?.[SRTP_MARK]) return create(options)
      const t = await create({ ...options, enableSrtp: true, srtpCryptoSuite: this.suite })
      this.#raw.set(t.id, t)
      t.observer.once('close', () => this.#raw.delete(t.id))
      return t
    }
    router.createPlainTransport = wrapped as typeof router.createPlainTransport
  }
}

export class SrtpSignalling implements Signalling {
  readonly kind = 'srtp'
  /** SO_RCVBUF the kernel granted the viewers' sockets (as getsockopt reports it). */
  granted?: number

  constructor(private readonly shim: SrtpShim, private readonly recvBufferSize: number) {}

  transport(session: SessionRouter, id: number): Promise<PlainMediaTransport> {
    return session.createPlainTransport({ direction: 'recv', comedia: false, rtcpMux: true, appData: { viewer: id, [SRTP_MARK]: true } })
  }

  async connect(placed: Placed[], fleet: ViewerFleet): Promise<void> {
    const offers = new Map<number, SrtpOffer>()
    for (const v of placed) {
      const t = v.transport
      if (!(t instanceof PlainMediaTransport)) throw new Error(`viewer ${v.id}: not a PlainTransport`)
      offers.set(v.id, {
        viewer: v.id, ip: t.local.ip, recvBufferSize: this.recvBufferSize, trailerBytes: SRTP_SUITES[this.shim.suite].tagBytes,
        streams: v.consumers.map((c) => {
          const enc = c.rtpParameters.encodings?.[0]
          if (!enc?.ssrc) throw new Error(`consumer ${c.id} has no SSRC`)
          return { kind: c.kind, ssrc: enc.ssrc, ...(enc.rtx?.ssrc ? { rtxSsrc: enc.rtx.ssrc } : {}) }
        }),
      })
    }
    const answers = await fleet.open<SrtpOffer, SrtpAnswer>([...offers.values()])
    await Promise.all(answers.map(async (a) => {
      const v = placed.find((x) => x.id === a.viewer)!
      try {
        if (!a.ok || !a.port) throw new Error(a.error ?? 'no port')
        this.granted ??= a.recvBufferSize
        await this.shim.raw(v.transport.id).connect({
          ip: offers.get(v.id)!.ip, port: a.port,
          srtpParameters: { cryptoSuite: this.shim.suite, keyBase64: randomBytes(SRTP_SUITES[this.shim.suite].keyBytes).toString('base64') },
        })
        v.state = 'connected'
      } catch (error) {
        v.error = String(error)
      }
    }))
  }
}

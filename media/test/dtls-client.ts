import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHmac, randomBytes, X509Certificate } from 'node:crypto'
import dgram from 'node:dgram'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import type { WebRtcTransportParameters } from '../src/index.ts'

/**
 * The smallest WebRTC-like client that gets a mediasoup WebRtcTransport through ICE and
 * a DTLS handshake without a browser: a Node UDP socket does the ICE check (a STUN
 * Binding request with USE-CANDIDATE), then relays `openssl s_client -dtls1_2` through
 * that same socket, since mediasoup only accepts DTLS from the ICE-validated address.
 */
export class DtlsClient {
  readonly fingerprint: string
  readonly #dir: string
  readonly #ice: dgram.Socket
  readonly #relay: dgram.Socket
  #openssl: ChildProcess | undefined

  static async create(): Promise<DtlsClient> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'openday-dtls-'))
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=openday-test',
    ], { stdio: 'ignore' })
    const client = new DtlsClient(dir)
    await Promise.all([client.#ice, client.#relay].map((s) => new Promise<void>((r) => s.bind(0, '127.0.0.1', r))))
    return client
  }

  private constructor(dir: string) {
    this.#dir = dir
    this.fingerprint = new X509Certificate(readFileSync(path.join(dir, 'cert.pem'))).fingerprint256
    this.#ice = dgram.createSocket('udp4')
    this.#relay = dgram.createSocket('udp4')
  }

  /** ICE check, then the DTLS handshake; resolves when the binding succeeded. */
  async connect(server: WebRtcTransportParameters): Promise<void> {
    const candidate = server.iceCandidates.find((c) => c.protocol === 'udp')
    if (!candidate) throw new Error('no UDP ICE candidate')
    const request = stunBindingRequest(server.iceParameters.usernameFragment, server.iceParameters.password)
    const answered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no STUN answer')), 5000)
      this.#ice.once('message', (msg) => {
        clearTimeout(timer)
        if (msg.readUInt16BE(0) === 0x0101) resolve()
        else reject(new Error(`STUN error response 0x${msg.readUInt16BE(0).toString(16)}`))
      })
    })
    this.#ice.send(request, candidate.port, candidate.address)
    await answered

    let opensslAddress: AddressInfo | undefined
    this.#relay.on('message', (msg, from) => {
      opensslAddress = from
      this.#ice.send(msg, candidate.port, candidate.address)
    })
    this.#ice.on('message', (msg) => {
      if (opensslAddress) this.#relay.send(msg, opensslAddress.port, opensslAddress.address)
    })
    const relayPort = (this.#relay.address() as AddressInfo).port
    this.#openssl = spawn('openssl', [
      's_client', '-dtls1_2', '-connect', `127.0.0.1:${relayPort}`, '-mtu', '1200',
      '-cert', path.join(this.#dir, 'cert.pem'), '-key', path.join(this.#dir, 'key.pem'),
      '-use_srtp', 'SRTP_AES128_CM_SHA1_80', '-quiet',
    ], { stdio: ['pipe', 'ignore', 'ignore'] }) // stdin stays open: s_client quits on EOF
  }

  close(): void {
    this.#openssl?.kill('SIGKILL')
    this.#ice.close()
    this.#relay.close()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}

/** RFC 5389/8445 Binding request from the ICE-controlling side, nominating the pair. */
function stunBindingRequest(serverUfrag: string, serverPassword: string): Buffer {
  const attr = (type: number, value: Buffer) => {
    const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4)
    padded.writeUInt16BE(type, 0)
    padded.writeUInt16BE(value.length, 2)
    value.copy(padded, 4)
    return padded
  }
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b }
  const header = (length: number) => {
    const h = Buffer.alloc(20)
    h.writeUInt16BE(0x0001, 0)
    h.writeUInt16BE(length, 2)
    h.writeUInt32BE(0x2112a442, 4)
    txId.copy(h, 8)
    return h
  }
  const txId = randomBytes(12)
  let attrs = Buffer.concat([
    attr(0x0006, Buffer.from(`${serverUfrag}:openday`)), // USERNAME
    attr(0x0024, u32(0x6e7f00ff)), // PRIORITY
    attr(0x802a, randomBytes(8)), // ICE-CONTROLLING
    attr(0x0025, Buffer.alloc(0)), // USE-CANDIDATE
  ])
  // MESSAGE-INTEGRITY covers everything before it, with the length already counting it.
  const hmac = createHmac('sha1', serverPassword).update(Buffer.concat([header(attrs.length + 24), attrs])).digest()
  attrs = Buffer.concat([attrs, attr(0x0008, hmac)])
  const crc = (crc32(Buffer.concat([header(attrs.length + 8), attrs])) ^ 0x5354554e) >>> 0
  attrs = Buffer.concat([attrs, attr(0x8028, u32(crc))]) // FINGERPRINT
  return Buffer.concat([header(attrs.length), attrs])
}

// A lean viewer connection for the load generator: the socket.io wire protocol (engine.io v4 over a
// plain `ws` WebSocket, packets read and written by socket.io-parser / engine.io-parser, the same
// libraries socket.io-client uses) without socket.io-client's Manager/Socket layers.
//
// Why: on this 2-core machine the simulated viewers share the cores with the server, and
// socket.io-client spends ~45 µs of CPU per received frame per viewer; with 10,000 viewers the
// client processes, not the server, then set most of the delivery spread. A real audience decodes
// on its own devices, so the generator should cost as little as it can while speaking the real
// protocol. Staff, and every command-heavy client, still use socket.io-client (lib/client.ts).
import { decodePacket, encodePacket, type Packet as EnginePacket } from 'engine.io-parser'
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser'
import WebSocket from 'ws'
import type { LiveFrame } from '@openday/protocol'

export type Ack = { ok: true; data: unknown } | { ok: false; code: string; message: string }

export interface ViewerSocket {
  readonly connected: boolean
  on(event: 'live:frame', fn: (frame: LiveFrame) => void): void
  onDisconnect(fn: (reason: string) => void): void
  request(event: string, payload: unknown, timeoutMs: number): Promise<Ack>
  close(): void
}

const encoder = new Encoder()

/** Opens a connection and resolves once the server accepted the socket.io CONNECT (auth included). */
export function connectLean(url: string, auth: object, timeoutMs: number): Promise<ViewerSocket> {
  return new Promise((resolve, reject) => {
    const s = new LeanSocket(url, auth)
    const timer = setTimeout(() => { s.close(); reject(new Error('timeout')) }, timeoutMs)
    s.onOpen = (err) => {
      clearTimeout(timer)
      if (err) { s.close(); reject(err) } else resolve(s)
    }
  })
}

class LeanSocket implements ViewerSocket {
  connected = false
  onOpen: (err?: Error) => void = () => {}
  private readonly ws: WebSocket
  private readonly decoder = new Decoder()
  private readonly handlers = new Map<string, (frame: LiveFrame) => void>()
  private readonly acks = new Map<number, (args: unknown[]) => void>()
  private nextId = 0
  private disconnect: (reason: string) => void = () => {}

  constructor(url: string, private readonly auth: object) {
    const u = new URL(url)
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:'
    u.pathname = '/socket.io/'
    u.search = '?EIO=4&transport=websocket'
    this.ws = new WebSocket(u, { perMessageDeflate: false })
    this.ws.on('message', (data, isBinary) => { if (!isBinary) this.onEngine(decodePacket(data.toString())) })
    this.ws.on('close', () => this.closed('transport close'))
    this.ws.on('error', (err) => { if (!this.connected) this.onOpen(err) })
    this.decoder.on('decoded', (p: Packet) => this.onPacket(p))
  }

  on(event: 'live:frame', fn: (frame: LiveFrame) => void): void { this.handlers.set(event, fn) }
  onDisconnect(fn: (reason: string) => void): void { this.disconnect = fn }

  request(event: string, payload: unknown, timeoutMs: number): Promise<Ack> {
    return new Promise((resolve) => {
      const id = this.nextId++
      const timer = setTimeout(() => { this.acks.delete(id); resolve({ ok: false, code: 'TIMEOUT', message: 'operation has timed out' }) }, timeoutMs)
      this.acks.set(id, (args) => { clearTimeout(timer); resolve(args[0] as Ack) })
      this.send({ type: PacketType.EVENT, nsp: '/', data: [event, payload], id })
    })
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.send({ type: PacketType.DISCONNECT, nsp: '/' })
    this.ws.close()
  }

  private send(p: Packet): void {
    for (const data of encoder.encode(p)) encodePacket({ type: 'message', data }, false, (enc) => this.ws.send(enc))
  }

  private onEngine(p: EnginePacket): void {
    if (p.type === 'message') this.decoder.add(p.data)
    else if (p.type === 'ping') encodePacket({ type: 'pong' }, false, (enc) => this.ws.send(enc))
    else if (p.type === 'open') this.send({ type: PacketType.CONNECT, nsp: '/', data: this.auth })
    else if (p.type === 'close') this.ws.close()
  }

  private onPacket(p: Packet): void {
    switch (p.type) {
      case PacketType.EVENT: {
        const [event, payload] = p.data as [string, LiveFrame]
        this.handlers.get(event)?.(payload)
        break
      }
      case PacketType.ACK: {
        const fn = this.acks.get(p.id!)
        this.acks.delete(p.id!)
        fn?.(p.data as unknown[])
        break
      }
      case PacketType.CONNECT: this.connected = true; this.onOpen(); break
      case PacketType.CONNECT_ERROR: this.onOpen(new Error((p.data as { message?: string })?.message ?? 'connect error')); break
      case PacketType.DISCONNECT: this.closed('io server disconnect'); this.ws.close(); break
    }
  }

  private closed(reason: string): void {
    if (!this.connected) { this.onOpen(new Error(reason)); return }
    this.connected = false
    this.disconnect(reason)
  }
}

/** The same interface over socket.io-client (`--viewer-client full`), for comparison with the lean one. */
export async function connectFull(url: string, auth: object, cookie: string | undefined, timeoutMs: number): Promise<ViewerSocket> {
  const { io } = await import('socket.io-client')
  return new Promise((resolve, reject) => {
    const s = io(url, {
      transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs, auth,
      extraHeaders: cookie ? { cookie } : {},
    })
    s.once('connect_error', (err) => { s.close(); reject(err) })
    s.once('connect', () => resolve({
      get connected() { return s.connected },
      on: (event, fn) => { s.on(event, fn) },
      onDisconnect: (fn) => { s.on('disconnect', fn) },
      request: (event, payload, ms) => new Promise((res) => {
        s.timeout(ms).emit(event, payload, (err: Error | null, r: Ack) => res(err ? { ok: false, code: 'TIMEOUT', message: String(err.message) } : r))
      }),
      close: () => { s.close() },
    }))
  })
}

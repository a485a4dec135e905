import { CSRF_HEADER, type ClientToServerEvents, type ServerToClientEvents } from '@openday/protocol'
import { io, type Socket } from 'socket.io-client'

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; code: string; message: string }

/** A device token issued by the server (the bench servers lift the per-IP issuance limit). */
export async function citizenToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/citizens/token`, { method: 'POST', headers: { [CSRF_HEADER]: '1' } })
  if (!res.ok) throw new Error(`citizen token: HTTP ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** Logs a demo account in (password `<user>-demo`) and returns the session cookie. */
export async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ username, password: `${username}-demo` }),
  })
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

export async function connect(url: string, opts: { cookie?: string; citizenToken?: string } = {}): Promise<Client> {
  const s: Client = io(url, {
    transports: ['websocket'], reconnection: false, forceNew: true,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.citizenToken ? { citizenToken: opts.citizenToken } : {},
  })
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve())
    s.once('connect_error', reject)
  })
  return s
}

/** Emits a command and resolves with its ack (or a TIMEOUT error ack). */
export function send<T = unknown>(s: Client, event: keyof ClientToServerEvents | string, payload: unknown, timeoutMs = 30_000): Promise<Ack<T>> {
  return new Promise((resolve) => {
    ;(s.timeout(timeoutMs) as unknown as { emit: (e: string, p: unknown, cb: (err: Error | null, r: Ack<T>) => void) => void })
      .emit(event as string, payload, (err, r) => resolve(err ? { ok: false, code: 'TIMEOUT', message: err.message } : r))
  })
}

export function okData<T>(r: Ack<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.code} ${r.message}`)
  return r.data
}

import { io, type Socket } from 'socket.io-client'

// Viewers for the mass-reconnect fault (reconnect.test.ts), many to a process: plain socket.io
// clients with the browser app's reconnection settings (1 s doubling to 5 s, ±50 % jitter, no
// limit on attempts) that join the session on every connect, as the app does. Prints how many are
// connected and joined, four times a second, one JSON per line.

const URL_ = process.env.FAULT_URL!
const SESSION = process.env.FAULT_SESSION!
const COUNT = Number(process.env.FAULT_VIEWERS ?? 100)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const joined = new Set<Socket>()
let connectErrors = 0
let refusedJoins = 0
const sockets: Socket[] = []

setInterval(() => {
  process.stdout.write(`${JSON.stringify({ connected: sockets.filter((s) => s.connected).length, joined: joined.size, connectErrors, refusedJoins })}\n`)
}, 250)

// The first connections are spread out (people arrive over minutes); the reconnect after a
// restart is not: every client's own backoff is all that spreads it.
for (let i = 0; i < COUNT; i++) {
  const s: Socket = io(URL_, { transports: ['websocket'], forceNew: true })
  sockets.push(s)
  s.on('connect', () => {
    void s.timeout(30_000).emitWithAck('session:join', { sessionId: SESSION }).then(
      (r: { ok: boolean }) => { if (r.ok) joined.add(s); else refusedJoins++ },
      () => { refusedJoins++ },
    )
  })
  s.on('disconnect', () => { joined.delete(s) })
  s.on('connect_error', () => { connectErrors++ })
  if (i % 50 === 49) await sleep(20)
}
process.on('SIGTERM', () => { for (const s of sockets) s.close(); process.exit(0) })

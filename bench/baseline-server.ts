// The baseline: a plain socket.io server with one room and no database, no validation, no
// coalescing. A "host" connection posts entries; each one is acked and broadcast to the room at
// once as its own `live:frame`, shaped like OpenDay's frames (same fields, same sizes). Started by
// bench/fanout.ts in the same run as OpenDay, so both are measured under the same conditions.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const port = Number(process.env.PORT ?? 3999)
const ROOM = 's:bench'

const http = createServer((req, res) => {
  if (req.url === '/health') { res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'); return }
  res.writeHead(404).end()
})
// The same options OpenDay's socket server uses, so transport settings are not a difference.
const io = new Server(http, { maxHttpBufferSize: 256 * 1024, serveClient: false })

let seq = 1000
const pollVotes = new Map<string, number>()
const pollCounts = new Map<string, Map<string, number>>()
// cuid-like ids of the same length as Prisma's default ids.
const id = () => `c${randomBytes(18).toString('base64url').slice(0, 24).toLowerCase()}`

interface Post { sessionId: string; clientId: string; speaker: string; speakerName: string; body: string }
type AckFn = (r: unknown) => void

io.on('connection', (socket) => {
  socket.on('session:join', (p: { sessionId: string }, ack: AckFn) => {
    void socket.join(ROOM)
    const viewers = io.of('/').adapter.rooms.get(ROOM)?.size ?? 0
    if (typeof ack === 'function') ack({ ok: true, data: { mode: 'snapshot', lastSeq: seq, viewers, staff: false, transcript: [], questions: [], votes: {}, session: { id: p?.sessionId } } })
  })
  // A poll as a plain socket.io app would run it: every vote counted, acked and broadcast to the
  // room at once (one frame per vote, shaped like OpenDay's figures).
  socket.on('poll:vote', (p: { pollId: string; round: number; answer: string }, ack: AckFn) => {
    const votes = (pollVotes.get(p.pollId) ?? 0) + 1
    pollVotes.set(p.pollId, votes)
    const counts = pollCounts.get(p.pollId) ?? new Map<string, number>()
    counts.set(p.answer, (counts.get(p.answer) ?? 0) + 1)
    pollCounts.set(p.pollId, counts)
    const results = { pollId: p.pollId, round: p.round, votes, result: { id: 'q', kind: 'single', title: '您最关心哪项政策？', answered: votes, options: [...counts].map(([id, count]) => ({ id, label: id, count, percent: Math.round((count * 1000) / votes) / 10 })) } }
    if (typeof ack === 'function') ack({ ok: true, data: { pollId: p.pollId, round: p.round, results } })
    io.to(ROOM).emit('live:frame', { sessionId: 'bench', polls: { [p.pollId]: results } })
  })
  socket.on('transcript:post', (p: Post, ack: AckFn) => {
    const entry = { id: id(), sessionId: p.sessionId, clientId: p.clientId, speaker: p.speaker, speakerName: p.speakerName, body: p.body, image: null, createdAt: new Date().toISOString() }
    if (typeof ack === 'function') ack({ ok: true, data: entry })
    const viewers = io.of('/').adapter.rooms.get(ROOM)?.size ?? 0
    io.to(ROOM).emit('live:frame', { sessionId: p.sessionId, events: [{ seq: ++seq, type: 'transcript:posted', entry }], viewers })
  })
})

http.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`))
const stop = () => { io.close(() => process.exit(0)); setTimeout(() => process.exit(0), 5000).unref() }
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

// The load of bench/hotline.ts: the extra operator accounts, the operators' consoles (login,
// socket, `call:log` in simultaneous rounds or at a steady pace) and the board-viewer processes.
import { ApiPaths, CSRF_HEADER, type EventDto, type LogCall, type TaxonomyDto, type UnitDto } from '@openday/protocol'
import { type ChildProcess, execFile, fork } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type Client, connect, login, okData, send } from './client.ts'
import type { BoardCommand } from './hotline-board.ts'
import { ROOT, type OpenDayOptions, openDayEnv } from './servers.ts'
import { now, sleep } from './stamp.ts'

const execFileP = promisify(execFile)

/**
 * Seeds the demo data and gives the hotline session `total` operators (the demo `operator` plus
 * bench-op-NN accounts, password `<username>-demo`), before the server starts. The server has no
 * API for staff accounts or assignments, so the rows are written the way the demo seed writes
 * them: the server's own Prisma client and password hashing. startOpenDay seeds again, which finds
 * the demo data and does nothing; `o.env` must carry the DATA_ENCRYPTION_KEY the server will get.
 */
export async function seedOperators(o: OpenDayOptions, sessionId: string, total: number): Promise<string[]> {
  await execFileP(process.execPath, ['--import', 'tsx', 'server/src/seed/cli.ts'], { cwd: ROOT, env: { ...process.env, ...openDayEnv(o) }, maxBuffer: 16 << 20 })
  const { openDb } = await import(join(ROOT, 'server/src/db/client.ts')) as typeof import('../../server/src/db/client.ts')
  const { hashPassword } = await import(join(ROOT, 'server/src/features/auth/service.ts')) as typeof import('../../server/src/features/auth/service.ts')
  const db = await openDb(o.dbUrl)
  try {
    const demo = await db.user.findUniqueOrThrow({ where: { username: 'operator' } })
    const names = ['operator']
    for (let i = 1; i < total; i++) {
      const username = `bench-op-${String(i).padStart(2, '0')}`
      const user = await db.user.create({ data: { username, role: 'operator', displayName: `话务员 ${i + 1}号`, unitId: demo.unitId, passwordHash: await hashPassword(`${username}-demo`) } })
      await db.sessionStaff.create({ data: { sessionId, userId: user.id, role: 'operator' } })
      names.push(username)
    }
    return names
  } finally {
    await db.$disconnect()
  }
}

/** One call as the operator's console saw it: send time, ack time, and the call id of the ack. */
export interface CallRecord { clientId: string; phase: string; operator: number; sent: number; saved: number; ok: boolean; code?: string; id?: string }

const CONTENT = [
  '单位拖欠两个月工资，找老板多次没有结果，希望劳动监察部门介入。',
  '想了解灵活就业人员医保怎么缴费，线上能不能办理，需要哪些材料。',
  '小区门口道路施工围挡半年没有拆，出行很不方便，请相关部门督促。',
  '孩子今年高校毕业，想问就业见习补贴怎么申请，企业需要满足什么条件。',
  '失业保险金申领后一直没有到账，已经过去一个月了，请帮忙查询。',
  '建议在新建小区周边增设公交站点，早高峰打车非常困难。',
  '退休人员异地就医备案流程太复杂，希望简化手续。',
  '夜间楼下烧烤店噪音扰民，多次反映仍未解决。',
]
const REPLY = [
  '已当场联系相关处室核实，符合条件的将在五个工作日内办结并短信告知。',
  '可通过“智慧人社”APP在线办理，材料只需身份证，今天即可提交。',
  '感谢您的建议，我们会同交通部门研究，一个月内答复。',
]
const LOCATION = ['高新区创业大道88号', '老城区解放路街道', '经开区工业园三期', '']
const pick = <T,>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('')

/** Valid `call:log` payloads from the seeded taxonomy: mostly answered, some handed off, some repeat callers. */
class CallMaker {
  private numbers: string[] = []
  constructor(private readonly tax: TaxonomyDto, private readonly units: UnitDto[], private readonly leader: string, private readonly handoff: number) {}

  make(sessionId: string, clientId: string): LogCall {
    // Mobiles and landlines with an area code (PHONE_PATTERN); one in ten calls again from a known number.
    const fresh = Math.random() < 0.8 ? `1${3 + Math.floor(Math.random() * 7)}${digits(9)}` : `0755-8${digits(7)}`
    const phone = this.numbers.length && Math.random() < 0.1 ? pick(this.numbers) : fresh
    if (phone === fresh) this.numbers.push(phone)
    const end = Date.now() - 2_000
    const start = end - (60 + Math.floor(Math.random() * 240)) * 1000
    const handedOff = Math.random() < this.handoff
    const location = pick(LOCATION)
    return {
      sessionId, clientId, phone, leader: this.leader,
      ...(Math.random() < 0.5 ? { callerName: pick(['张伟', '李秀英', '王芳', '刘洋']) } : {}),
      domainId: pick(this.tax.domains.filter((d) => d.active)).id,
      appealTypeId: pick(this.tax.appealTypes.filter((t) => t.active)).id,
      ...(location ? { location } : {}),
      content: pick(CONTENT),
      ...(handedOff ? { disposition: 'handed_off' as const, unitId: pick(this.units).id } : { disposition: 'answered' as const, reply: pick(REPLY) }),
      startedAt: new Date(start).toISOString(), endedAt: new Date(end).toISOString(),
    }
  }
}

async function getJson<T>(url: string, cookie?: string): Promise<T> {
  const res = await fetch(url, { headers: { [CSRF_HEADER]: '1', ...(cookie ? { cookie } : {}) } })
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`)
  return await res.json() as T
}

/** The operators' consoles: logged in, joined to the session as staff, logging calls. */
export class Operators {
  readonly records: CallRecord[] = []
  private inflight = 0
  private seq = 0

  private constructor(private readonly socks: Client[], private readonly maker: CallMaker, private readonly sessionId: string, private readonly prefix: string, private readonly timeoutMs: number) {}

  /** Logs everyone in (POST /api/auth/login), opens their sockets and joins the session; the console's own REST reads give the taxonomy, units and leader. */
  static async open(url: string, usernames: string[], sessionId: string, o: { prefix: string; handoff: number; timeoutMs: number }): Promise<Operators> {
    const cookies = await Promise.all(usernames.map((u) => login(url, u)))
    const socks = await Promise.all(cookies.map((cookie) => connect(url, { cookie })))
    await Promise.all(socks.map(async (s, i) => {
      if (!okData(await send<{ staff: boolean }>(s, 'session:join', { sessionId }), `${usernames[i]} join`).staff) throw new Error(`${usernames[i]} joined ${sessionId} without staff rights`)
    }))
    const [tax, units, session] = await Promise.all([
      getJson<TaxonomyDto>(url + ApiPaths.taxonomy), getJson<UnitDto[]>(url + ApiPaths.units, cookies[0]), getJson<{ event: EventDto }>(url + ApiPaths.session(sessionId)),
    ])
    const leader = session.event.guests[0]?.name
    if (!leader) throw new Error(`${sessionId} has no guest to answer the calls`)
    return new Operators(socks, new CallMaker(tax, units, leader, o.handoff), sessionId, o.prefix, o.timeoutMs)
  }

  get size(): number { return this.socks.length }

  /** Sends one call from operator i; the ack (after the call's transaction has committed) fills in the record. */
  log(i: number, phase: string): void {
    const clientId = `${this.prefix}-${phase}-${i}-${this.seq++}`
    const payload = this.maker.make(this.sessionId, clientId)
    const r: CallRecord = { clientId, phase, operator: i, sent: now(), saved: NaN, ok: false }
    this.records.push(r)
    this.inflight++
    void send<{ id: string }>(this.socks[i]!, 'call:log', payload, this.timeoutMs).then((a) => {
      r.saved = now()
      this.inflight--
      if (a.ok) { r.ok = true; r.id = a.data.id } else r.code = a.code
    })
  }

  /** `rounds` rounds, `everyMs` apart: in each, every operator sends a call in the same tick. */
  async burst(phase: string, rounds: number, everyMs: number): Promise<void> {
    const start = Date.now()
    for (let r = 0; r < rounds; r++) {
      const due = start + r * everyMs
      if (due > Date.now()) await sleep(due - Date.now())
      // A different order each round, as who presses save first varies on a real call floor.
      const order = Array.from({ length: this.size }, (_, i) => i)
      for (let k = order.length - 1; k > 0; k--) {
        const j = Math.floor(Math.random() * (k + 1))
        ;[order[k], order[j]] = [order[j]!, order[k]!]
      }
      for (const i of order) this.log(i, phase)
    }
    await this.drain()
  }

  /** For `seconds`: each operator logs a call about every `intervalS` (±20 %), starting at a random offset. */
  async steady(phase: string, seconds: number, intervalS: number): Promise<void> {
    const plan: [number, number][] = []
    for (let i = 0; i < this.size; i++) {
      for (let t = Math.random() * intervalS; t < seconds; t += intervalS * (0.8 + 0.4 * Math.random())) plan.push([t * 1000, i])
    }
    plan.sort((a, b) => a[0] - b[0])
    const start = Date.now()
    for (const [at, i] of plan) {
      if (start + at > Date.now()) await sleep(start + at - Date.now())
      this.log(i, phase)
    }
    const end = start + seconds * 1000
    if (end > Date.now()) await sleep(end - Date.now())
    await this.drain()
  }

  async drain(): Promise<void> {
    const until = Date.now() + this.timeoutMs + 1000
    while (this.inflight > 0 && Date.now() < until) await sleep(20)
  }

  close(): void { for (const s of this.socks) s.close() }
}

/** The board-viewer processes (lib/hotline-board.ts). */
export class Boards {
  private seq = 0
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private constructor(private readonly ps: ChildProcess[]) {
    for (const [i, p] of ps.entries()) {
      p.on('message', (m: { id: number; ok: boolean; data?: unknown; error?: string }) => {
        const w = this.pending.get(m.id)
        if (!w) return
        this.pending.delete(m.id)
        if (m.ok) w.resolve(m.data)
        else w.reject(new Error(`board process ${i}: ${m.error}`))
      })
      p.on('exit', (code) => { if (code) for (const w of this.pending.values()) w.reject(new Error(`board process ${i} exited (${code})`)) })
    }
  }

  static start(n: number): Boards {
    return new Boards(Array.from({ length: n }, () => fork(join(ROOT, 'bench/lib/hotline-board.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })))
  }

  get size(): number { return this.ps.length }
  get pids(): number[] { return this.ps.map((p) => p.pid!) }

  all<T>(cmd: (i: number) => BoardCommand): Promise<T[]> {
    return Promise.all(this.ps.map((p, i) => new Promise<T>((resolve, reject) => {
      const id = ++this.seq
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      p.send({ id, cmd: cmd(i) })
    })))
  }

  async close(): Promise<void> {
    await this.all(() => ({ op: 'close' })).catch(() => undefined)
    for (const p of this.ps) p.disconnect()
    await Promise.all(this.ps.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.once('exit', r)))))
  }
}

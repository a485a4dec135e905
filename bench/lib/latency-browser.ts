// The browser side of bench/latency.ts: Chromium as the e2e "video" project runs it, the demo
// guest publishing the clock camera from the real studio, and citizens watching the public page.
import { readdirSync, readFileSync } from 'node:fs'
import { chromium, devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { installProbe, NAME_SHIM, type Drained, type FrameRow, type ProbeOptions } from './latency-page.ts'

// As e2e/playwright.config.ts: Debian's Chromium, and the flags of its "video" project. Without
// the loopback flag no 127.0.0.1 ICE candidate is gathered and WebRTC to the local SFU never connects.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--allow-loopback-in-peer-connection']

export const SESSION = 'demo-video' // server/src/seed/demo.ts: scheduled, host `host`, guest `guest`
/** The picture the studio asks the camera for (client/src/media/devices.ts: 720p, at most 30 fps). */
export const CAMERA = { width: 1280, height: 720, fps: 30 }
const WATCH = ['data-publishing', 'data-state', 'data-phase', 'data-producer-id', 'data-webrtc', 'data-mode']
const VIDEO = '[data-testid="stage-main"] [data-testid="stage-video"], [data-testid="hls-player"] [data-testid="stage-video"]'

export const wall = (): number => performance.timeOrigin + performance.now()

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...MEDIA_ARGS] })
}

/** A page of its own context (own cookies, own citizen token) with the probe installed. */
export class Probe {
  /** Every frame decoded so far (viewer), and every recorded attribute change. */
  readonly frames: FrameRow[] = []
  readonly events: Drained['events'] = []
  misreads = 0
  repeats = 0
  callbacks = 0
  painted = 0
  skews: number[] = []
  bufferAhead: number[] = []
  playhead: Drained['playhead'] = []
  readonly problems: string[] = []
  /** Requests for the HLS playlist or segments: proof of which path a viewer is on. */
  hlsRequests = 0

  private constructor(readonly label: string, readonly context: BrowserContext, readonly page: Page) {
    page.on('pageerror', (err) => this.problems.push(`${label}: ${err.message}`))
    page.on('request', (r) => { if (r.url().includes('/media/hls/')) this.hlsRequests++ })
  }

  /** `role` null: a plain page (the host, who only goes live). */
  static async open(browser: Browser, baseURL: string, label: string, role: ProbeOptions['role'] | null, noNativeHls = false): Promise<Probe> {
    const { viewport, userAgent, deviceScaleFactor } = devices['Desktop Chrome']
    const context = await browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    await context.addInitScript({ content: NAME_SHIM })
    if (role) await context.addInitScript(installProbe, { role, ...CAMERA, videoSelector: VIDEO, watch: WATCH, noNativeHls } satisfies ProbeOptions)
    return new Probe(label, context, await context.newPage())
  }

  /** Pulls what the page recorded since the last call. */
  async drain(): Promise<Drained | null> {
    const d = await this.page.evaluate(() => window.__latency?.drain() ?? null).catch(() => null)
    if (!d) return null
    this.frames.push(...d.frames)
    this.events.push(...d.events)
    this.misreads += d.misreads
    this.repeats += d.repeats
    this.callbacks += d.callbacks
    this.painted += d.painted
    this.skews.push(d.skew)
    if (Number.isFinite(d.bufferAhead)) this.bufferAhead.push(d.bufferAhead)
    this.playhead.push(...d.playhead)
    return d
  }

  /** Waits for an element matching a CSS selector (attribute conditions included). */
  async waitFor(selector: string, timeout = 30_000): Promise<void> {
    await this.page.locator(selector).first().waitFor({ state: 'attached', timeout })
  }

  async attr(selector: string, name: string): Promise<string | null> {
    return this.page.locator(selector).first().getAttribute(name, { timeout: 5_000 }).catch(() => null)
  }

  /** CSS size of the <video> being decoded: what the stage's automatic quality goes by. */
  async videoBox(): Promise<string> {
    const box = await this.page.locator(VIDEO).first().boundingBox({ timeout: 5_000 }).catch(() => null)
    return box ? `${Math.round(box.width)}×${Math.round(box.height)}` : '?'
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined)
  }
}

const byId = (id: string, extra = '') => `[data-testid="${id}"]${extra}`

async function login(p: Probe, username: 'host' | 'guest'): Promise<void> {
  await p.page.goto('/login')
  await p.page.getByTestId('login-username').fill(username)
  await p.page.getByTestId('login-password').fill(`${username}-demo`)
  await p.page.getByTestId('login-submit').click()
  await p.waitFor(byId('staff-user', `[data-role="${username}"]`))
}

async function openStudio(p: Probe): Promise<void> {
  await p.page.goto(`/console/studio/${SESSION}`)
  await p.waitFor(byId('connection-status', '[data-connected="true"]'))
  await p.waitFor(byId('studio-page', '[data-phase="ready"]'))
}

/**
 * The e2e's order (e2e/specs/video.spec.ts): the guest turns on camera and microphone in the
 * studio, then the host goes live. The host's studio is closed afterwards: it would decode the
 * guest's 720p too, CPU the viewers' figures should not pay for on two cores.
 */
export async function goLive(browser: Browser, baseURL: string, log: (s: string) => void): Promise<Probe> {
  const guest = await Probe.open(browser, baseURL, 'guest', 'publisher')
  const host = await Probe.open(browser, baseURL, 'host', null)
  try {
    await Promise.all([login(guest, 'guest'), login(host, 'host')])
    await Promise.all([openStudio(guest), openStudio(host)])
    await guest.page.getByTestId('studio-start-media').click()
    await guest.waitFor(byId('studio-local', '[data-publishing="camera mic"]'))
    await guest.waitFor(byId('connection-quality', '[data-direction="send"][data-state="connected"]'))
    log('  guest publishes the clock camera')
    await host.page.getByTestId('start-session').click()
    await host.page.getByTestId('confirm-ok').click()
    await host.waitFor(byId('studio-page', '[data-status="live"]'))
    log('  host went live')
  } finally {
    await host.close()
  }
  return guest
}

/** A citizen on the public page, checked to be on the path asked for. */
export async function openViewer(browser: Browser, baseURL: string, label: string, over: 'webrtc' | 'hls', noNativeHls = false): Promise<Probe> {
  const v = await Probe.open(browser, baseURL, label, 'viewer', noNativeHls)
  await v.page.goto(`/s/${SESSION}`)
  await v.waitFor(byId('stage', `[data-phase="ready"][data-webrtc="${over === 'webrtc'}"]`), 60_000)
  if (over === 'hls') await v.waitFor(byId('hls-player', '[data-state="playing"]'), 120_000)
  return v
}

/** Polls `probes` every `everyMs` until `until()` says so or `ms` pass; true if it did. */
export async function pump(probes: Probe[], ms: number, until: () => boolean = () => false, everyMs = 250): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    await Promise.all(probes.map((p) => p.drain()))
    if (until()) return true
    await new Promise((r) => setTimeout(r, everyMs))
  }
  return until()
}

/** Direct children of `pid` whose command name starts with `name` (from /proc). */
export function childrenNamed(pid: number, name: string): number[] {
  const out: number[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid && comm.startsWith(name)) out.push(Number(d))
    } catch { /* gone */ }
  }
  return out
}

/** Every descendant of `pid` (the browser's renderer, GPU and utility processes). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch { /* gone */ }
  }
  const out: number[] = []
  const walk = (p: number) => { for (const [c, pp] of parent) if (pp === p) { out.push(c); walk(c) } }
  walk(pid)
  return out
}

// Code that runs inside the Chromium pages of bench/latency.ts (serialised by Playwright, so it
// may use nothing from this module's scope): the publisher's fake camera that paints the wall
// clock as black and white cells, the viewer's decoder of those cells, and an attribute recorder.

/**
 * tsx compiles with esbuild's keepNames, which wraps named inner functions in `__name(...)`;
 * Playwright ships only the function's source to the page, where that helper does not exist.
 */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);'

export interface ProbeOptions {
  role: 'publisher' | 'viewer'
  /** Canvas size of the fake camera (the studio asks for 720p and simulcasts 1/4, 1/2, 1/1 of it). */
  width: number
  height: number
  fps: number
  /** Viewer: the <video> elements to decode, first visible match wins. */
  videoSelector: string
  /** Attributes whose changes are recorded with their wall-clock time (re-publish, phase changes). */
  watch: string[]
  /** Viewer: say no to `canPlayType` for HLS, as browsers without native HLS do, so the page uses hls.js. */
  noNativeHls?: boolean
}

/** One decoded frame: [display time, encoded time, callback time] (wall-clock ms), width, height. */
export type FrameRow = [number, number, number, number, number]

export interface Drained {
  frames: FrameRow[]
  /** Frames whose cells did not pass the checksum (or had no contrast): discarded. */
  misreads: number
  /** The same encoded time presented again (a repeated frame, not a new picture). */
  repeats: number
  callbacks: number
  /** [wall ms, data-testid (":" data-direction when it has one), attribute, value]. Counts are since the last drain. */
  events: [number, string, string, string][]
  /** Publisher: canvas paints so far. */
  painted: number
  /** Date.now() − (timeOrigin + now()) in this page: how far its clock is from the system's. */
  skew: number
  /** Viewer: seconds of media buffered ahead of the playhead (HLS players); NaN when none. */
  bufferAhead: number
  /** Viewer, each second: [wall ms, currentTime, readyState, paused 0/1, end of the buffer]. */
  playhead: [number, number, number, number, number][]
}

declare global {
  interface Window { __latency?: { drain(): Drained } }
}

/**
 * Installed with `context.addInitScript(installProbe, options)` before any page script runs.
 * 64 cells (8 × 8, each 1/8 of the picture wide and high, so 40 × 22 pixels even in the
 * quarter-size simulcast layer): 48 bits of the wall-clock millisecond, then a CRC-16 of it.
 */
export function installProbe(o: ProbeOptions): void {
  const COLS = 8, ROWS = 8, TIME_BITS = 48
  const wall = () => performance.timeOrigin + performance.now()
  const crc16 = (bytes: number[]): number => {
    let crc = 0xffff
    for (const b of bytes) {
      crc ^= b << 8
      for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    }
    return crc
  }
  const bytesOf = (ms: number): number[] => {
    const lo = ms % 2 ** 24, hi = Math.floor(ms / 2 ** 24)
    return [lo & 255, (lo >> 8) & 255, (lo >> 16) & 255, hi & 255, (hi >> 8) & 255, (hi >> 16) & 255]
  }
  const toBits = (ms: number): number[] => {
    const bits: number[] = []
    for (const b of bytesOf(ms)) for (let i = 0; i < 8; i++) bits.push((b >> i) & 1)
    const crc = crc16(bytesOf(ms))
    for (let i = 0; i < 16; i++) bits.push((crc >> i) & 1)
    return bits
  }
  const fromBits = (bits: number[]): number | null => {
    let ms = 0
    for (let i = TIME_BITS - 1; i >= 0; i--) ms = ms * 2 + bits[i]!
    let crc = 0
    for (let i = 15; i >= 0; i--) crc = crc * 2 + bits[TIME_BITS + i]!
    return crc16(bytesOf(ms)) === crc ? ms : null
  }

  const state = { frames: [] as FrameRow[], misreads: 0, repeats: 0, callbacks: 0, painted: 0, events: [] as Drained['events'], bufferAhead: NaN, playhead: [] as Drained['playhead'] }

  const watchAttributes = () => {
    const note = (t: number, el: Element, attr: string) => {
      const id = el.getAttribute('data-testid')
      // The send and receive connection panels share a test id; their direction tells them apart.
      const dir = el.getAttribute('data-direction')
      if (id && el.hasAttribute(attr)) state.events.push([t, dir ? `${id}:${dir}` : id, attr, el.getAttribute(attr) ?? ''])
    }
    const observer = new MutationObserver((records) => {
      const t = wall()
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName && o.watch.includes(r.attributeName)) note(t, r.target as Element, r.attributeName)
        // React re-creates an element (e.g. the stage's picture after a rebuild) rather than
        // changing its attributes: a new element's attributes count as changes too.
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue
          for (const el of [n, ...n.querySelectorAll('[data-testid]')]) for (const a of o.watch) note(t, el, a)
        }
      }
    })
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: o.watch })
  }
  watchAttributes()
  // Every peer connection's state, tagged send or receive: mediasoup-client makes one per transport.
  const PC = window.RTCPeerConnection
  window.RTCPeerConnection = class extends PC {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args)
      this.addEventListener('connectionstatechange', () => {
        const send = this.getTransceivers().some((t) => t.direction === 'sendonly' || t.direction === 'sendrecv')
        state.events.push([wall(), send ? 'pc:send' : 'pc:recv', 'connectionState', this.connectionState])
      })
    }
  }
  // Media errors do not bubble; the capture phase sees them (e.g. a native HLS attempt giving up).
  document.addEventListener('error', (e) => {
    const t = e.target
    if (t instanceof HTMLMediaElement) state.events.push([wall(), 'media-error', String(t.error?.code ?? ''), t.error?.message ?? ''])
  }, true)

  if (o.role === 'publisher') {
    const canvas = document.createElement('canvas')
    canvas.width = o.width
    canvas.height = o.height
    const ctx = canvas.getContext('2d')!
    const cw = o.width / COLS, ch = o.height / ROWS
    const paint = () => {
      const bits = toBits(Math.floor(wall()))
      for (let i = 0; i < COLS * ROWS; i++) {
        ctx.fillStyle = bits[i] ? '#fff' : '#000'
        ctx.fillRect((i % COLS) * cw, Math.floor(i / COLS) * ch, cw, ch)
      }
      state.painted++
    }
    // rAF paints in step with the compositor, which is when captureStream takes a frame.
    const loop = () => {
      paint()
      requestAnimationFrame(loop)
    }
    let started = false
    const media = navigator.mediaDevices
    const original = media.getUserMedia.bind(media)
    media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      if (!constraints?.video) return original(constraints)
      if (!started) {
        started = true
        loop()
      }
      // The microphone stays Chromium's fake device; only the picture is ours.
      const stream = constraints.audio ? await original({ audio: constraints.audio }) : new MediaStream()
      stream.addTrack(canvas.captureStream(o.fps).getVideoTracks()[0]!)
      return stream
    }
  } else {
    if (o.noNativeHls) {
      const canPlay = HTMLMediaElement.prototype.canPlayType
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlay.call(this, type)
      }
    }
    const W = COLS * 16, H = ROWS * 9
    const scratch = document.createElement('canvas')
    scratch.width = W
    scratch.height = H
    const ctx = scratch.getContext('2d', { willReadFrequently: true })!
    let lastTs = 0
    const decode = (video: HTMLVideoElement): number | null => {
      ctx.drawImage(video, 0, 0, W, H)
      const px = ctx.getImageData(0, 0, W, H).data
      const levels: number[] = []
      for (let i = 0; i < COLS * ROWS; i++) {
        // The middle of each cell: block edges are where the codec smears black into white.
        const cx = (i % COLS) * 16 + 8, cy = Math.floor(i / COLS) * 9 + 4
        let sum = 0, n = 0
        for (let y = cy - 2; y <= cy + 2; y++) for (let x = cx - 3; x <= cx + 2; x++) {
          const k = (y * W + x) * 4
          sum += px[k]! + px[k + 1]! + px[k + 2]!
          n += 3
        }
        levels.push(sum / n)
      }
      const lo = Math.min(...levels), hi = Math.max(...levels)
      if (hi - lo < 60) return null
      const mid = (lo + hi) / 2
      return fromBits(levels.map((v) => (v > mid ? 1 : 0)))
    }
    let current: HTMLVideoElement | null = null
    let handle = 0
    let lastCallback = 0
    let lastPlayhead = 0
    const onFrame = (video: HTMLVideoElement) => (now: number, meta: VideoFrameCallbackMetadata) => {
      if (video !== current) return
      lastCallback = wall()
      state.callbacks++
      const ts = decode(video)
      if (ts === null) state.misreads++
      else if (ts === lastTs) state.repeats++
      else {
        lastTs = ts
        state.frames.push([performance.timeOrigin + meta.expectedDisplayTime, ts, performance.timeOrigin + now, meta.width, meta.height])
      }
      handle = video.requestVideoFrameCallback(onFrame(video))
    }
    // The stage replaces its <video> (and its track) whenever media is rebuilt, e.g. after a
    // worker died: follow whichever element is current, and re-arm one that stopped calling back.
    setInterval(() => {
      const video = [...document.querySelectorAll<HTMLVideoElement>(o.videoSelector)].find((v) => v.isConnected) ?? null
      if (!video) return
      const end = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : NaN
      if (Number.isFinite(end)) state.bufferAhead = end - video.currentTime
      if (wall() - lastPlayhead >= 1000) {
        lastPlayhead = wall()
        state.playhead.push([lastPlayhead, video.currentTime, video.readyState, video.paused ? 1 : 0, end])
      }
      if (video !== current || wall() - lastCallback > 2000) {
        if (current && handle) current.cancelVideoFrameCallback(handle)
        current = video
        lastCallback = wall()
        handle = video.requestVideoFrameCallback(onFrame(video))
      }
    }, 200)
  }

  window.__latency = {
    drain: () => {
      const out: Drained = { ...state, skew: Date.now() - wall() }
      Object.assign(state, { frames: [], events: [], playhead: [], misreads: 0, repeats: 0, callbacks: 0, painted: 0 })
      return out
    },
  }
}

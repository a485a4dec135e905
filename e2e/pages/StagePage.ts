import { expect, type Locator, type Page } from '@playwright/test'

export type StageRole = 'host' | 'guest' | 'citizen'

/**
 * Frames presented by a <video> in the next moments: resolves true once `frames` new frames were
 * painted (requestVideoFrameCallback), false when they did not come within `withinMs`. A bound,
 * not a sleep: it returns as soon as the frames are there. A detached element counts as false,
 * so callers poll it.
 */
export async function presentsFrames(video: Locator, frames = 3, withinMs = 10_000): Promise<boolean> {
  return video.evaluate((v: HTMLVideoElement, [n, ms]) => new Promise<boolean>((resolve) => {
    let seen = 0
    const timer = setTimeout(() => resolve(false), ms)
    const onFrame = () => {
      if (++seen >= n) {
        clearTimeout(timer)
        resolve(v.videoWidth > 0)
      } else v.requestVideoFrameCallback(onFrame)
    }
    v.requestVideoFrameCallback(onFrame)
  }), [frames, withinMs] as const, { timeout: withinMs + 5_000 }).catch(() => false)
}

/** Frames decoded so far by a <video>, from its playback-quality counters. */
export async function decodedFrames(video: Locator): Promise<number> {
  return video.evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames).catch(() => -1)
}

/**
 * Polls until `video` keeps painting new frames (the track arrives, decodes, and moves). The
 * bounds are loose on purpose: five browsers encoding and decoding on two busy cores may fall to
 * a few frames a second, which is slow but is still video.
 */
export async function expectDecoding(video: Locator, message: string, timeout = 60_000) {
  await expect.poll(() => presentsFrames(video), { message, timeout, intervals: [250, 500, 1000] }).toBe(true)
  const before = await decodedFrames(video)
  await expect.poll(() => decodedFrames(video), { message: `${message}: the frame counter moves`, timeout: 30_000 }).toBeGreaterThan(before)
}

/** The video stage of the public page /s/:sessionId (viewer side and "ask to speak"). */
export class StagePage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get section() { return this.page.getByTestId('video-stage') }
  get root() { return this.page.getByTestId('stage') }
  get main() { return this.root.getByTestId('stage-main') }
  get tiles() { return this.root.getByTestId('stage-tile') }
  get unmute() { return this.root.getByTestId('stage-unmute') }
  get quality() { return this.root.getByTestId('stage-quality') }
  get notStarted() { return this.root.getByTestId('stage-not-started') }
  get ended() { return this.root.getByTestId('stage-ended') }
  get request() { return this.page.getByTestId('stage-request') }
  get requestNickname() { return this.page.getByTestId('stage-request-nickname') }
  get requestButton() { return this.page.getByTestId('stage-request-button') }
  get requestRemoved() { return this.page.getByTestId('stage-request-removed') }

  async open() {
    await this.page.goto(`/s/${encodeURIComponent(this.sessionId)}`)
    await expect(this.page.getByTestId('session-page')).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.section).toBeVisible()
  }

  /** The large picture and the thumbnails of members with `role` (a member may move between them). */
  member(role: StageRole): Locator {
    return this.root.locator(`[data-testid="stage-main"][data-role="${role}"], [data-testid="stage-tile"][data-role="${role}"]`)
  }

  videoOf(role: StageRole): Locator {
    return this.member(role).getByTestId('stage-video')
  }

  get hlsPlayer() { return this.root.getByTestId('hls-player') }
  get hlsVideo() { return this.hlsPlayer.getByTestId('stage-video') }

  /** Waits for the stage to be joined, over WebRTC or (when the WebRTC audience is full) HLS. */
  async expectReady(over: 'webrtc' | 'hls' = 'webrtc') {
    await expect(this.root).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 })
    await expect(this.root).toHaveAttribute('data-webrtc', over === 'webrtc' ? 'true' : 'false')
  }

  /** The HLS playlist the stage announces (empty until the server's packager runs). */
  async hlsUrl(): Promise<string> {
    return (await this.root.getAttribute('data-hls-url')) ?? ''
  }

  async askToSpeak(nickname: string) {
    await this.requestNickname.fill(nickname)
    await this.requestButton.click()
    await expect(this.request).toHaveAttribute('data-status', 'requested')
  }
}

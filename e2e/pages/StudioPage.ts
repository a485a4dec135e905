import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /console/studio/:sessionId — the video studio of a host or guest. */
export class StudioPage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('studio-page') }
  get connection() { return this.page.getByTestId('connection-status') }
  get local() { return this.page.getByTestId('studio-local') }
  get startMedia() { return this.page.getByTestId('studio-start-media') }
  get toggleMic() { return this.page.getByTestId('studio-toggle-mic') }
  get toggleCamera() { return this.page.getByTestId('studio-toggle-camera') }
  get sendQuality() { return this.page.locator('[data-testid="connection-quality"][data-direction="send"]') }
  get stage() { return this.page.getByTestId('stage') }
  get requests() { return this.page.getByTestId('stage-requests') }
  get startButton() { return this.page.getByTestId('start-session') }
  get endButton() { return this.page.getByTestId('end-session') }
  get confirmDialog() { return this.page.getByTestId('confirm-dialog') }

  async open() {
    await this.page.goto(`/console/studio/${encodeURIComponent(this.sessionId)}`)
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.connection).toHaveAttribute('data-connected', 'true')
    await expect(this.page.getByTestId('not-staff')).toHaveCount(0)
    await expect(this.root).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 })
  }

  /** Turns on camera and microphone (the fake devices) and waits until both are sent. */
  async publish() {
    await this.startMedia.click()
    await expect(this.local).toHaveAttribute('data-publishing', 'camera mic', { timeout: 30_000 })
    await expect(this.page.getByTestId('studio-media-error')).toHaveCount(0)
    await expect(this.sendQuality).toHaveAttribute('data-state', 'connected', { timeout: 30_000 })
  }

  /** The stage as this studio sees it: other members' videos. */
  videoOf(role: 'host' | 'guest' | 'citizen'): Locator {
    return this.stage.locator(`[data-testid="stage-main"][data-role="${role}"], [data-testid="stage-tile"][data-role="${role}"]`).getByTestId('stage-video')
  }

  async goLive() {
    await this.startButton.click()
    await expect(this.confirmDialog).toBeVisible()
    await this.page.getByTestId('confirm-ok').click()
    await expect(this.root).toHaveAttribute('data-status', 'live')
  }

  async endSession() {
    await this.endButton.click()
    await expect(this.confirmDialog).toBeVisible()
    await expect(this.page.getByTestId('confirm-cancel')).toBeFocused()
    await this.page.getByTestId('confirm-ok').click()
    await expect(this.root).toHaveAttribute('data-status', 'archived')
  }

  request(nickname: string): Locator {
    return this.requests.getByTestId('stage-request-item').filter({ has: this.page.getByTestId('stage-request-name').getByText(nickname, { exact: true }) })
  }

  requestById(id: string): Locator {
    return byTestIdAndAttr(this.requests, 'stage-request-item', 'data-request-id', id)
  }

  async approve(nickname: string) {
    const item = this.request(nickname)
    await expect(item).toHaveAttribute('data-status', 'requested')
    await item.getByTestId('stage-approve').click()
    await expect(item).toHaveAttribute('data-status', 'approved')
  }

  async remove(nickname: string) {
    const item = this.request(nickname)
    await item.getByTestId('stage-remove').click()
    await expect(item).toHaveCount(0)
  }
}

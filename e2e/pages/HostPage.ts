import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /console/host/:sessionId — the studio: live record composer, question queue, session controls. */
export class HostPage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('host-page') }
  get connection() { return this.page.getByTestId('connection-status') }
  get form() { return this.page.getByTestId('transcript-form') }
  get speakerSelect() { return this.page.getByTestId('speaker-select') }
  get speakerName() { return this.page.getByTestId('speaker-name-input') }
  get bodyInput() { return this.page.getByTestId('transcript-body-input') }
  get imageInput() { return this.page.getByTestId('transcript-image-input') }
  get imagePreview() { return this.page.getByTestId('transcript-image-preview') }
  get submit() { return this.page.getByTestId('transcript-submit') }
  get formError() { return this.page.getByTestId('transcript-form-error') }
  get formClosed() { return this.page.getByTestId('transcript-form-closed') }
  get preview() { return this.page.getByTestId('transcript-list') }
  get queue() { return this.page.getByTestId('host-question-queue') }
  get answeredList() { return this.page.getByTestId('host-answered-list') }
  get endButton() { return this.page.getByTestId('end-session') }
  get confirmDialog() { return this.page.getByTestId('confirm-dialog') }
  get actionError() { return this.page.getByTestId('action-error') }

  async open() {
    await this.page.goto(`/console/host/${encodeURIComponent(this.sessionId)}`)
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.connection).toHaveAttribute('data-connected', 'true')
    await expect(this.form).toBeVisible()
  }

  /** Posts a live-record entry as the host (text, and optionally a picture) and waits for its ack. */
  async post(body: string, image?: { name: string; mimeType: string; buffer: Buffer }) {
    await this.speakerSelect.selectOption('host')
    await this.bodyInput.fill(body)
    if (image) {
      await this.imageInput.setInputFiles(image)
      await expect(this.imagePreview).toBeVisible()
    }
    await this.submit.click()
    await expect(this.bodyInput).toHaveValue('')
    await expect(this.formError).toHaveCount(0)
    if (image) await expect(this.imagePreview).toHaveCount(0)
    await expect(this.preview.getByTestId('transcript-entry').filter({ hasText: body })).toHaveCount(1)
  }

  queued(id: string): Locator {
    return byTestIdAndAttr(this.queue, 'question-item', 'data-question-id', id)
  }

  async markAnswering(id: string) {
    const item = this.queued(id)
    await item.getByTestId('mark-answering').click()
    await expect(item).toHaveAttribute('data-status', 'answering')
  }

  async answer(id: string, text: string) {
    const item = this.queued(id)
    await item.getByTestId('answer-input').fill(text)
    await item.getByTestId('answer-submit').click()
    await expect(this.queued(id)).toHaveCount(0)
    await expect(byTestIdAndAttr(this.answeredList, 'question-item', 'data-question-id', id)).toHaveCount(1)
  }

  /** Ends the session through its confirmation dialog (focus starts on "cancel"). */
  async endSession() {
    await this.endButton.click()
    await expect(this.confirmDialog).toBeVisible()
    await expect(this.page.getByTestId('confirm-cancel')).toBeFocused()
    await this.page.getByTestId('confirm-ok').click()
    await expect(this.confirmDialog).toHaveCount(0)
    await expect(this.root).toHaveAttribute('data-status', 'archived')
  }
}

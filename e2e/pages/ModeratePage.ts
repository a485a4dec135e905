import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /console/moderate/:sessionId — the moderation queue (先审后发). */
export class ModeratePage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('moderate-page') }
  get connection() { return this.page.getByTestId('connection-status') }
  get queue() { return this.page.getByTestId('pending-queue') }
  get pendingCount() { return this.page.getByTestId('pending-count') }
  get actionError() { return this.page.getByTestId('action-error') }
  get approvedList() { return this.page.getByTestId('approved-list') }
  get rejectedList() { return this.page.getByTestId('rejected-list') }

  async open() {
    await this.page.goto(`/console/moderate/${encodeURIComponent(this.sessionId)}`)
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.connection).toHaveAttribute('data-connected', 'true')
    await expect(this.page.getByTestId('not-staff')).toHaveCount(0)
  }

  pending(id: string): Locator {
    return byTestIdAndAttr(this.queue, 'question-item', 'data-question-id', id)
  }

  approved(id: string): Locator {
    return byTestIdAndAttr(this.approvedList, 'question-item', 'data-question-id', id)
  }

  rejected(id: string): Locator {
    return byTestIdAndAttr(this.rejectedList, 'question-item', 'data-question-id', id)
  }

  /** Selects a queued question by clicking its text (the list follows the selection). */
  async select(id: string) {
    const item = this.pending(id)
    await item.getByTestId('question-body').click()
    await expect(item).toHaveAttribute('data-selected', 'true')
    // Shortcuts are ignored while typing in a field: make sure none has the focus.
    await expect(this.page.locator('input:focus, textarea:focus, select:focus')).toHaveCount(0)
  }

  /** Approves with the keyboard shortcut "a". */
  async approveWithKeyboard(id: string) {
    await this.select(id)
    await this.page.keyboard.press('a')
    await expect(this.pending(id)).toHaveCount(0)
    await expect(this.approved(id)).toBeVisible()
  }

  /** Rejects with the shortcut "r", a typed reason and Enter. */
  async rejectWithKeyboard(id: string, reason: string) {
    await this.select(id)
    await this.page.keyboard.press('r')
    const box = this.pending(id).getByTestId('reject-box')
    await expect(box).toBeVisible()
    const input = box.getByTestId('reject-reason-input')
    await expect(input).toBeFocused()
    await input.fill(reason)
    await input.press('Enter')
    await expect(this.pending(id)).toHaveCount(0)
    await expect(this.rejected(id)).toBeVisible()
  }
}

import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /unit/replies and /admin/replies — the written replies owed after a theme day. */
export class RepliesPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('replies-page') }
  get detail() { return this.page.getByTestId('reply-detail') }
  get rows() { return this.page.getByTestId('reply-row') }

  async open(path: '/unit/replies' | '/admin/replies', filter = 'all') {
    await this.page.goto(`${path}?filter=${filter}`)
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('reply-list').or(this.page.getByTestId('replies-empty'))).toBeVisible()
  }

  row(questionId: string): Locator {
    return byTestIdAndAttr(this.page, 'reply-row', 'data-question-id', questionId)
  }

  rowByText(text: string): Locator {
    return this.rows.filter({ hasText: text })
  }

  async openRow(row: Locator) {
    const id = (await row.getAttribute('data-task-id'))!
    await row.getByTestId('reply-open').click()
    await expect(this.detail).toHaveAttribute('data-task-id', id)
  }

  /** Writes the reply and publishes it (or sends it for checking); `note` for a correction. */
  async publish(body: string, note?: string) {
    await this.detail.getByTestId('reply-body').fill(body)
    if (note) await this.detail.getByTestId('reply-note').fill(note)
    await this.detail.getByTestId('reply-publish').click()
    await expect(this.page.getByTestId('reply-error')).toHaveCount(0)
  }
}

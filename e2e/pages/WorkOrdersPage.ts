import { expect, type Download, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

export type SatisfactionChoice = 'satisfied' | 'basically_satisfied' | 'unsatisfied'

/** /console/work-orders — handed-off calls followed up by the unit and called back by the hotline. */
export class WorkOrdersPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('work-orders-page') }
  get list() { return this.page.getByTestId('work-order-list') }
  get items() { return this.list.getByTestId('work-order-item') }

  async open() {
    await this.page.goto('/console/work-orders')
    await expect(this.root).toBeVisible()
    await expect(this.list.or(this.page.getByTestId('work-order-list-empty'))).toBeVisible()
  }

  /** Clicks an export button and waits for the file the browser is handed. */
  async download(testId: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()])
    return download
  }

  byCall(callId: string): Locator {
    return byTestIdAndAttr(this.list, 'work-order-item', 'data-call-id', callId)
  }

  async accept(item: Locator) {
    await item.getByTestId('wo-accept').click()
    await expect(item).toHaveAttribute('data-status', 'accepted')
  }

  async reply(item: Locator, text: string) {
    await item.getByTestId('wo-reply-input').fill(text)
    await item.getByTestId('wo-reply-submit').click()
    await expect(item).toHaveAttribute('data-status', 'replied')
    await expect(item.getByTestId('wo-reply-text')).toContainText(text)
  }

  async callback(item: Locator, satisfaction: SatisfactionChoice, note?: string) {
    await item.getByTestId(`wo-satisfaction-${satisfaction}`).check()
    if (note) await item.getByTestId('wo-callback-note').fill(note)
    await item.getByTestId('wo-callback-submit').click()
    await expect(item.getByTestId('wo-satisfaction')).toHaveAttribute('data-value', satisfaction)
  }
}

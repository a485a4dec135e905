import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /admin/plan/:year — the office compiles the annual plan on a month grid and publishes it. */
export class AdminPlanPage {
  constructor(readonly page: Page, readonly year: number) {}

  get root() { return this.page.getByTestId('admin-plan-page') }
  get conflicts() { return this.page.getByTestId('plan-conflicts') }
  get dialog() { return this.page.getByTestId('plan-publish-dialog') }

  async open() {
    await this.page.goto(`/admin/plan/${this.year}`)
    await expect(this.root).toBeVisible()
    await expect(this.conflicts).toBeVisible()
  }

  conflict(kind: string): Locator {
    return byTestIdAndAttr(this.conflicts, 'plan-conflict', 'data-kind', kind)
  }

  unplaced(proposalId: string): Locator {
    return byTestIdAndAttr(this.page, 'plan-unplaced', 'data-proposal-id', proposalId)
  }

  entry(proposalId: string): Locator {
    return byTestIdAndAttr(this.page, 'plan-entry', 'data-proposal-id', proposalId)
  }

  month(m: number): Locator {
    return byTestIdAndAttr(this.page, 'plan-month', 'data-month', String(m))
  }

  async place(proposalId: string, month: number) {
    const card = this.unplaced(proposalId)
    await card.getByTestId('plan-unplaced-month').selectOption(String(month))
    await card.getByTestId('plan-unplaced-add').click()
    await expect(this.entry(proposalId)).toHaveAttribute('data-month', String(month))
  }

  async move(proposalId: string, month: number) {
    const card = this.entry(proposalId)
    await card.getByTestId('plan-entry-month').selectOption(String(month))
    await card.getByTestId('plan-entry-move').click()
    await expect(this.entry(proposalId)).toHaveAttribute('data-month', String(month))
  }

  /** Sets the date (YYYY-MM-DD) and the times (HH:mm) of a placed proposal. */
  async setDate(proposalId: string, date: string, start: string, end: string) {
    const card = this.entry(proposalId)
    await card.getByTestId('plan-entry-date').fill(date)
    await card.getByTestId('plan-entry-start').fill(start)
    await card.getByTestId('plan-entry-end').fill(end)
    await card.getByTestId('plan-entry-save').click()
    await expect(this.entry(proposalId)).toHaveAttribute('data-date', date)
  }

  async openPublish() {
    await this.page.getByTestId('plan-publish').click()
    await expect(this.dialog).toBeVisible()
  }

  async publish(note = '') {
    await this.openPublish()
    if (note) await this.dialog.getByTestId('plan-publish-note').fill(note)
    await this.dialog.getByTestId('plan-publish-ok').click()
    await expect(this.dialog).toHaveCount(0)
    await expect(this.page.getByTestId('plan-published')).toBeVisible()
  }
}

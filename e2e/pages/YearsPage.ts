import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /admin/years — the office opens a year: months to fill, the proposal deadline, the notice. */
export class YearsPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('years-page') }
  get form() { return this.page.getByTestId('year-form') }

  async open() {
    await this.page.goto('/admin/years')
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('year-list').or(this.page.getByTestId('years-empty'))).toBeVisible()
  }

  row(year: number): Locator {
    return byTestIdAndAttr(this.page, 'year-row', 'data-year', String(year))
  }

  /** Opens `year` with exactly `months` to fill; `deadline` is Beijing wall time, YYYY-MM-DDTHH:mm. */
  async openYear(y: { year: number; months: number[]; deadline: string; previewDays: number; notice: string }) {
    await this.page.getByTestId('year-new').click()
    await expect(this.form).toBeVisible()
    await this.form.getByTestId('year-number').fill(String(y.year))
    await this.form.getByTestId('year-deadline').fill(y.deadline)
    await this.form.getByTestId('year-preview-days').fill(String(y.previewDays))
    for (let m = 1; m <= 12; m++) await byTestIdAndAttr(this.form, 'year-month', 'data-month', String(m)).setChecked(y.months.includes(m))
    await this.form.getByTestId('year-notice-text').fill(y.notice)
    await this.form.getByTestId('year-submit').click()
    await expect(this.form).toHaveCount(0)
    await expect(this.row(y.year)).toBeVisible()
  }
}

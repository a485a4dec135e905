import { expect, type Page } from '@playwright/test'

/** /account/password — a staff member's own password (first of all over a one-time one). */
export class ChangePasswordPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('change-password-page') }
  get problem() { return this.page.getByTestId('password-problem') }

  async change(current: string, next: string, confirm = next) {
    await expect(this.root).toBeVisible()
    await this.page.getByTestId('password-current').fill(current)
    await this.page.getByTestId('password-next').fill(next)
    await this.page.getByTestId('password-confirm').fill(confirm)
    await this.page.getByTestId('password-submit').click()
  }
}

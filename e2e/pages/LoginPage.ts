import { expect, type Page } from '@playwright/test'

export const demoPassword = (username: string) => `${username}-demo`

export class LoginPage {
  constructor(readonly page: Page) {}

  get form() { return this.page.getByTestId('login-form') }
  get username() { return this.page.getByTestId('login-username') }
  get password() { return this.page.getByTestId('login-password') }
  get submit() { return this.page.getByTestId('login-submit') }
  get error() { return this.page.getByTestId('login-error') }

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login')
    await expect(this.form).toBeVisible()
  }

  /** Logs in through the form; the app then navigates to `?next` (default /console). */
  async login(username: string, password = demoPassword(username)) {
    await this.username.fill(username)
    await this.password.fill(password)
    await this.submit.click()
    await expect(this.page.getByTestId('staff-user')).toBeVisible()
  }
}

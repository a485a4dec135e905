import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

export type RoleChoice = 'admin' | 'unit_editor' | 'host' | 'guest' | 'moderator' | 'operator'

/** /admin/accounts — staff accounts, their one-time passwords, disabling. */
export class AdminAccountsPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('accounts-page') }
  get list() { return this.page.getByTestId('account-list') }
  get form() { return this.page.getByTestId('account-form') }
  get otpNotice() { return this.page.getByTestId('otp-notice') }
  get dialog() { return this.page.getByTestId('confirm-dialog') }

  async open() {
    await this.page.goto('/admin/accounts')
    await this.expectLoaded()
  }

  async expectLoaded() {
    await expect(this.root).toBeVisible()
    await expect(this.list.or(this.page.getByTestId('account-list-empty'))).toBeVisible()
  }

  row(username: string): Locator {
    return byTestIdAndAttr(this.page, 'account-row', 'data-username', username)
  }

  /** Creates an account; the notice with its one-time password is left open for the caller to read. */
  async create(a: { username: string; displayName: string; role: RoleChoice; unitId?: string }) {
    await this.page.getByTestId('account-new').click()
    await expect(this.form).toBeVisible()
    await this.form.getByTestId('account-username').fill(a.username)
    await this.form.getByTestId('account-display-name').fill(a.displayName)
    await this.form.getByTestId('account-role').selectOption(a.role)
    if (a.unitId) await this.form.getByTestId('account-unit').selectOption(a.unitId)
    await this.form.getByTestId('account-submit').click()
    await expect(this.otpNotice).toHaveAttribute('data-username', a.username)
    await expect(this.row(a.username)).toHaveAttribute('data-must-change', 'true')
  }

  /** The one-time password as shown (once) in the open notice. */
  async oneTimePassword(): Promise<string> {
    return (await this.otpNotice.getByTestId('otp-value').innerText()).trim()
  }

  async closeNotice() {
    await this.otpNotice.getByTestId('otp-done').click()
    await expect(this.otpNotice).toHaveCount(0)
  }

  async disable(username: string) {
    await this.row(username).getByTestId('account-disable').click()
    await expect(this.dialog).toBeVisible()
    // The safe choice has focus: Enter alone does not disable anyone.
    await expect(this.dialog.getByTestId('confirm-cancel')).toBeFocused()
    await this.dialog.getByTestId('confirm-ok').click()
    await expect(this.row(username)).toHaveAttribute('data-active', 'false')
  }
}

import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /admin/sessions — the admin's session staffing. */
export class StaffingPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('assignments-page') }
  get status() { return this.page.getByTestId('staffing-status') }

  async open() {
    await this.page.goto('/admin/sessions')
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('staffing-list')).toBeVisible()
  }

  session(sessionId: string): Locator {
    return byTestIdAndAttr(this.page, 'staffing-session', 'data-session-id', sessionId)
  }

  staff(sessionId: string, username: string): Locator {
    return byTestIdAndAttr(this.session(sessionId), 'staff-item', 'data-username', username)
  }

  /** Picks the person with the keyboard (type, ↓, Enter), chooses the role and assigns. */
  async assign(sessionId: string, search: string, username: string, roleLabel: string) {
    const card = this.session(sessionId)
    const picker = card.getByTestId('assign-person')
    await picker.fill(search)
    const option = byTestIdAndAttr(card, 'assign-person-option', 'data-username', username)
    await expect(option).toBeVisible()
    // Move the highlight to the person with the arrow keys, as a keyboard user would.
    for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await picker.press('ArrowDown')
    await expect(option).toHaveAttribute('aria-selected', 'true')
    await picker.press('Enter')
    await expect(picker).not.toHaveAttribute('data-value', '')
    await card.getByTestId('assign-role').selectOption({ label: roleLabel })
    await card.getByTestId('assign-submit').click()
    await expect(this.staff(sessionId, username)).toBeVisible()
  }

  /** Removes the person, confirming in the dialog. */
  async remove(sessionId: string, username: string) {
    await this.staff(sessionId, username).getByTestId('staff-remove').click()
    await this.page.getByTestId('confirm-ok').click()
    await expect(this.staff(sessionId, username)).toHaveCount(0)
  }
}

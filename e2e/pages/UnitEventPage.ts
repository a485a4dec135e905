import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /unit/events/:id — the lead unit's editor prepares its event: details, guests, staff. */
export class UnitEventPage {
  constructor(readonly page: Page, readonly eventId: string) {}

  get root() { return this.page.getByTestId('unit-event-page') }

  async open() {
    await this.page.goto('/unit/events')
    await byTestIdAndAttr(this.page, 'unit-event-row', 'data-event-id', this.eventId).getByTestId('unit-event-link').click()
    await expect(this.root).toHaveAttribute('data-event-id', this.eventId)
    await expect(this.root).toHaveAttribute('data-editable', 'true')
  }

  session(sessionId: string): Locator {
    return byTestIdAndAttr(this.page, 'unit-staff-session', 'data-session-id', sessionId)
  }

  /** Assigns one of the unit's own people to the session in a role. */
  async assign(sessionId: string, userId: string, role: 'host' | 'guest' | 'moderator') {
    const s = this.session(sessionId)
    await s.getByTestId('unit-staff-user').selectOption(userId)
    await s.getByTestId('unit-staff-role').selectOption(role)
    await s.getByTestId('unit-staff-assign').click()
    await expect(byTestIdAndAttr(s, 'unit-staff-row', 'data-user-id', userId)).toBeVisible()
  }
}

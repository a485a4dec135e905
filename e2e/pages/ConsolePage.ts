import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /console — a staff member's list of the sessions they work. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('console-page') }

  async expectLoaded() {
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('loading')).toHaveCount(0)
  }

  assignment(sessionId: string): Locator {
    return byTestIdAndAttr(this.page, 'assignment-item', 'data-session-id', sessionId)
  }

  moderateLink(sessionId: string): Locator {
    return byTestIdAndAttr(this.assignment(sessionId), 'moderate-link', 'data-session-id', sessionId)
  }
}

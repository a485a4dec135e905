import { expect, type Locator, type Page } from '@playwright/test'

/** /admin/audit — the admin's audit log. */
export class AuditPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('audit-page') }
  get entries() { return this.page.getByTestId('audit-entry') }

  async open() {
    await this.page.goto('/admin/audit')
    await expect(this.root).toBeVisible()
  }

  /** Filters by an action prefix (typed in the form, applied with its button). */
  async filterByAction(prefix: string) {
    await this.page.getByTestId('audit-filter-action').fill(prefix)
    await this.page.getByTestId('audit-apply').click()
  }

  entry(action: string, targetId: string): Locator {
    return this.page.locator(`[data-testid="audit-entry"][data-action="${action}"][data-target-id="${targetId}"]`)
  }
}

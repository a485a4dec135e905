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

  get publicity() { return this.page.getByTestId('publicity-section') }

  /** Records a publicity item (a journal by its name when `journal` is given) with an optional screenshot. */
  async addPublicity(p: { outlet: 'media' | 'gov_website' | 'gov_new_media' | 'journal'; journal?: string; source?: string; date: string; title: string; url?: string; file?: { name: string; mimeType: string; buffer: Buffer } }) {
    const form = this.page.getByTestId('publicity-form')
    await form.getByTestId('publicity-outlet').selectOption(p.outlet)
    if (p.journal) await form.getByTestId('publicity-journal').selectOption({ label: p.journal })
    if (p.source) await form.getByTestId('publicity-source').fill(p.source)
    await form.getByTestId('publicity-date').fill(p.date)
    await form.getByTestId('publicity-title').fill(p.title)
    if (p.url) await form.getByTestId('publicity-url').fill(p.url)
    if (p.file) await form.getByTestId('publicity-file').setInputFiles(p.file)
    await form.getByTestId('publicity-submit').click()
    await expect(this.page.getByTestId('publicity-error')).toHaveCount(0)
    await expect(this.publicity.getByTestId('publicity-item').filter({ hasText: p.title })).toHaveCount(1)
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

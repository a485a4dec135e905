import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

export interface ProposalInput {
  theme: string
  month: number
  halfDay: 'am' | 'pm'
  form: string
  steps: string
  contacts?: { name: string; position: string; phone: string; email: string }[]
  jointUnitIds?: string[]
}

/** /unit/proposals — a unit editor's proposals of a year: own ones to write, joint ones to read. */
export class UnitProposalsPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('unit-proposals-page') }
  get editor() { return this.page.getByTestId('proposal-editor') }
  get saveState() { return this.page.getByTestId('save-state') }

  async open(year: number) {
    await this.page.goto(`/unit/proposals?year=${year}`)
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('year-notice')).toBeVisible()
  }

  row(id: string): Locator {
    return byTestIdAndAttr(this.page, 'unit-proposal-row', 'data-proposal-id', id)
  }

  /** Starts a new proposal; resolves with its id once its editor is open. */
  async create(): Promise<string> {
    // The id is the one the server gave: an editor may already be open on another (a joint one,
    // read-only) until the new one replaces it.
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/unit/proposals')
    await this.page.getByTestId('unit-proposal-new').click()
    const { id } = (await (await created).json()) as { id: string }
    await expect(this.editor).toHaveAttribute('data-proposal-id', id)
    return id
  }

  async openProposal(id: string) {
    await this.row(id).getByTestId('unit-proposal-open').click()
    await expect(this.page.getByTestId('unit-proposal-detail')).toBeVisible()
  }

  /** Types the fields; the draft saves itself as it is typed (no save button). */
  async fill(p: ProposalInput) {
    const e = this.editor
    await e.getByTestId('proposal-theme').fill(p.theme)
    await e.getByTestId('proposal-month').selectOption(String(p.month))
    await e.getByTestId('proposal-halfday').selectOption(p.halfDay)
    await e.getByTestId('proposal-form').selectOption(p.form)
    await e.getByTestId('proposal-steps').fill(p.steps)
    for (const c of p.contacts ?? []) {
      await e.getByTestId('contact-add').click()
      const row = e.getByTestId('contact-row').last()
      await row.getByTestId('contact-name').fill(c.name)
      await row.getByTestId('contact-position').fill(c.position)
      await row.getByTestId('contact-phone').fill(c.phone)
      await row.getByTestId('contact-email').fill(c.email)
    }
    for (const id of p.jointUnitIds ?? []) await byTestIdAndAttr(e, 'joint-unit', 'data-unit-id', id).check()
    await this.expectSaved()
  }

  async expectSaved() {
    await expect(this.editor).toHaveAttribute('data-save-state', 'saved', { timeout: 10_000 })
  }

  async submit(id: string) {
    await this.editor.getByTestId('proposal-submit').click()
    await expect(this.page.getByTestId('proposal-error')).toHaveCount(0)
    await expect(this.row(id)).toHaveAttribute('data-status', 'submitted')
    await expect(this.page.getByTestId('proposal-view')).toBeVisible()
  }
}

/** /admin/proposals — the office reads the year's proposals, approves or returns them, reminds the units. */
export class AdminProposalsPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('admin-proposals-page') }
  get detail() { return this.page.getByTestId('admin-proposal-detail') }

  private year = 0

  async open(year: number) {
    this.year = year
    await this.page.goto(`/admin/proposals?year=${year}`)
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('missing-units')).toBeVisible()
  }

  row(id: string): Locator {
    return byTestIdAndAttr(this.page, 'admin-proposal-row', 'data-proposal-id', id)
  }

  missing(unitId: string): Locator {
    return byTestIdAndAttr(this.page, 'missing-unit', 'data-unit-id', unitId)
  }

  async remind(unitId: string) {
    await this.missing(unitId).getByTestId('remind-unit').click()
    await expect(this.page.getByTestId('remind-done')).toBeVisible()
  }

  /** Opens it by its address (a decision just made reloads the list; a click there could race it). */
  async openProposal(id: string) {
    await this.page.goto(`/admin/proposals?year=${this.year}&p=${encodeURIComponent(id)}`)
    await expect(this.detail).toHaveAttribute('data-proposal-id', id)
  }

  async approve(id: string) {
    await this.openProposal(id)
    await this.detail.getByTestId('proposal-approve').click()
    await expect(this.detail).toHaveAttribute('data-status', 'approved')
    await expect(this.row(id)).toHaveAttribute('data-status', 'approved')
  }

  async returnIt(id: string, reason: string) {
    await this.openProposal(id)
    await this.detail.getByTestId('return-reason-input').fill(reason)
    await this.detail.getByTestId('proposal-return').click()
    await expect(this.detail).toHaveAttribute('data-status', 'returned')
    await expect(this.detail.getByTestId('admin-return-reason')).toContainText(reason)
  }
}

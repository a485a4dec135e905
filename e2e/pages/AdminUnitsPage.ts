import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

export type UnitKindChoice = 'city_dept' | 'county' | 'zone'

/** /admin/units — the admin's units: create, edit, (de)activate. */
export class AdminUnitsPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('units-page') }
  get list() { return this.page.getByTestId('unit-list') }
  get form() { return this.page.getByTestId('unit-form') }

  async open() {
    await this.page.goto('/admin/units')
    await this.expectLoaded()
  }

  async expectLoaded() {
    await expect(this.root).toBeVisible()
    await expect(this.list.or(this.page.getByTestId('unit-list-empty'))).toBeVisible()
  }

  row(code: string): Locator {
    return byTestIdAndAttr(this.page, 'unit-row', 'data-code', code)
  }

  /** Creates a unit through the form; resolves with its id. */
  async create(u: { code: string; name: string; kind: UnitKindChoice; parentCode?: string }): Promise<string> {
    await this.page.getByTestId('unit-new').click()
    await expect(this.form).toBeVisible()
    await expect(this.form.getByTestId('unit-code')).toBeFocused()
    await this.form.getByTestId('unit-code').fill(u.code)
    await this.form.getByTestId('unit-name').fill(u.name)
    await this.form.getByTestId('unit-kind').selectOption(u.kind)
    if (u.parentCode) {
      const parentId = await this.row(u.parentCode).getAttribute('data-unit-id')
      await this.form.getByTestId('unit-parent').selectOption(parentId!)
    }
    await this.form.getByTestId('unit-submit').click()
    await expect(this.form).toHaveCount(0)
    const row = this.row(u.code)
    await expect(row).toBeVisible()
    await expect(row.getByTestId('unit-name')).toHaveText(u.name)
    return (await row.getAttribute('data-unit-id'))!
  }
}

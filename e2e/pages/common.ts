import type { Locator, Page } from '@playwright/test'

/** `[data-testid=…][data-question-id=…]` and friends, inside `scope`. */
export function byTestIdAndAttr(scope: Page | Locator, testId: string, attr: string, value: string): Locator {
  return scope.locator(`[data-testid="${testId}"][${attr}="${cssEscape(value)}"]`)
}

function cssEscape(v: string): string {
  return v.replace(/["\\]/g, '\\$&')
}

/** The page header shared by every route. */
export class Header {
  constructor(readonly page: Page) {}
  get root() { return this.page.getByTestId('app-header') }
  get langSwitch() { return this.page.getByTestId('lang-switch') }
  get navHome() { return this.page.getByTestId('nav-home') }
  get navArchive() { return this.page.getByTestId('nav-archive') }
  get navLogin() { return this.page.getByTestId('nav-login') }
  get staffUser() { return this.page.getByTestId('staff-user') }
}

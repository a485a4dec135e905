import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Public pages are for everyone, elderly readers and screen-reader users included: axe (WCAG 2.1
 * A and AA rules) must find nothing. The violations are listed by rule and element, so a failure
 * says what to fix.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)
  expect(found, `axe on ${label}`).toEqual([])
}

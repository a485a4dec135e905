import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /calendar — the public calendar of the year's theme days, with the plan's documents and feeds. */
export class CalendarPage {
  constructor(readonly page: Page) {}

  get root() { return this.page.getByTestId('calendar-page') }
  get events() { return this.page.getByTestId('calendar-event') }

  async open(year: number) {
    await this.page.goto(`/calendar?year=${year}`)
    await expect(this.root).toBeVisible()
    await expect(this.page.getByTestId('calendar-count')).toBeVisible()
  }

  event(id: string): Locator {
    return byTestIdAndAttr(this.page, 'calendar-event', 'data-event-id', id)
  }

  eventByTheme(theme: string): Locator {
    return this.events.filter({ hasText: theme })
  }

  /** Clicks a download link as a citizen would and resolves with the saved file's path. */
  async download(testId: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()])
    expect(await download.failure()).toBeNull()
    return (await download.path())!
  }
}

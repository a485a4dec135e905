import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** The board of a hotline day: /s/:id/board (venue display) or inside the public page /s/:id. */
export class HotlineBoardPage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('hotline-board') }
  get connection() { return this.page.getByTestId('connection-status') }
  get total() { return this.root.getByTestId('board-total') }
  get answered() { return this.root.getByTestId('board-answered') }
  get handedOff() { return this.root.getByTestId('board-handed-off') }
  get ticker() { return this.root.getByTestId('board-ticker') }
  get tickerItems() { return this.ticker.getByTestId('ticker-item') }
  get domainChart() { return this.root.getByTestId('board-domain-chart') }
  get typeChart() { return this.root.getByTestId('board-type-chart') }

  /** The venue display, full screen. */
  async openVenue() {
    await this.page.goto(`/s/${encodeURIComponent(this.sessionId)}/board`)
    await expect(this.page.getByTestId('board-page')).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.connection).toHaveAttribute('data-connected', 'true')
    await expect(this.root).toHaveAttribute('data-size', 'venue')
  }

  /** The public page of the session, which embeds the board. */
  async openPublic() {
    await this.page.goto(`/s/${encodeURIComponent(this.sessionId)}`)
    await expect(this.page.getByTestId('session-page')).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.root).toHaveAttribute('data-size', 'page')
  }

  async value(figure: Locator): Promise<number> {
    return Number(await figure.getAttribute('data-value'))
  }

  domainRow(domainId: string): Locator {
    return byTestIdAndAttr(this.root, 'board-domain', 'data-id', domainId)
  }

  typeRow(typeId: string): Locator {
    return byTestIdAndAttr(this.root, 'board-type', 'data-id', typeId)
  }

  tickerItem(callId: string): Locator {
    return byTestIdAndAttr(this.ticker, 'ticker-item', 'data-call-id', callId)
  }
}

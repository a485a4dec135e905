import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** /archive/:sessionId — the frozen public record (往期回顾). */
export class ArchivePage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('archive-page') }
  get archivedAt() { return this.page.getByTestId('archived-at') }
  get figures() { return this.root.getByTestId('archive-figures') }
  get transcriptEntries() { return this.page.getByTestId('archive-transcript').getByTestId('transcript-entry') }
  get questions() { return this.page.getByTestId('archive-questions').getByTestId('question-item') }
  get awaiting() { return this.page.getByTestId('awaiting-replies').getByTestId('awaiting-item') }

  async goto() {
    await this.page.goto(`/archive/${encodeURIComponent(this.sessionId)}`)
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
  }

  figure(name: 'received' | 'approved' | 'answered' | 'awaiting' | 'peak-viewers'): Locator {
    return this.figures.getByTestId(`figure-${name}`)
  }

  question(id: string): Locator {
    return byTestIdAndAttr(this.page.getByTestId('archive-questions'), 'question-item', 'data-question-id', id)
  }

  awaitingItem(id: string): Locator {
    return byTestIdAndAttr(this.page.getByTestId('awaiting-replies'), 'awaiting-item', 'data-question-id', id)
  }
}

/** /archive — the list of archived sessions. */
export class ArchiveListPage {
  constructor(readonly page: Page) {}

  get list() { return this.page.getByTestId('archive-list') }
  get items() { return this.list.getByTestId('archive-item') }
  /** "已显示 n 期，共 m 期" under the list, with data-shown / data-total. */
  get shown() { return this.page.getByTestId('archive-shown') }
  get more() { return this.page.getByTestId('archive-more') }

  /** `size`: sessions per page (the server's default without it). */
  async goto(size?: number) {
    await this.page.goto(size === undefined ? '/archive' : `/archive?size=${size}`)
    await expect(this.list).toBeVisible()
  }

  item(sessionId: string): Locator {
    return byTestIdAndAttr(this.list, 'archive-item', 'data-session-id', sessionId)
  }
}

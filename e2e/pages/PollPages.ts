import { expect, type Locator, type Page } from '@playwright/test'

/** The staff's poll panel (host or moderator console). */
export class PollPanel {
  constructor(readonly page: Page) {}
  get root() { return this.page.getByTestId('poll-panel') }
  poll(id: string): Locator { return this.root.locator(`[data-testid="staff-poll"][data-poll-id="${id}"]`) }

  /** Drafts a choice poll and returns its id. */
  async draftChoice(title: string, options: string[], visibility: 'always' | 'voted' | 'closed' | 'presenter'): Promise<string> {
    const form = this.root.getByTestId('poll-form')
    await form.getByTestId('poll-kind').selectOption('single')
    await form.getByTestId('poll-visibility').selectOption(visibility)
    await form.getByTestId('poll-title').fill(title)
    await form.getByTestId('poll-options').fill(options.join('\n'))
    await form.getByTestId('poll-create').click()
    const item = this.root.getByTestId('staff-poll').filter({ hasText: title })
    await expect(item).toHaveAttribute('data-state', 'draft')
    return (await item.getAttribute('data-poll-id'))!
  }

  async step(id: string, action: 'open' | 'close' | 'show', state: string): Promise<void> {
    await this.poll(id).getByTestId(`poll-${action}`).click()
    await expect(this.poll(id)).toHaveAttribute('data-state', state)
  }
}

/** A poll card on the public session page. */
export class PollCardView {
  constructor(readonly page: Page, readonly pollId: string) {}
  get root() { return this.page.locator(`[data-testid="poll-card"][data-poll-id="${this.pollId}"]`) }
  async vote(optionLabel: string): Promise<void> {
    await this.root.getByLabel(optionLabel).check()
    await this.root.getByTestId('poll-vote').click()
    await expect(this.root.getByTestId('poll-voted')).toBeVisible()
  }
}

/** The venue screen /present/:sessionId?poll=. */
export class PresenterView {
  constructor(readonly page: Page, readonly sessionId: string, readonly pollId: string) {}
  get root() { return this.page.getByTestId('presenter') }
  async open(): Promise<void> {
    await this.page.goto(`/present/${encodeURIComponent(this.sessionId)}?poll=${encodeURIComponent(this.pollId)}`)
    await expect(this.root).toHaveAttribute('data-poll-id', this.pollId)
  }
}

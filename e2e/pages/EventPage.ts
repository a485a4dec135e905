import { expect, type Page } from '@playwright/test'

/** /events/:id — an event's public page (预告): what, who, when, how to take part. */
export class EventPage {
  constructor(readonly page: Page, readonly eventId: string) {}

  get root() { return this.page.getByTestId('event-page') }
  get ask() { return this.page.getByTestId('event-ask') }

  async open() {
    await this.page.goto(`/events/${encodeURIComponent(this.eventId)}`)
    await expect(this.root).toHaveAttribute('data-event-id', this.eventId)
  }

  /** Sends a question before the event from the page's own form. */
  async askAhead(body: string, nickname = '网友') {
    await this.ask.getByTestId('question-nickname-input').fill(nickname)
    await this.ask.getByTestId('question-body-input').fill(body)
    await this.ask.getByTestId('question-submit').click()
    await expect(this.ask.getByTestId('question-form-success')).toBeVisible()
  }

  /** The id of the event's session, from its "watch" link. */
  async sessionId(): Promise<string> {
    return (await this.page.getByTestId('event-watch-link').first().getAttribute('data-session-id'))!
  }
}

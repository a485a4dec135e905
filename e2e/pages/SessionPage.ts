import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr, Header } from './common.ts'

/** The public session page /s/:sessionId as a citizen uses it. */
export class SessionPage {
  readonly header: Header
  constructor(readonly page: Page, readonly sessionId: string) {
    this.header = new Header(page)
  }

  get root() { return this.page.getByTestId('session-page') }
  get connection() { return this.page.getByTestId('connection-status') }
  get status() { return this.page.getByTestId('session-status') }
  get archivedBanner() { return this.page.getByTestId('archived-banner') }
  get archivedLink() { return this.page.getByTestId('archived-link') }
  get answeringNow() { return this.page.getByTestId('answering-now') }

  // questions
  get questionList() { return this.page.getByTestId('question-list') }
  get publicQuestions() { return this.questionList.getByTestId('question-item') }
  get form() { return this.page.getByTestId('question-form') }
  get formClosed() { return this.page.getByTestId('question-form-closed') }
  get nicknameInput() { return this.page.getByTestId('question-nickname-input') }
  get bodyInput() { return this.page.getByTestId('question-body-input') }
  get submitButton() { return this.page.getByTestId('question-submit') }
  get formSuccess() { return this.page.getByTestId('question-form-success') }
  get formError() { return this.page.getByTestId('question-form-error') }
  get myQuestionsBox() { return this.page.getByTestId('my-questions') }
  get myQuestions() { return this.myQuestionsBox.getByTestId('my-question-item') }

  // live record
  get transcriptList() { return this.page.locator('#live-record').getByTestId('transcript-list') }
  get transcriptEntries() { return this.transcriptList.getByTestId('transcript-entry') }

  async goto() {
    await this.page.goto(`/s/${encodeURIComponent(this.sessionId)}`)
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
  }

  /** Opens the page and waits until the live connection has joined and synced. */
  async open() {
    await this.goto()
    await this.expectConnected()
  }

  async expectConnected(connected = true, timeout?: number) {
    await expect(this.connection).toHaveAttribute('data-connected', String(connected), { timeout })
  }

  /** The bodies of the live record, oldest first (a snapshot: call after waiting for what matters). */
  async transcriptTexts(): Promise<string[]> {
    return this.transcriptEntries.getByTestId('transcript-body').allTextContents()
  }

  publicQuestion(id: string): Locator {
    return byTestIdAndAttr(this.questionList, 'question-item', 'data-question-id', id)
  }

  publicQuestionWithText(text: string): Locator {
    return this.publicQuestions.filter({ hasText: text })
  }

  myQuestion(id: string): Locator {
    return byTestIdAndAttr(this.myQuestionsBox, 'my-question-item', 'data-question-id', id)
  }

  /**
   * Submits a question and returns its id, read from "my questions". `find` is a part of the text
   * as it is shown (the server masks personal data, so the body may not be shown as typed).
   */
  async ask(body: string, opts: { nickname?: string; find?: string } = {}): Promise<string> {
    await this.nicknameInput.fill(opts.nickname ?? '网友')
    await this.bodyInput.fill(body)
    await this.submitButton.click()
    await expect(this.formSuccess).toBeVisible()
    await expect(this.bodyInput).toHaveValue('')
    const mine = this.myQuestions.filter({ hasText: opts.find ?? body })
    await expect(mine).toHaveCount(1)
    const id = await mine.getAttribute('data-question-id')
    expect(id, 'my question has an id').toBeTruthy()
    return id!
  }

  upvoteButton(id: string): Locator {
    return this.publicQuestion(id).getByTestId('upvote-button')
  }

  upvoteCount(id: string): Locator {
    return this.publicQuestion(id).getByTestId('upvote-count')
  }

  transcriptEntryWithText(text: string): Locator {
    return this.transcriptEntries.filter({ hasText: text })
  }
}

import { expect, type Locator, type Page } from '@playwright/test'

/** The unit's survey builder /unit/surveys/:id. */
export class SurveyBuilder {
  constructor(readonly page: Page) {}
  get root() { return this.page.getByTestId('survey-edit') }
  get questions() { return this.root.getByTestId('builder-question') }
  question(n: number): Locator { return this.questions.nth(n) }

  async create(title: string): Promise<string> {
    await this.page.goto('/unit/surveys')
    await this.page.getByTestId('new-survey-title').fill(title)
    await this.page.getByTestId('new-survey-create').click()
    await expect(this.root).toBeVisible()
    return (await this.root.getAttribute('data-survey-id'))!
  }

  async addChoice(title: string, options: string[]): Promise<Locator> {
    await this.root.getByTestId('builder-add-question').last().click()
    const q = this.questions.last()
    await q.getByTestId('builder-title').fill(title)
    const inputs = q.getByTestId('builder-option')
    for (let i = 0; i < options.length; i++) {
      if (i >= 2) await q.getByTestId('builder-add-option').click()
      await inputs.nth(i).fill(options[i]!)
    }
    return q
  }

  async addText(title: string): Promise<Locator> {
    await this.root.getByTestId('builder-add-question').last().click()
    const q = this.questions.last()
    await q.getByTestId('builder-kind').selectOption('text')
    await q.getByTestId('builder-title').fill(title)
    return q
  }

  async save(): Promise<void> {
    await this.root.getByTestId('survey-save').click()
    await expect(this.root.getByTestId('survey-saved')).toBeVisible()
  }

  async publish(): Promise<void> {
    await this.root.getByTestId('survey-publish').click()
    await expect(this.root).toHaveAttribute('data-status', 'published')
  }
}

/** The public questionnaire /surveys/:id. */
export class SurveyForm {
  constructor(readonly page: Page, readonly surveyId: string) {}
  get root() { return this.page.getByTestId('survey-page') }
  question(id: string): Locator { return this.root.locator(`[data-testid="survey-question"][data-question-id="${id}"]`) }
  async open(): Promise<void> {
    await this.page.goto(`/surveys/${encodeURIComponent(this.surveyId)}`)
    await expect(this.root).toHaveAttribute('data-phase', 'open')
  }
  async submit(): Promise<void> {
    await this.root.getByTestId('survey-submit').click()
    await expect(this.root.getByTestId('survey-done')).toBeVisible()
  }
}

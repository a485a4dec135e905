import { expect, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** The unit's panel of a press release on /unit/events/:id: documents, interpretations, questions after the briefing. */
export class PolicyPanel {
  constructor(readonly page: Page, readonly eventId: string) {}

  get root() { return this.page.getByTestId('policy-panel') }

  async open() {
    await this.page.goto(`/unit/events/${encodeURIComponent(this.eventId)}`)
    await expect(this.page.getByTestId('unit-event-page')).toHaveAttribute('data-event-id', this.eventId)
    await expect(this.root).toBeVisible()
  }

  doc(id: string): Locator {
    return byTestIdAndAttr(this.root, 'policy-doc', 'data-policy-id', id)
  }

  /** Uploads a document and returns its id. */
  async upload(p: { title: string; docNumber: string; issuedAt?: string; file: { name: string; mimeType: string; buffer: Buffer } }): Promise<string> {
    const form = this.root.getByTestId('policy-add-form')
    await form.getByTestId('policy-add-title').fill(p.title)
    await form.getByTestId('policy-add-number').fill(p.docNumber)
    if (p.issuedAt) await form.getByTestId('policy-add-issued').fill(p.issuedAt)
    await form.getByTestId('policy-add-file').setInputFiles(p.file)
    await form.getByTestId('policy-add-submit').click()
    await expect(form.getByTestId('policy-add-done')).toBeVisible()
    const doc = this.root.getByTestId('policy-doc').filter({ hasText: p.title })
    await expect(doc).toHaveCount(1)
    return (await doc.getAttribute('data-policy-id'))!
  }

  /** Opens the editor, writes the summary, one paragraph and Q&A pairs, and saves. */
  async writeInterpretation(id: string, i: { summary: string; paragraph: string; qa: [string, string][] }) {
    const doc = this.doc(id)
    await doc.getByTestId('policy-doc-edit').click()
    const editor = doc.getByTestId('interpretation-editor')
    await editor.getByTestId('interpretation-summary').fill(i.summary)
    await editor.getByTestId('interpretation-text').first().fill(i.paragraph)
    for (const [n, [q, a]] of i.qa.entries()) {
      await editor.getByTestId('interpretation-add-qa').click()
      await editor.getByTestId('interpretation-qa-question').nth(n).fill(q)
      await editor.getByTestId('interpretation-qa-answer').nth(n).fill(a)
    }
    await editor.getByTestId('interpretation-save').click()
    await expect(editor.getByTestId('interpretation-saved')).toBeVisible()
    await expect(doc).toHaveAttribute('data-state', 'draft')
  }

  async publish(id: string) {
    const doc = this.doc(id)
    await doc.getByTestId('interpretation-publish').click()
    await expect(doc).toHaveAttribute('data-state', 'published')
  }

  question(id: string, text: string): Locator {
    return this.doc(id).getByTestId('policy-staff-question').filter({ hasText: text })
  }
}

/** /policies/:id — a policy's public page. */
export class PolicyPage {
  constructor(readonly page: Page, readonly policyId: string) {}

  get root() { return this.page.getByTestId('policy-page') }
  get questions() { return this.page.getByTestId('policy-question') }

  async goto() {
    await this.page.goto(`/policies/${encodeURIComponent(this.policyId)}`)
    await expect(this.root).toHaveAttribute('data-policy-id', this.policyId)
  }

  async ask(body: string, nickname = '网友') {
    await this.page.getByTestId('policy-ask-nickname').fill(nickname)
    await this.page.getByTestId('policy-ask-body').fill(body)
    await this.page.getByTestId('policy-ask-submit').click()
    await expect(this.page.getByTestId('policy-ask-done')).toBeVisible()
    await expect(this.page.getByTestId('policy-ask-body')).toHaveValue('')
  }
}

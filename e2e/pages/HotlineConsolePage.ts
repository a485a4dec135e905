import { expect, type Download, type Locator, type Page } from '@playwright/test'
import { byTestIdAndAttr } from './common.ts'

/** One call as the operator dictates it to the console. Pickers take the option's number or typed text. */
export interface CallInput {
  callerName?: string
  phone: string
  /** A number key ("6") or text to type ahead ("城市"). */
  domain: string
  type: string
  location?: string
  content: string
  /** Answered on the spot with this reply, or handed off to the unit picked by number or typed text. */
  outcome: { reply: string } | { unit: string }
}

/** /console/hotline/:sessionId — the operators' call console (keyboard first). */
export class HotlineConsolePage {
  constructor(readonly page: Page, readonly sessionId: string) {}

  get root() { return this.page.getByTestId('hotline-console') }
  get connection() { return this.page.getByTestId('connection-status') }
  get form() { return this.page.getByTestId('call-form') }
  get timer() { return this.form.getByTestId('call-timer') }
  get callerName() { return this.form.getByTestId('call-caller-name') }
  get phone() { return this.form.getByTestId('call-phone') }
  get phoneOk() { return this.form.getByTestId('call-phone-ok') }
  get phoneInvalid() { return this.form.getByTestId('call-phone-invalid') }
  get domain() { return this.form.getByTestId('call-domain') }
  get type() { return this.form.getByTestId('call-type') }
  get location() { return this.form.getByTestId('call-location') }
  get content() { return this.form.getByTestId('call-content') }
  get leader() { return this.form.getByTestId('call-leader') }
  get disposition() { return this.form.getByTestId('call-disposition') }
  get reply() { return this.form.getByTestId('call-reply') }
  get unit() { return this.form.getByTestId('call-unit') }
  get deadlinePreview() { return this.form.getByTestId('call-deadline-preview') }
  get saved() { return this.page.getByTestId('call-saved') }
  get outbox() { return this.page.getByTestId('call-outbox') }
  get list() { return this.page.getByTestId('call-list') }
  get calls() { return this.list.getByTestId('call-item') }
  get shortcuts() { return this.page.getByTestId('call-shortcuts') }

  async open() {
    await this.page.goto(`/console/hotline/${encodeURIComponent(this.sessionId)}`)
    await this.waitReady()
  }

  async waitReady() {
    await expect(this.root).toHaveAttribute('data-session-id', this.sessionId)
    await expect(this.connection).toHaveAttribute('data-connected', 'true')
    await expect(this.page.getByTestId('not-staff')).toHaveCount(0)
    await expect(this.form).toBeVisible()
    await expect(this.list.or(this.page.getByTestId('call-list-empty'))).toBeVisible()
  }

  /** The focused element must be `field` (the keyboard got there, not a click). */
  async expectFocus(field: Locator) {
    await expect(field).toBeFocused()
  }

  private async typeInto(field: Locator, text: string) {
    await this.expectFocus(field)
    await this.write(text)
  }

  /**
   * Keyboard input of a text: short ones key by key; a long Chinese sentence as an input method
   * commits it, in one piece (also much faster on a busy machine).
   */
  async write(text: string) {
    if (text.length > 12) await this.page.keyboard.insertText(text)
    else await this.page.keyboard.type(text)
  }

  /** A picker takes a number key, or typed text that Tab then takes (type-ahead). */
  private async pick(field: Locator, choice: string) {
    await this.expectFocus(field)
    if (/^[1-9]$/.test(choice)) await this.page.keyboard.press(choice)
    else await this.page.keyboard.type(choice)
  }

  /**
   * Logs a call with the keyboard only: Alt+N starts the call, Tab walks the fields in order,
   * number keys pick, Ctrl+Enter saves. Returns the saved call's id (from the console's notice);
   * offline, the call is only queued and '' is returned.
   */
  async logCallWithKeyboard(call: CallInput, opts: { handOffWith?: 'tab' | 'shortcut'; offline?: boolean } = {}): Promise<string> {
    const kb = this.page.keyboard
    const before = (await this.saved.count()) > 0 ? await this.saved.getAttribute('data-call-id') : null
    await kb.press('Alt+N')
    await expect(this.timer).toHaveAttribute('data-running', 'true')
    await this.typeInto(this.callerName, call.callerName ?? '')
    await kb.press('Tab')
    await this.typeInto(this.phone, call.phone)
    await expect(this.phoneOk).toBeVisible()
    await kb.press('Tab')
    await this.pick(this.domain, call.domain)
    await kb.press('Tab')
    await this.pick(this.type, call.type)
    await kb.press('Tab')
    await this.typeInto(this.location, call.location ?? '')
    await kb.press('Tab')
    await this.typeInto(this.content, call.content)
    await kb.press('Tab')
    await this.expectFocus(this.leader) // prefilled with the session's guest
    await kb.press('Tab')
    await this.expectFocus(this.page.getByTestId('call-disposition-answered'))
    if ('reply' in call.outcome) {
      await kb.press('1')
      await kb.press('Tab')
      await this.typeInto(this.reply, call.outcome.reply)
    } else if (opts.handOffWith === 'shortcut') {
      await kb.press('Alt+U') // switches to "hand off" and jumps to the unit
      await this.pick(this.unit, call.outcome.unit)
    } else {
      await kb.press('2')
      await expect(this.disposition).toHaveAttribute('data-value', 'handed_off')
      await kb.press('Tab')
      await this.pick(this.unit, call.outcome.unit)
    }
    await kb.press('Control+Enter')
    if (opts.offline) {
      // No connection: the call waits in the outbox (and in sessionStorage); the form is free again.
      await expect(this.outbox.getByTestId('outbox-item').filter({ hasText: call.content })).toHaveAttribute('data-state', 'waiting')
      await expect(this.content).toHaveValue('')
      return ''
    }
    await expect(this.saved).toBeVisible()
    await expect(this.saved).not.toHaveAttribute('data-call-id', before ?? '')
    await expect(this.outbox).toHaveCount(0)
    // The form is empty again for the next call, the leader kept, the focus back at the top.
    await expect(this.content).toHaveValue('')
    await expect(this.callerName).toBeFocused()
    return (await this.saved.getAttribute('data-call-id'))!
  }

  call(id: string): Locator {
    return byTestIdAndAttr(this.list, 'call-item', 'data-call-id', id)
  }

  callWithText(text: string): Locator {
    return this.calls.filter({ has: this.page.getByTestId('call-content-text').filter({ hasText: text }) })
  }

  async download(testId: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()])
    return download
  }
}

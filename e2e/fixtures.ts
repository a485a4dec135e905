import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { LoginPage } from './pages/LoginPage.ts'

export const LIVE_SESSION = 'demo-live'

export interface Actor {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions and dialogs seen on this actor's pages (each test expects none). */
  problems: string[]
}

export interface Actors {
  /** A new anonymous device: its own context, so its own citizen token and storage. */
  citizen(name?: string): Promise<Actor>
  /** A new device on which `username` logged in through /login (it lands on /console). */
  staff(username: 'admin' | 'host' | 'guest' | 'moderator' | 'editor'): Promise<Actor>
}

async function newActor(browser: Browser, options: BrowserContextOptions, label: string, all: Actor[]): Promise<Actor> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const actor: Actor = { context, page, problems: [] }
  page.on('pageerror', (err) => actor.problems.push(`${label}: uncaught ${err.name}: ${err.message}`))
  // No page of the app may open a native dialog (alert/confirm/prompt); XSS would show up here too.
  page.on('dialog', (d) => {
    actor.problems.push(`${label}: unexpected ${d.type()} dialog: ${d.message()}`)
    void d.dismiss().catch(() => undefined)
  })
  all.push(actor)
  return actor
}

/** A short random tag that makes a test's own questions and entries findable on a shared session. */
export function uid(): string {
  return Math.random().toString(36).slice(2, 8)
}

export const test = base.extend<{ actors: Actors }>({
  actors: async ({ browser, baseURL, locale, timezoneId, bypassCSP, viewport }, use, testInfo) => {
    const all: Actor[] = []
    const options: BrowserContextOptions = { baseURL, locale, timezoneId, bypassCSP, viewport }
    let n = 0
    await use({
      citizen: (name = `citizen${++n}`) => newActor(browser, options, name, all),
      staff: async (username) => {
        const actor = await newActor(browser, options, username, all)
        const login = new LoginPage(actor.page)
        await login.goto()
        await login.login(username)
        await expect(actor.page.getByTestId('staff-user')).toHaveAttribute('data-role', username === 'editor' ? 'unit_editor' : username)
        return actor
      },
    })
    const problems = all.flatMap((a) => a.problems)
    await Promise.all(all.map((a) => a.context.close().catch(() => undefined)))
    if (testInfo.status === testInfo.expectedStatus) expect(problems, 'page errors or dialogs').toEqual([])
  },
})

export { expect }

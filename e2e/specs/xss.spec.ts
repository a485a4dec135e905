import { ModeratePage } from '../pages/ModeratePage.ts'
import { HostPage } from '../pages/HostPage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'
import type { Page } from '@playwright/test'

// The server's Content-Security-Policy would block inline scripts anyway; switch it off here so the
// test proves the pages never turn citizen text into markup in the first place.
test.use({ bypassCSP: true })

declare global {
  interface Window { __xss?: unknown }
}

test('markup in an approved question is shown as literal text and never runs', async ({ actors }) => {
  const tag = uid()
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> ${tag}`
  const nickname = `<b>${tag}</b>`
  const [c1, c2, mod, host] = await Promise.all([actors.citizen('citizen1'), actors.citizen('citizen2'), actors.staff('moderator'), actors.staff('host')])
  // An injected <img src=x> would fetch /x: record any such request.
  const strayRequests: string[] = []
  for (const a of [c1, c2, mod, host]) a.page.on('request', (r) => { if (new URL(r.url()).pathname === '/x') strayRequests.push(r.url()) })

  const s1 = new SessionPage(c1.page, LIVE_SESSION)
  const s2 = new SessionPage(c2.page, LIVE_SESSION)
  const moderate = new ModeratePage(mod.page, LIVE_SESSION)
  const studio = new HostPage(host.page, LIVE_SESSION)
  await Promise.all([s1.open(), s2.open(), moderate.open(), studio.open()])

  // Precondition: with the CSP bypassed, an inline script injected into this page does run.
  await c2.page.addScriptTag({ content: 'window.__cspProbe = 1' })
  expect(await c2.page.evaluate(() => (window as Window & { __cspProbe?: number }).__cspProbe)).toBe(1)

  const id = await s1.ask(payload, { nickname, find: tag })
  const pending = moderate.pending(id)
  await expect(pending.getByTestId('question-body')).toHaveText(payload)
  await expect(pending.getByTestId('question-nickname')).toHaveText(nickname)
  await moderate.approveWithKeyboard(id)

  const noMarkup = async (page: Page, where: string) => {
    expect(await page.evaluate(() => window.__xss), `window.__xss on ${where}`).toBeUndefined()
    await expect(page.locator('img[src="x"]'), `injected <img> on ${where}`).toHaveCount(0)
    await expect(page.locator('body script').filter({ hasText: '__xss' }), `injected <script> on ${where}`).toHaveCount(0)
  }

  for (const [s, where] of [[s1, 'citizen 1'], [s2, 'citizen 2']] as const) {
    const q = s.publicQuestion(id)
    await expect(q.getByTestId('question-body')).toHaveText(payload)
    await expect(q.getByTestId('question-nickname')).toHaveText(nickname)
    await expect(q.locator('img, script, b')).toHaveCount(0)
    await noMarkup(s.page, where)
  }
  await expect(s1.myQuestion(id)).toContainText(payload)
  await expect(studio.queued(id).getByTestId('question-body')).toHaveText(payload)
  await noMarkup(mod.page, 'the moderator page')
  await noMarkup(host.page, 'the host page')

  // The same text arriving through a snapshot (a fresh load) instead of a live frame.
  await s2.page.reload()
  await s2.expectConnected()
  await expect(s2.publicQuestion(id).getByTestId('question-body')).toHaveText(payload)
  await noMarkup(s2.page, 'citizen 2 after reload')

  expect(strayRequests).toEqual([])
  // Dialogs are recorded by the fixture, which fails the test if any opened.
})

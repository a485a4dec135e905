import { HostPage } from '../pages/HostPage.ts'
import { ModeratePage } from '../pages/ModeratePage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'

declare global {
  interface Window { __e2eMarker?: string }
}

// Chromium's offline emulation does not close an open WebSocket: it holds its frames. The client
// notices only through socket.io's heartbeat (pingInterval 25 s + pingTimeout 20 s), so this test
// waits for that, then makes its changes while the viewer is really disconnected, so that what it
// shows after coming back can only come from the re-sync (session:join with sinceSeq).
const HEARTBEAT_TIMEOUT_MS = 25_000 + 20_000

test('a citizen that was offline catches up on what it missed, without reloading', async ({ actors }) => {
  test.setTimeout(HEARTBEAT_TIMEOUT_MS + 180_000)
  const tag = uid()
  const [viewer, asker, mod, host] = await Promise.all([actors.citizen('viewer'), actors.citizen('asker'), actors.staff('moderator'), actors.staff('host')])
  const watching = new SessionPage(viewer.page, LIVE_SESSION)
  const asking = new SessionPage(asker.page, LIVE_SESSION)
  const moderate = new ModeratePage(mod.page, LIVE_SESSION)
  const studio = new HostPage(host.page, LIVE_SESSION)
  await Promise.all([watching.open(), asking.open(), moderate.open(), studio.open()])

  const question = `【${tag}】断线期间通过的问题：失业保险金怎么领取？`
  const entry = `【${tag}】断线期间发布的图文直播`
  const id = await asking.ask(question)
  await expect(moderate.pending(id)).toBeVisible()

  // A page that reloaded would lose this.
  await viewer.page.evaluate((t) => { window.__e2eMarker = t }, tag)

  await test.step('the viewer goes offline', async () => {
    await viewer.context.setOffline(true)
    expect(await viewer.page.evaluate(() => navigator.onLine)).toBe(false)
    await watching.expectConnected(false, HEARTBEAT_TIMEOUT_MS + 15_000)
  })

  await test.step('meanwhile the question is approved and an entry is posted', async () => {
    await moderate.approveWithKeyboard(id)
    await studio.post(entry)
    // The broadcast did go out: the other citizen, still online, has both.
    await expect(asking.publicQuestion(id)).toHaveAttribute('data-status', 'approved')
    await expect(asking.transcriptEntryWithText(entry)).toHaveCount(1)
    // The offline viewer has neither.
    await expect(watching.publicQuestion(id)).toHaveCount(0)
    await expect(watching.transcriptEntryWithText(entry)).toHaveCount(0)
  })

  await test.step('back online, it re-syncs and shows both', async () => {
    await viewer.context.setOffline(false)
    // socket.io's reconnection back-off is up to ~7.5 s.
    await watching.expectConnected(true, 20_000)
    await expect(watching.publicQuestion(id)).toHaveAttribute('data-status', 'approved')
    await expect(watching.publicQuestion(id).getByTestId('question-body')).toHaveText(question)
    await expect(watching.transcriptEntryWithText(entry)).toHaveCount(1)
    expect(await viewer.page.evaluate(() => window.__e2eMarker), 'the page was not reloaded').toBe(tag)
  })
})

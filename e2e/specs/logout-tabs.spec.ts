import { expect, LIVE_SESSION, test } from '../fixtures.ts'

// A venue PC: one login, several tabs. Logging out in one tab ends the login in all of them at once:
// the server closes every socket of that login, and the other tabs fall back to the login page
// without a reload (issue 10, item 1).
test('logging out in one tab sends the other tabs of that login to the login page, at once', async ({ actors }) => {
  const mod = await actors.staff('moderator')
  const moderate = `/console/moderate/${LIVE_SESSION}`
  await mod.page.goto(moderate)
  await expect(mod.page.getByTestId('moderate-page')).toBeVisible()
  const other = await mod.context.newPage()
  await other.goto(moderate)
  await expect(other.getByTestId('moderate-page')).toBeVisible()
  await expect(other.getByTestId('staff-user')).toHaveAttribute('data-role', 'moderator')

  await mod.page.getByTestId('logout-button').click()
  await expect(other).toHaveURL(`/login?next=${encodeURIComponent(moderate)}`, { timeout: 5000 })
  await expect(other.getByTestId('moderate-page')).toHaveCount(0)
  // The public page still works in that tab: its socket came back as a citizen's.
  await other.goto(`/s/${LIVE_SESSION}`)
  await expect(other.getByTestId('session-page')).toBeVisible()
  await expect(other.getByTestId('question-form')).toBeVisible()
})

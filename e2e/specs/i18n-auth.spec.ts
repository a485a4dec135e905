import { LoginPage } from '../pages/LoginPage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { expect, LIVE_SESSION, test } from '../fixtures.ts'

test('language: switch to English and back; the choice is kept on the device', async ({ actors }) => {
  const { page } = await actors.citizen()
  const session = new SessionPage(page, LIVE_SESSION)
  await session.open()
  const h = session.header

  await expect(h.langSwitch).toHaveAttribute('data-lang', 'zh-CN')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(h.navArchive).toHaveText('往期回顾')
  await expect(session.submitButton).toHaveText('提交问题')
  await expect(session.transcriptEntries.first().getByTestId('speaker-tag')).toHaveText('主持人')

  await h.langSwitch.click()
  await expect(h.langSwitch).toHaveAttribute('data-lang', 'en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(h.navArchive).toHaveText('Past sessions')
  await expect(h.langSwitch).toHaveText('中文')
  await expect(session.submitButton).toHaveText('Submit question')
  await expect(session.transcriptEntries.first().getByTestId('speaker-tag')).toHaveText('Host')
  await expect(session.connection).toHaveText('Connected')
  await expect(page).toHaveTitle('Government Openness Day')
  // Still connected: switching language is not a reload.
  await session.expectConnected()

  await page.reload()
  await session.expectConnected()
  await expect(h.langSwitch).toHaveAttribute('data-lang', 'en')
  await expect(h.navArchive).toHaveText('Past sessions')
  expect(await page.evaluate(() => localStorage.getItem('openday:lang'))).toBe('en')

  await h.langSwitch.click()
  await expect(h.langSwitch).toHaveAttribute('data-lang', 'zh-CN')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await expect(h.navArchive).toHaveText('往期回顾')
  await expect(session.submitButton).toHaveText('提交问题')
  await expect(page).toHaveTitle('政务公开主题日')
})

test('staff pages send an anonymous visitor to the login page, and back after logging in', async ({ actors, request }) => {
  const { page } = await actors.citizen()

  await page.goto(`/console/moderate/${LIVE_SESSION}`)
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(`/console/moderate/${LIVE_SESSION}`)}`)
  const login = new LoginPage(page)
  await expect(login.form).toBeVisible()
  await expect(page.getByTestId('moderate-page')).toHaveCount(0)

  await page.goto(`/console/host/${LIVE_SESSION}`)
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent(`/console/host/${LIVE_SESSION}`)}`)
  await expect(page.getByTestId('host-page')).toHaveCount(0)

  await page.goto('/console')
  await expect(page).toHaveURL(`/login?next=${encodeURIComponent('/console')}`)
  await expect(page.getByTestId('console-page')).toHaveCount(0)

  // The server refuses too, whatever the client shows.
  const res = await request.get('/api/staff/assignments')
  expect(res.status()).toBe(401)
  expect((await res.json()).error.code).toBe('UNAUTHENTICATED')

  // A wrong password is refused with a message, and the visitor stays on the login page.
  await page.goto(`/console/moderate/${LIVE_SESSION}`)
  await expect(login.form).toBeVisible()
  await login.username.fill('moderator')
  await login.password.fill('not-the-password')
  await login.submit.click()
  await expect(login.error).toHaveAttribute('data-error-code', 'UNAUTHENTICATED')
  await expect(page).toHaveURL(/\/login\?next=/)

  await login.password.fill('moderator-demo')
  await login.submit.click()
  await expect(page).toHaveURL(`/console/moderate/${LIVE_SESSION}`)
  await expect(page.getByTestId('moderate-page')).toBeVisible()
  await expect(page.getByTestId('staff-user')).toHaveAttribute('data-role', 'moderator')
})

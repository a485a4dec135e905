import { AdminAccountsPage } from '../pages/AdminAccountsPage.ts'
import { AdminUnitsPage } from '../pages/AdminUnitsPage.ts'
import { ChangePasswordPage } from '../pages/ChangePasswordPage.ts'
import { LoginPage } from '../pages/LoginPage.ts'
import { expect, test, uid } from '../fixtures.ts'

// Issue 11, administration: the office sets up a unit and its liaison editor from the UI alone.
// The one-time password is read once, the editor must replace it before anything else, and
// disabling the account ends the editor's open page at once, without a reload.
test('the admin creates a unit and its editor; the editor replaces the one-time password; disabling ends the open page', async ({ actors }) => {
  const tag = uid()
  const admin = await actors.staff('admin')
  await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await admin.page.goto('/console')
  await admin.page.getByTestId('admin-units-link').click()
  const units = new AdminUnitsPage(admin.page)
  await units.expectLoaded()
  const unitCode = `e2e-${tag}`
  const unitId = await units.create({ code: unitCode, name: `测试县${tag}`, kind: 'county' })
  await expect(units.row(unitCode).getByTestId('unit-kind')).toHaveText('县市区')
  await expect(units.row(unitCode).getByTestId('unit-no-editors')).toBeVisible()

  await admin.page.getByTestId('units-to-accounts').click()
  const accounts = new AdminAccountsPage(admin.page)
  await accounts.expectLoaded()
  const username = `liaison-${tag}`
  await accounts.create({ username, displayName: `测试县 联络员 ${tag}`, role: 'unit_editor', unitId })
  const otp = await accounts.oneTimePassword()
  expect(otp).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/)
  await expect(accounts.otpNotice.getByTestId('otp-warning')).toBeVisible()
  await accounts.otpNotice.getByTestId('otp-copy').click()
  await expect(accounts.otpNotice.getByTestId('otp-copy-status')).not.toBeEmpty()
  expect(await admin.page.evaluate(() => navigator.clipboard.readText())).toBe(otp)
  await accounts.closeNotice()
  // Shown once: gone from the page, and the list never carries it.
  await expect(admin.page.getByText(otp)).toHaveCount(0)
  await admin.page.reload()
  await accounts.expectLoaded()
  await expect(admin.page.getByText(otp)).toHaveCount(0)

  // The editor, on another device.
  const editor = await actors.citizen('editor')
  const login = new LoginPage(editor.page)
  await login.goto()
  await login.login(username, otp)
  await expect(editor.page).toHaveURL(`/account/password?next=${encodeURIComponent('/console')}`)
  const change = new ChangePasswordPage(editor.page)
  await expect(change.root).toHaveAttribute('data-one-time', 'true')
  // Every staff page sends the user back here until it is done.
  await editor.page.goto('/console/work-orders')
  await expect(editor.page).toHaveURL(`/account/password?next=${encodeURIComponent('/console/work-orders')}`)
  await editor.page.goto('/console')
  await expect(editor.page).toHaveURL(`/account/password?next=${encodeURIComponent('/console')}`)
  await change.change(otp, 'short')
  await expect(change.problem).toHaveAttribute('data-problem', 'tooShort')
  const password = `My own password ${tag}`
  await change.change(otp, password)
  await expect(editor.page).toHaveURL('/console')
  await expect(editor.page.getByTestId('console-page')).toBeVisible()
  await expect(editor.page.getByTestId('staff-user')).toHaveAttribute('data-role', 'unit_editor')

  // The admin sees the editor as the unit's liaison, with the one-time password replaced.
  await admin.page.reload()
  await accounts.expectLoaded()
  await expect(accounts.row(username)).toHaveAttribute('data-must-change', 'false')
  await units.open()
  await expect(units.row(unitCode).getByTestId('unit-editor')).toHaveAttribute('data-username', username)

  // Disabling: the editor's open console loses its login at once, in the same page (no reload).
  await editor.page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true })
  await accounts.open()
  await accounts.disable(username)
  await expect(editor.page).toHaveURL(`/login?next=${encodeURIComponent('/console')}`, { timeout: 5000 })
  await expect(editor.page.getByTestId('console-page')).toHaveCount(0)
  expect(await editor.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
  await login.username.fill(username)
  await login.password.fill(password)
  await login.submit.click()
  await expect(login.error).toBeVisible()
  await expect(login.error).toHaveAttribute('data-error-code', 'UNAUTHENTICATED')
})

test('the account pages speak English too', async ({ actors }) => {
  const admin = await actors.staff('admin')
  const accounts = new AdminAccountsPage(admin.page)
  await accounts.open()
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('账号管理')
  await admin.page.getByTestId('lang-switch').click()
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Accounts')
  await expect(admin.page.getByTestId('filter-status').locator('option').nth(2)).toHaveText('Disabled')
  await admin.page.getByTestId('accounts-to-units').click()
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('Units')
  await admin.page.getByTestId('lang-switch').click()
  await expect(admin.page.getByRole('heading', { level: 1 })).toHaveText('单位管理')
})

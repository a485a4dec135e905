import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'
import { AuditPage } from '../pages/AuditPage.ts'
import { ConsolePage } from '../pages/ConsolePage.ts'
import { hotlineStaff } from '../pages/HotlineStaff.ts'
import { ModeratePage } from '../pages/ModeratePage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { StaffingPage } from '../pages/StaffingPage.ts'

// Issue 11, administration: the admin staffs a session from the UI, and the person's open pages
// follow at once, without a reload: the console lists the session, the moderation page works;
// removed, the same page says they are no longer staff and gets nothing more for staff.
test('the admin assigns the operator as moderator of the live session and removes them; the operator\'s open pages follow without a reload', async ({ actors }) => {
  const tag = uid()
  const [admin, op, citizen] = await Promise.all([actors.staff('admin'), hotlineStaff(actors, 'operator'), actors.citizen()])
  const console = new ConsolePage(op.page)
  await console.expectLoaded()
  await expect(console.assignment(LIVE_SESSION)).toHaveCount(0)
  // A reload would drop this marker: the page must follow without one.
  await op.page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true })
  const stayed = () => op.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true)
  const session = new SessionPage(citizen.page, LIVE_SESSION)
  await session.open()

  const staffing = new StaffingPage(admin.page)
  await test.step('the admin assigns the operator account as moderator of the live interview', async () => {
    await admin.page.getByTestId('admin-sessions-link').click()
    await expect(staffing.root).toBeVisible()
    await staffing.assign(LIVE_SESSION, '话务', 'operator', '审核员')
    await expect(staffing.staff(LIVE_SESSION, 'operator')).toHaveAttribute('data-role', 'moderator')
    await expect(staffing.status).toContainText('话务员 赵敏')
  })

  const moderate = new ModeratePage(op.page, LIVE_SESSION)
  await test.step('the operator\'s open console lists it at once, and the moderation page works', async () => {
    await expect(console.assignment(LIVE_SESSION)).toHaveAttribute('data-role', 'moderator')
    await console.moderateLink(LIVE_SESSION).click()
    await expect(moderate.root).toHaveAttribute('data-session-id', LIVE_SESSION)
    await expect(moderate.connection).toHaveAttribute('data-connected', 'true')
    await expect(op.page.getByTestId('not-staff')).toHaveCount(0)
    const id = await session.ask(`请问灵活就业补贴怎么申请？${tag}`, { find: tag })
    await expect(moderate.pending(id)).toBeVisible()
    await moderate.approveWithKeyboard(id)
    await expect(session.publicQuestion(id)).toBeVisible()
    expect(await stayed()).toBe(true)
  })

  await test.step('removed, the operator\'s moderation page says they are no longer staff, without a reload', async () => {
    await staffing.remove(LIVE_SESSION, 'operator')
    await expect(op.page.getByTestId('not-staff')).toBeVisible()
    await expect(moderate.root).toBeVisible()
    const late = `撤销后的提问${tag}`
    const id = await session.ask(late, { find: late })
    // The citizen's own list shows it pending; the removed moderator's queue never does.
    await expect(session.myQuestions.filter({ hasText: late })).toHaveAttribute('data-status', 'pending')
    await op.page.waitForTimeout(1000)
    await expect(moderate.pending(id)).toHaveCount(0)
    expect(await stayed()).toBe(true)
  })

  await test.step('the audit log shows both changes with who made them', async () => {
    const audit = new AuditPage(admin.page)
    await audit.open()
    await audit.filterByAction('assignment.')
    for (const action of ['assignment.add', 'assignment.remove']) {
      const entry = audit.entry(action, LIVE_SESSION).first()
      await expect(entry).toBeVisible()
      await expect(entry.getByTestId('audit-actor')).toHaveText('市政务公开办 管理员')
      await expect(entry.getByTestId('audit-detail')).toContainText('"username":"operator"')
    }
  })
})

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import mammoth from 'mammoth'
import ical from 'node-ical'
import { expect, test, uid, type Actor, type Actors } from '../fixtures.ts'
import { expectAccessible } from '../lib/axe.ts'
import { OFFICE_ADMIN } from '../lib/office.ts'
import { readXlsx } from '../lib/sheets.ts'
import { AdminAccountsPage, type RoleChoice } from '../pages/AdminAccountsPage.ts'
import { AdminPlanPage } from '../pages/AdminPlanPage.ts'
import { AdminUnitsPage } from '../pages/AdminUnitsPage.ts'
import { CalendarPage } from '../pages/CalendarPage.ts'
import { ChangePasswordPage } from '../pages/ChangePasswordPage.ts'
import { EventPage } from '../pages/EventPage.ts'
import { LoginPage } from '../pages/LoginPage.ts'
import { AdminProposalsPage, UnitProposalsPage } from '../pages/ProposalPages.ts'
import { UnitEventPage } from '../pages/UnitEventPage.ts'
import { YearsPage } from '../pages/YearsPage.ts'

// Issue 11, the whole year from an empty database (the "year" project's server ran `db:init`, so
// there is nothing but the office's first admin): units and editors, proposals returned and
// resubmitted, the plan compiled with its conflicts resolved and published, the public calendar and
// the plan's documents read back with real parsers, a question asked on the preview page that the
// moderator finds when the session goes live. Runs once per server: the year it opens stays open.
const YEAR = 2027
const PHONE = '13907311234'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A new device on which an account logs in with its one-time password and sets its own. */
async function firstLogin(actors: Actors, username: string, otp: string): Promise<Actor> {
  const actor = await actors.citizen(username)
  const login = new LoginPage(actor.page)
  await login.goto()
  await login.login(username, otp)
  const change = new ChangePasswordPage(actor.page)
  await expect(change.root).toHaveAttribute('data-one-time', 'true')
  await change.change(otp, `${username} own password`)
  await expect(actor.page).toHaveURL('/console')
  return actor
}

async function createAccount(accounts: AdminAccountsPage, a: { username: string; displayName: string; role: RoleChoice; unitId: string }) {
  await accounts.create(a)
  const otp = await accounts.oneTimePassword()
  await accounts.closeNotice()
  const id = (await accounts.row(a.username).getAttribute('data-account-id'))!
  return { ...a, otp, id }
}

test('from an empty database: the office runs a year of theme days from the UI alone', async ({ actors }) => {
  test.setTimeout(360_000)
  const tag = uid()

  // The office's first admin replaces the one-time password printed by db:init.
  const office = await firstLogin(actors, OFFICE_ADMIN.username, OFFICE_ADMIN.oneTimePassword)
  const admin = office.page

  // Two units and their people.
  const units = new AdminUnitsPage(admin)
  await units.open()
  const unitA = await units.create({ code: `traffic-${tag}`, name: `市交通运输局${tag}`, kind: 'city_dept' })
  const unitB = await units.create({ code: `county-${tag}`, name: `东湖县${tag}`, kind: 'county' })
  const accounts = new AdminAccountsPage(admin)
  await accounts.open()
  const editorA = await createAccount(accounts, { username: `ea-${tag}`, displayName: `交通联络员${tag}`, role: 'unit_editor', unitId: unitA })
  const editorB = await createAccount(accounts, { username: `eb-${tag}`, displayName: `东湖联络员${tag}`, role: 'unit_editor', unitId: unitB })
  const hostA = await createAccount(accounts, { username: `ha-${tag}`, displayName: `交通局长${tag}`, role: 'host', unitId: unitA })
  const modA = await createAccount(accounts, { username: `ma-${tag}`, displayName: `交通审核员${tag}`, role: 'moderator', unitId: unitA })

  // The year: January and February only, proposals due in the office's zone, pages open 60 days ahead.
  const years = new YearsPage(admin)
  await years.open()
  await years.openYear({ year: YEAR, months: [1, 2], deadline: `${YEAR - 1}-12-28T17:30`, previewDays: 60, notice: `请各单位于截止时间前报送${YEAR}年活动方案。` })
  await expect(years.row(YEAR)).toContainText('12')

  // Unit A proposes (joint with unit B), with its contact list.
  const a = await firstLogin(actors, editorA.username, editorA.otp)
  const propA = new UnitProposalsPage(a.page)
  await propA.open(YEAR)
  const idA = await propA.create()
  const themeA = `公交线网优化政策解读${tag}`
  await propA.fill({
    theme: themeA, month: 1, halfDay: 'am', form: 'text_interview', steps: '一、发布政策\n二、局长答问\n三、网友留言办理',
    contacts: [{ name: '王联络', position: '办公室主任', phone: PHONE, email: `wang-${tag}@example.gov.cn` }],
    jointUnitIds: [unitB],
  })
  await propA.submit(idA)

  // The office sees unit B has not sent anything yet, and reminds it.
  const proposals = new AdminProposalsPage(admin)
  await proposals.open(YEAR)
  await expect(proposals.missing(unitA)).toHaveCount(0)
  await proposals.remind(unitB)

  // Unit B: the reminder on its console; A's proposal read-only (joint); then its own, in January too.
  const b = await firstLogin(actors, editorB.username, editorB.otp)
  await expect(b.page.getByTestId('unit-notice').filter({ hasText: String(YEAR) }).first()).toBeVisible()
  await b.page.getByTestId('unit-notice-open').first().click()
  const propB = new UnitProposalsPage(b.page)
  await expect(propB.root).toBeVisible()
  await expect(propB.row(idA).getByTestId('proposal-joint-of')).toBeVisible()
  await propB.openProposal(idA)
  await expect(b.page.getByTestId('proposal-view')).toContainText(themeA)
  await expect(b.page.getByTestId('proposal-theme')).toHaveCount(0)
  const idB = await propB.create()
  const themeB = `书记县长热线：冬季供暖${tag}`
  await propB.fill({ theme: themeB, month: 1, halfDay: 'pm', form: 'hotline', steps: '接听12345热线来电' })
  // Submitting without a contact is refused, and the editor is told what is missing in words.
  await propB.editor.getByTestId('proposal-submit').click()
  await expect(b.page.getByTestId('proposal-error')).toContainText('请至少添加一位联系人')
  await propB.fill({ theme: themeB, month: 1, halfDay: 'pm', form: 'hotline', steps: '接听12345热线来电',
    contacts: [{ name: '李联络', position: '县政府办副主任', phone: '13807319876', email: `li-${tag}@example.gov.cn` }] })
  await propB.submit(idB)

  // The office returns B's with a reason and approves A's.
  await proposals.open(YEAR)
  const reason = '请补充接线员安排和工单办理时限'
  await proposals.returnIt(idB, reason)
  await proposals.approve(idA)

  // B sees why, completes its steps and resubmits: two versions, the steps changed between them.
  await propB.open(YEAR)
  await expect(propB.row(idB)).toHaveAttribute('data-status', 'returned')
  await propB.openProposal(idB)
  await expect(b.page.getByTestId('return-reason')).toContainText(reason)
  await b.page.getByTestId('proposal-steps').fill('接听12345热线来电\n接线员6名，工单5个工作日内办结')
  await propB.expectSaved()
  await propB.submit(idB)
  await proposals.open(YEAR)
  await proposals.openProposal(idB)
  await expect(admin.getByTestId('version-history')).toHaveAttribute('data-count', '2')
  await expect(admin.locator('[data-testid="diff-field"][data-field="steps"]')).toHaveAttribute('data-changed', 'true')
  await proposals.approve(idB)

  // The plan: both placed in January — two themes in one month, February empty, no dates yet.
  const plan = new AdminPlanPage(admin, YEAR)
  await plan.open()
  await plan.place(idA, 1)
  await plan.place(idB, 1)
  await expect(plan.conflict('month_crowded')).toHaveCount(1)
  await expect(plan.conflict('month_empty')).toHaveCount(1)
  await expect(plan.conflict('no_date')).toHaveCount(2)
  await plan.openPublish()
  await expect(plan.dialog.getByTestId('plan-publish-blocking')).toBeVisible()
  await expect(plan.dialog.getByTestId('plan-publish-ok')).toBeDisabled()
  await plan.dialog.getByTestId('plan-publish-cancel').click()
  // Resolved by moving B to February; a Saturday is flagged, the Tuesday after is not.
  await plan.move(idB, 2)
  await expect(plan.conflict('month_crowded')).toHaveCount(0)
  await expect(plan.conflict('month_empty')).toHaveCount(0)
  await plan.setDate(idA, `${YEAR}-01-09`, '09:30', '11:30')
  await expect(plan.conflict('weekend')).toHaveCount(1)
  await plan.setDate(idA, `${YEAR}-01-12`, '09:30', '11:30')
  await expect(plan.conflict('weekend')).toHaveCount(0)
  await plan.setDate(idB, `${YEAR}-02-24`, '14:30', '17:00')
  await expect(admin.getByTestId('plan-no-conflicts')).toBeVisible()
  await plan.publish()
  await expect(admin.getByTestId('plan-revision')).toHaveAttribute('data-revision', '1')

  // A citizen on the public calendar: both theme days, in Beijing time whatever the device's zone.
  const citizen = await actors.citizen()
  const cal = new CalendarPage(citizen.page)
  await cal.open(YEAR)
  await expect(cal.eventByTheme(themeA)).toHaveCount(1)
  await expect(cal.eventByTheme(themeB)).toHaveCount(1)
  await expect(cal.eventByTheme(themeA).getByTestId('calendar-when')).toContainText('09:30')
  await expectAccessible(citizen.page, '/calendar')
  expect(await citizen.page.content()).not.toContain(PHONE)

  // The downloads, read back with real parsers.
  const ics = ical.sync.parseICS(readFileSync(await cal.download('download-ics-year'), 'utf8'))
  const vevents = Object.values(ics).filter((c) => c?.type === 'VEVENT') as ical.VEvent[]
  const summaries = vevents.map((v) => String(v.summary))
  expect(summaries.some((s) => s.includes(themeA))).toBe(true)
  expect(summaries.some((s) => s.includes(themeB))).toBe(true)
  const icsA = vevents.find((v) => String(v.summary).includes(themeA))!
  expect(icsA.start.toISOString()).toBe(`${YEAR}-01-12T01:30:00.000Z`)
  const docx = await mammoth.extractRawText({ path: await cal.download('download-docx') })
  expect(docx.value).toContain(themeA)
  expect(docx.value).toContain(themeB)
  expect(docx.value).not.toContain(PHONE)
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', await cal.download('download-pdf'), '-'], { encoding: 'utf8' })
  expect(pdfText.replace(/\s+/g, '')).toContain(themeA.replace(/\s+/g, ''))
  expect(pdfText.replace(/\s+/g, '')).toContain(themeB.replace(/\s+/g, ''))

  // The public plan page.
  await citizen.page.goto(`/plan/${YEAR}`)
  await expect(citizen.page.getByTestId('plan-page')).toBeVisible()
  await expect(citizen.page.getByTestId('plan-row').filter({ hasText: themeA })).toHaveCount(1)
  await expectAccessible(citizen.page, `/plan/${YEAR}`)
  expect(await citizen.page.content()).not.toContain(PHONE)

  // The January event's page is open (60 days ahead); the citizen asks a question on it, on a phone.
  await cal.open(YEAR)
  const eventId = (await cal.eventByTheme(themeA).getAttribute('data-event-id'))!
  const page = new EventPage(citizen.page, eventId)
  await citizen.page.setViewportSize({ width: 390, height: 844 })
  await page.open()
  await expect(citizen.page.getByTestId('event-page-theme')).toHaveText(themeA)
  await expect(citizen.page.getByTestId('event-countdown')).toBeVisible()
  await expect(citizen.page.getByTestId('event-staff-preview')).toHaveCount(0)
  await expectAccessible(citizen.page, `/events/${eventId} on a phone`)
  expect(await citizen.page.content()).not.toContain(PHONE)
  const question = `公交末班车能否延长到23点？${tag}`
  await page.askAhead(question)
  const sessionId = await page.sessionId()

  // Unit A's editor staffs its event with its own people.
  const ue = new UnitEventPage(a.page, eventId)
  await ue.open()
  await ue.assign(sessionId, hostA.id, 'host')
  await ue.assign(sessionId, modA.id, 'moderator')
  // Its publicity (加强宣传): an article in a journal on the office's bonus list, with a scan.
  const article = `以主题日推动公交服务提质${tag}`
  await ue.addPublicity({ outlet: 'journal', journal: '《政务公开工作交流》 （加分）', date: `${YEAR}-01-20`, title: article,
    file: { name: 'scan.png', mimeType: 'image/png', buffer: PNG } })
  const recorded = ue.publicity.getByTestId('publicity-item').filter({ hasText: article })
  await expect(recorded).toHaveAttribute('data-bonus', 'true')
  await expect(recorded.getByTestId('publicity-file-link')).toBeVisible()

  // The host opens the session; the moderator finds the question, tagged as collected before the event.
  const host = await firstLogin(actors, hostA.username, hostA.otp)
  await host.page.goto(`/console/host/${encodeURIComponent(sessionId)}`)
  await expect(host.page.getByTestId('host-page')).toHaveAttribute('data-session-id', sessionId)
  await host.page.getByTestId('start-session').click()
  await host.page.getByTestId('confirm-ok').click()
  await expect(host.page.getByTestId('host-page')).toHaveAttribute('data-status', 'live')
  const mod = await firstLogin(actors, modA.username, modA.otp)
  await mod.page.goto(`/console/moderate/${encodeURIComponent(sessionId)}`)
  await expect(mod.page.getByTestId('moderate-page')).toHaveAttribute('data-session-id', sessionId)
  const item = mod.page.getByTestId('pending-queue').getByTestId('question-item').filter({ hasText: question })
  await expect(item).toHaveCount(1)
  await expect(item.getByTestId('pre-event-tag')).toBeVisible()

  // The citizen's page, open since the question, now leads to the live session without a reload.
  await expect(citizen.page.getByTestId('event-live-link')).toHaveAttribute('data-session-id', sessionId, { timeout: 45_000 })
  await expect(page.ask).toHaveCount(0)

  // The host ends the session; the year's assessment board ranks the two units, figures from the records.
  await host.page.getByTestId('end-session').click()
  await host.page.getByTestId('confirm-ok').click()
  await expect(host.page.getByTestId('host-page')).toHaveAttribute('data-status', 'archived')
  await admin.goto(`/admin/assessment?year=${YEAR}`)
  const rows = admin.getByTestId('assessment-row')
  await expect(rows).toHaveCount(2)
  const rowA = admin.locator(`[data-testid="assessment-row"][data-unit-id="${unitA}"]`)
  const rowB = admin.locator(`[data-testid="assessment-row"][data-unit-id="${unitB}"]`)
  await expect(rowA.locator('[data-testid="assessment-figure"][data-metric="eventsLed"]')).toHaveText('1')
  await expect(rowB.locator('[data-testid="assessment-figure"][data-metric="eventsJoined"]')).toHaveText('1')
  await expect(rowA.locator('[data-testid="assessment-figure"][data-metric="journalBonus"]')).toHaveText('1')
  await expect(rowA).toHaveAttribute('data-rank', '1')
  await expect(rowB).toHaveAttribute('data-rank', '2')
  await expectAccessible(admin, '/admin/assessment')
  // A figure opens the records behind it: the journal article.
  await rowA.locator('[data-testid="assessment-figure"][data-metric="journalBonus"]').click()
  await expect(admin.getByTestId('assessment-records').getByTestId('assessment-record')).toContainText([article])
  const [sheet] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('assessment-xlsx').click()])
  const board = await readXlsx((await sheet.path())!)
  expect(board.map((r) => [r['排名'], r['单位']])).toEqual([['1', `市交通运输局${tag}`], ['2', `东湖县${tag}`]])
})


import { chromium, devices } from '@playwright/test'
import ExcelJS from 'exceljs'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, uid } from '../fixtures.ts'
import { expectAccessible } from '../lib/axe.ts'
import { makePng } from '../lib/png.ts'
import { LoginPage } from '../pages/LoginPage.ts'
import { RepliesPage } from '../pages/RepliesPage.ts'

// Issue 14, a symposium (座谈交流) end to end on the demo's coming one (lead: 人社局, the `editor`):
// the unit imports its invitee list, a citizen signs up on the event page and is confirmed, the
// citizen's phone shows the invitation's QR code, and the door's laptop reads it through its camera
// (Chromium's fake camera playing a video made from that very code); a second read says so. The
// participant sends an opinion from the phone, the unit publishes it and assigns it to itself, answers
// it in writing, and the event's public record shows who came, the opinion and its reply.

const EVENT = 'demo-symposium-event'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function inviteeList(names: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('邀请名单')
  ws.addRow(['类别', '姓名', '单位或职务', '手机号'])
  ws.addRow(['政协委员', names[0], '市政协委员', ''])
  ws.addRow(['专家学者', names[1], '湖南科技学院', ''])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

test('a symposium: imported list, a citizen\'s sign-up, check-in by scanning the code from a second browser, an opinion from the phone answered in writing, the public record', async ({ actors, baseURL }) => {
  test.setTimeout(240_000)
  const tag = uid()
  const citizenName = `市民${tag}`
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

  // The lead unit imports its list from the XLSX template's columns.
  const editor = await actors.staff('editor')
  await editor.page.goto(`/unit/events/${EVENT}`)
  const panel = editor.page.getByTestId('attendance-panel')
  await panel.getByTestId('invitee-import').setInputFiles({ name: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await inviteeList([`委员${tag}`, `教授${tag}`]) })
  await expect(panel.getByTestId('import-done')).toBeVisible()
  await expect(panel.getByTestId('invitee-row').filter({ hasText: `教授${tag}` })).toHaveCount(1)

  // A citizen signs up on the event's public page, on a phone.
  const citizen = await actors.citizen('participant')
  await citizen.page.setViewportSize(devices['Pixel 7'].viewport)
  await citizen.page.goto(`/events/${EVENT}`)
  await citizen.page.getByTestId('signup-name').fill(citizenName)
  await citizen.page.getByTestId('signup-phone').fill(phone)
  await citizen.page.getByTestId('signup-submit').click()
  await expect(citizen.page.getByTestId('signup-done')).toBeVisible()
  await expectAccessible(citizen.page, 'the symposium\'s event page')

  // The unit confirms the sign-up; its invitation (with the personal code) is in the printable set.
  await editor.page.reload()
  const row = panel.getByTestId('invitee-row').filter({ hasText: citizenName })
  await expect(row).toHaveAttribute('data-status', 'pending')
  await expect(row).not.toContainText(phone)
  await row.getByTestId('invitee-confirm').click()
  await expect(row).toHaveAttribute('data-status', 'confirmed')
  await editor.page.goto(`/unit/events/${EVENT}/invitations`)
  const card = editor.page.getByTestId('invitation-card').filter({ hasText: citizenName })
  const token = (await card.getAttribute('data-token'))!

  // The citizen's phone opens the invitation link: the code to show, no feedback before check-in.
  await citizen.page.goto(`/invitation/${encodeURIComponent(token)}`)
  const qr = citizen.page.getByTestId('invitation-qr')
  await expect(qr).toBeVisible()
  await expect(citizen.page.getByTestId('feedback-box')).toHaveAttribute('data-can-send', 'false')
  await expectAccessible(citizen.page, 'the invitation page')

  // The door's laptop: a browser whose camera plays a video of the code on the phone's screen.
  const dir = mkdtempSync(join(tmpdir(), 'openday-qr-'))
  const door = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${join(dir, 'qr.y4m')}`],
  })
  try {
    writeFileSync(join(dir, 'qr.png'), await qr.screenshot())
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', join(dir, 'qr.png'), '-vf', 'scale=360:360,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p', '-t', '2', '-r', '10', join(dir, 'qr.y4m')])
    const ctx = await door.newContext({ baseURL, locale: 'zh-CN', timezoneId: process.env.TZ || 'Asia/Shanghai', permissions: ['camera'] })
    const page = await ctx.newPage()
    const problems: string[] = []
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('dialog', (d) => { problems.push(d.message()); void d.dismiss() })
    await new LoginPage(page).goto()
    await new LoginPage(page).login('moderator')
    await expect(page.getByTestId('staff-user')).toHaveAttribute('data-role', 'moderator')
    // The recorder (the session's moderator) reaches the door from the console.
    await page.locator('[data-testid="door-link"][data-session-id="demo-symposium"]').click()
    await expect(page.getByTestId('door-page')).toBeVisible()
    const before = Number(await page.getByTestId('door-figure-citizen').getAttribute('data-checked-in'))
    // A code that is not ours is refused with its reason.
    await page.getByTestId('door-token').fill(`${token.slice(0, -2)}xx`)
    await page.getByTestId('door-token-submit').click()
    await expect(page.getByTestId('checkin-result')).toHaveAttribute('data-reason', 'forged')
    await page.getByTestId('scan-start').click()
    await expect(page.getByTestId('checkin-result')).toHaveAttribute('data-ok', 'true')
    await expect(page.getByTestId('checkin-result')).toContainText(citizenName)
    await expect(page.getByTestId('door-figure-citizen')).toHaveAttribute('data-checked-in', String(before + 1))
    // The code is still in front of the camera: read again a few seconds later, it says so.
    await expect(page.getByTestId('checkin-result')).toHaveAttribute('data-reason', 'already', { timeout: 20_000 })
    await page.getByTestId('scan-stop').click()
    // By name: the professor from the imported list.
    await page.getByTestId('door-search').fill(`教授${tag}`)
    await page.getByTestId('door-person-checkin').click()
    await expect(page.getByTestId('checkin-result')).toHaveAttribute('data-ok', 'true')
    expect(problems).toEqual([])
  } finally {
    await door.close()
    rmSync(dir, { recursive: true, force: true })
  }

  // Checked in, the participant sends an opinion from the phone; it waits for the unit.
  await citizen.page.reload()
  const box = citizen.page.getByTestId('feedback-box')
  await expect(box).toHaveAttribute('data-can-send', 'true')
  const said = `建议在社区设立就业服务站点，方便群众就近咨询（${tag}），我的电话${phone}`
  await box.getByTestId('feedback-body').fill(said)
  await box.getByTestId('feedback-send').click()
  await expect(box.getByTestId('feedback-sent')).toBeVisible()
  await expect(box.getByTestId('feedback-mine')).toHaveAttribute('data-status', 'pending')
  await expect(box.getByTestId('feedback-mine')).not.toContainText(phone)

  // The unit publishes it, assigns it to itself for a written reply, and adds a photo of the day.
  await editor.page.goto(`/unit/events/${EVENT}`)
  const op = editor.page.getByTestId('opinion-item').filter({ hasText: tag })
  await expect(op).toHaveAttribute('data-source', 'participant')
  await op.getByTestId('opinion-publish').click()
  await expect(op).toHaveAttribute('data-status', 'published')
  await op.getByTestId('opinion-unit').selectOption({ label: '市人力资源和社会保障局' })
  await op.getByTestId('opinion-assign').click()
  await expect(op.getByTestId('opinion-reply-state')).toBeVisible()
  const photos = editor.page.getByTestId('photos-panel')
  await photos.getByTestId('photo-caption').fill(`座谈现场${tag}`)
  await photos.getByTestId('photo-file').setInputFiles({ name: 'day.png', mimeType: 'image/png', buffer: makePng(64, 48) })
  await expect(photos.getByTestId('photo-item')).not.toHaveCount(0)

  const replies = new RepliesPage(editor.page)
  await replies.open('/unit/replies')
  const task = replies.rowByText(tag)
  await expect(task.getByTestId('reply-kind-opinion')).toBeVisible()
  await replies.openRow(task)
  const answer = `感谢建议。我局将于下月在各街道设立就业服务站（${tag}）。`
  await replies.publish(answer)
  await expect(replies.detail).toHaveAttribute('data-state', 'published')

  // The public record: who came (the citizen counted, not named), the opinion with its reply, the photo.
  const reader = await actors.citizen('reader')
  await reader.page.goto(`/events/${EVENT}`)
  const rec = reader.page.getByTestId('venue-record')
  const shown = rec.getByTestId('record-opinion').filter({ hasText: tag })
  await expect(shown.getByTestId('written-reply-body')).toHaveText(answer)
  await expect(shown).not.toContainText(phone)
  await expect(rec).not.toContainText(citizenName)
  await expect(rec.getByTestId('record-attendance')).toContainText(`教授${tag}`)
  await expect(rec.getByTestId('record-photos')).toContainText(`座谈现场${tag}`)
  await expectAccessible(reader.page, 'the symposium\'s public record')
})

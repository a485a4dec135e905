// Runs in the "archive" project against its own server (see playwright.config.ts): ending the
// session is final, so no other spec may share this session.
import { beijing, replyDeadline } from '../lib/time.ts'
import { ArchiveListPage, ArchivePage } from '../pages/ArchivePage.ts'
import { HostPage } from '../pages/HostPage.ts'
import { RepliesPage } from '../pages/RepliesPage.ts'
import { expectAccessible } from '../lib/axe.ts'
import { readXlsx } from '../lib/sheets.ts'
import { execFileSync } from 'node:child_process'
import mammoth from 'mammoth'
import { ModeratePage } from '../pages/ModeratePage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { PollCardView, PollPanel, PresenterView } from '../pages/PollPages.ts'
import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'

// What the demo seed put in the live session (server/src/seed/demo.ts).
const SEEDED_TRANSCRIPT = [
  { speaker: 'host', name: '李明', starts: '各位网友大家好！' },
  { speaker: 'guest', name: '王建国', starts: '大家好。今年我们围绕稳就业' },
]
const SEEDED_ANSWERED = '创业担保贷款的额度和条件是什么？'
const SEEDED_OPEN = ['高校毕业生见习补贴怎么领取？', '灵活就业人员社保补贴能申请吗？']
const SEEDED_ANSWER = '感谢您的关注。'
const REPLY_WORKING_DAYS = 5 // the server's default REPLY_WORKING_DAYS

test('the host ends the session: citizens are told, and the archive shows the whole record', async ({ actors }) => {
  const tag = uid()
  const [citizen, mod, host] = await Promise.all([actors.citizen(), actors.staff('moderator'), actors.staff('host')])
  const session = new SessionPage(citizen.page, LIVE_SESSION)
  const moderate = new ModeratePage(mod.page, LIVE_SESSION)
  const studio = new HostPage(host.page, LIVE_SESSION)
  await Promise.all([session.open(), moderate.open(), studio.open()])

  const asked = `【${tag}】一次性创业补贴申领需要哪些材料？`
  const refused = `【${tag}】楼下超市几点关门？`
  const answer = `【${tag}】携带身份证、营业执照和社保缴费证明，到区人社局窗口或网上办理。`
  const closing = `【${tag}】本期访谈到此结束，感谢各位网友的参与！`
  let answeredId = ''
  let rejectedId = ''

  await test.step('a question is approved and answered, another rejected, a closing entry posted', async () => {
    answeredId = await session.ask(asked)
    rejectedId = await session.ask(refused)
    await moderate.approveWithKeyboard(answeredId)
    await moderate.rejectWithKeyboard(rejectedId, '与本期主题无关')
    await studio.answer(answeredId, answer)
    await studio.post(closing)
    await expect(session.publicQuestion(answeredId)).toHaveAttribute('data-status', 'answered')
    await expect(session.transcriptEntryWithText(closing)).toHaveCount(1)
  })

  const pollTitle = `【${tag}】您更希望通过哪种方式了解就业政策？`
  let pollId = ''
  await test.step('a live poll: two citizens vote, the presenter view reveals the results only when the host shows them', async () => {
    const polls = new PollPanel(host.page)
    pollId = await polls.draftChoice(pollTitle, ['短视频解读', '政策问答手册', '社区宣讲'], 'presenter')
    await polls.step(pollId, 'open', 'open')
    const second = await actors.citizen()
    const secondSession = new SessionPage(second.page, LIVE_SESSION)
    await secondSession.open()
    // The poll reaches the open pages without a reload.
    await new PollCardView(citizen.page, pollId).vote('短视频解读')
    await new PollCardView(second.page, pollId).vote('社区宣讲')
    await expect(polls.poll(pollId).getByTestId('staff-poll-votes')).toHaveText('共 2 票')
    // The venue screen, opened by the host: the QR code to join, and no figures yet ("presenter only").
    const screen = new PresenterView(await host.context.newPage(), LIVE_SESSION, pollId)
    await screen.open()
    await expect(screen.root.getByTestId('presenter-qr').locator('img')).toHaveAttribute('data-url', /\/s\/demo-live#polls$/)
    await expect(screen.root.getByTestId('presenter-waiting')).toBeVisible()
    await expect(new PollCardView(citizen.page, pollId).root.getByTestId('poll-results')).toHaveCount(0)
    await polls.step(pollId, 'close', 'closed')
    await expect(screen.root.getByTestId('presenter-results')).toHaveCount(0)
    await polls.step(pollId, 'show', 'shown')
    const shown = screen.root.getByTestId('presenter-results')
    await expect(shown).toContainText('共 2 票')
    await expect(shown.locator('[data-testid="result-q-o1"]')).toHaveAttribute('data-count', '1')
    await expect(new PollCardView(citizen.page, pollId).root.getByTestId('poll-results')).toContainText('共 2 票')
    await screen.page.close()
  })

  const endedAfter = new Date()
  await test.step('the host ends the session after confirming; the citizen page turns archived live', async () => {
    // Cancelling first: nothing happens.
    await studio.endButton.click()
    await expect(studio.confirmDialog).toBeVisible()
    await host.page.getByTestId('confirm-cancel').click()
    await expect(studio.confirmDialog).toHaveCount(0)
    await expect(studio.root).toHaveAttribute('data-status', 'live')

    await studio.endSession()
    await expect(studio.formClosed).toBeVisible()
    await expect(session.root).toHaveAttribute('data-status', 'archived')
    await expect(session.archivedBanner).toBeVisible()
    await expect(session.formClosed).toBeVisible()
    await expect(session.form).toHaveCount(0)
    await expect(session.status).toHaveAttribute('data-status', 'archived')
  })
  const endedBefore = new Date()

  const archive = new ArchivePage(citizen.page, LIVE_SESSION)
  await test.step('the banner leads to the archive page', async () => {
    await session.archivedLink.click()
    await expect(citizen.page).toHaveURL(`/archive/${LIVE_SESSION}`)
    await expect(archive.root).toBeVisible()
    const archivedText = await archive.archivedAt.textContent()
    expect([beijing(endedAfter, 'dateTime'), beijing(endedBefore, 'dateTime')].some((t) => archivedText?.includes(t)), `"${archivedText}" shows the end time in Beijing time`).toBe(true)
  })

  await test.step('the transcript is in order, with speaker tags and Beijing times', async () => {
    const entries = archive.transcriptEntries
    await expect(entries).toHaveCount(3)
    const expected = [...SEEDED_TRANSCRIPT, { speaker: 'host', name: '主持人 李明', starts: closing }]
    const times: number[] = []
    for (const [i, e] of expected.entries()) {
      const entry = entries.nth(i)
      await expect(entry).toHaveAttribute('data-speaker', e.speaker)
      await expect(entry.getByTestId('speaker-tag')).toHaveText(e.speaker === 'host' ? '主持人' : '嘉宾')
      await expect(entry.getByTestId('transcript-speaker')).toHaveText(e.name)
      await expect(entry.getByTestId('transcript-body')).toHaveText(new RegExp(`^${e.starts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      const time = entry.getByTestId('transcript-time')
      const iso = (await time.getAttribute('datetime'))!
      await expect(time).toHaveText(beijing(iso, 'timeSeconds'))
      times.push(Date.parse(iso))
    }
    expect(times, 'oldest first').toEqual([...times].sort((a, b) => a - b))
  })

  await test.step('every approved question with its final state and answer; rejected ones are not shown', async () => {
    await expect(archive.questions).toHaveCount(4)
    await expect(archive.questions.getByTestId('question-body')).toHaveText([SEEDED_ANSWERED, ...SEEDED_OPEN, asked])
    const seededAnswered = archive.questions.filter({ hasText: SEEDED_ANSWERED })
    await expect(seededAnswered).toHaveAttribute('data-status', 'answered')
    await expect(seededAnswered.getByTestId('question-answer')).toContainText(SEEDED_ANSWER)
    await expect(seededAnswered.getByTestId('question-reply-due')).toHaveCount(0)
    const ours = archive.question(answeredId)
    await expect(ours).toHaveAttribute('data-status', 'answered')
    await expect(ours.getByTestId('question-status')).toHaveText('已回答')
    await expect(ours.getByTestId('question-answer')).toContainText(answer)
    await expect(ours.getByTestId('question-answered-by')).toHaveText('主持人 李明')
    for (const body of SEEDED_OPEN) {
      const q = archive.questions.filter({ hasText: body })
      await expect(q).toHaveAttribute('data-status', 'approved')
      await expect(q.getByTestId('question-answer')).toHaveCount(0)
      await expect(q.getByTestId('question-reply-due')).toBeVisible()
    }
    await expect(archive.question(rejectedId)).toHaveCount(0)
    await expect(citizen.page.getByText(refused)).toHaveCount(0)
  })

  await test.step('the questions awaiting a written reply show their deadline (5 working days, Beijing time)', async () => {
    await expect(archive.awaiting).toHaveCount(2)
    const acceptable = new Set([replyDeadline(endedAfter, REPLY_WORKING_DAYS), replyDeadline(endedBefore, REPLY_WORKING_DAYS)])
    for (const body of SEEDED_OPEN) {
      const item = archive.awaiting.filter({ hasText: body })
      await expect(item).toHaveCount(1)
      const due = item.getByTestId('reply-due')
      const iso = (await due.getAttribute('data-due'))!
      expect(acceptable, `deadline ${iso}`).toContain(new Date(iso).toISOString())
      await expect(due).toHaveText(`答复期限：${beijing(iso, 'dateTime')}`)
      await expect(due).toContainText('23:59')
      await expect(archive.questions.filter({ hasText: body }).getByTestId('question-reply-due')).toHaveAttribute('data-due', iso)
    }
  })

  await test.step('the figures', async () => {
    await expect(archive.figure('received')).toHaveAttribute('data-value', '5')
    await expect(archive.figure('approved')).toHaveAttribute('data-value', '4')
    await expect(archive.figure('answered')).toHaveAttribute('data-value', '2')
    await expect(archive.figure('awaiting')).toHaveAttribute('data-value', '2')
    // Citizen, moderator and host were watching at the same time.
    const peak = Number(await archive.figure('peak-viewers').getAttribute('data-value'))
    expect(peak).toBeGreaterThanOrEqual(1)
    await expect(archive.figure('received')).toHaveText('5')
  })

  await test.step('the archive shows every poll\'s final results', async () => {
    const polls = citizen.page.getByTestId('archive-polls')
    const ours = polls.locator(`[data-testid="archive-poll"][data-poll-id="${pollId}"]`)
    await expect(ours).toContainText(pollTitle)
    await expect(ours).toContainText('共 2 票')
    await expect(ours.locator('[data-testid="result-q-o3"]')).toHaveAttribute('data-count', '1')
    // The demo's poll, left open when the session ended, closed with it and is there too.
    await expect(polls.getByTestId('archive-poll').filter({ hasText: '您最希望优先解决哪方面的问题？' })).toContainText('共 12 票')
  })

  await test.step('/archive lists it', async () => {
    const list = new ArchiveListPage(citizen.page)
    await list.goto()
    const item = list.item(LIVE_SESSION)
    await expect(item).toBeVisible()
    await expect(item.getByTestId('archive-link')).toHaveText('稳就业 惠民生——就业创业政策解读')
    await expect(item.getByTestId('archive-host-units')).toContainText('市人力资源和社会保障局')
    await expect(item.getByTestId('figure-received')).toHaveAttribute('data-value', '5')
    await expect(item.getByTestId('figure-answered')).toHaveAttribute('data-value', '2')
    await expect(list.item('demo-archived')).toBeVisible()
    await expect(list.more).toHaveCount(0)
    await item.getByTestId('archive-link').click()
    await expect(citizen.page).toHaveURL(`/archive/${LIVE_SESSION}`)
    await expect(archive.root).toBeVisible()
  })

  await test.step('/archive pages: one session a page, then "more" adds the next and moves focus to it', async () => {
    // Other specs on this server archive sessions too (the hotline day): count what is there.
    const list = new ArchiveListPage(citizen.page)
    await list.goto(1)
    await expect(list.items).toHaveCount(1)
    const total = Number(await list.shown.getAttribute('data-total'))
    expect(total).toBeGreaterThanOrEqual(2)
    await expect(list.shown).toHaveText(`已显示 1 期，共 ${total} 期`)
    for (let n = 2; n <= total; n++) {
      await list.more.click()
      await expect(list.items).toHaveCount(n)
      await expect(list.items.nth(n - 1).getByTestId('archive-link')).toBeFocused()
      await expect(list.shown).toHaveText(`已显示 ${n} 期，共 ${total} 期`)
    }
    await expect(list.more).toHaveCount(0)
    await expect(list.item(LIVE_SESSION)).toHaveCount(1)
    await expect(list.item('demo-archived')).toHaveCount(1)
  })

  await test.step('the session refuses anything new once archived', async () => {
    await session.goto()
    await expect(session.root).toHaveAttribute('data-status', 'archived')
    await expect(session.archivedBanner).toBeVisible()
    await expect(session.form).toHaveCount(0)
  })
})

// Issue 12, written replies: after the end above, the questions not answered live are the lead
// unit's (人社局, the demo's `editor`) to answer in writing; the archive shows each reply under its
// question, and the reply figures. The office then asks to check replies first (先审后发).
test('the unit answers in writing; the archive shows the reply, its correction and the figures; the office checks the next one', async ({ actors }) => {
  const [editor, admin] = await Promise.all([actors.staff('editor'), actors.staff('admin')])
  const replies = new RepliesPage(editor.page)
  // The archive is public and cached for a short while (30 s): each look is a new citizen's device.
  const look = async () => {
    const citizen = await actors.citizen()
    const archive = new ArchivePage(citizen.page, LIVE_SESSION)
    await archive.goto()
    return { page: citizen.page, archive }
  }
  const [first, second] = SEEDED_OPEN as [string, string]
  const text = '高校毕业生见习补贴由见习单位按月申领，标准为当地最低工资的60%。'

  await test.step('the task is on the unit\'s list, due; the unit publishes its reply', async () => {
    await replies.open('/unit/replies', 'due')
    const row = replies.rowByText(first)
    await expect(row).toHaveAttribute('data-state', 'open')
    await expect(row.getByTestId('reply-due')).toContainText('23:59')
    await replies.openRow(row)
    await replies.publish(text)
    await expect(replies.detail).toHaveAttribute('data-state', 'published')
    await expect(replies.detail.getByTestId('reply-version')).toHaveCount(1)
    await expectAccessible(editor.page, '/unit/replies')
  })

  await test.step('the archive shows it under the question, with the figures', async () => {
    const { page, archive } = await look()
    const q = archive.questions.filter({ hasText: first })
    await expect(q.getByTestId('written-reply-body')).toHaveText(text)
    await expect(q.getByTestId('written-reply')).toHaveAttribute('data-on-time', 'true')
    await expect(q.getByTestId('question-reply-due')).toHaveCount(0)
    await expect(archive.awaiting).toHaveCount(1)
    for (const [k, v] of [['due', '2'], ['published', '1'], ['onTime', '1'], ['overdue', '0']]) await expect(page.getByTestId(`reply-figure-${k}`)).toHaveAttribute('data-value', v!)
    await expectAccessible(page, 'an archive page with a written reply')
  })

  await test.step('a correction is a new version, shown as such', async () => {
    await replies.publish(`${text}申领时间为每月10日前。`, '补充申领时间')
    await expect(replies.detail.getByTestId('reply-version')).toHaveCount(2)
    const { archive } = await look()
    const q = archive.questions.filter({ hasText: first })
    await expect(q.getByTestId('written-reply')).toHaveAttribute('data-versions', '2')
    await expect(q.getByTestId('written-reply-body')).toContainText('每月10日前')
    await expect(q.getByTestId('written-reply-corrections')).toContainText('补充申领时间')
  })

  await test.step("the unit downloads the session's questions with their answers and replies (XLSX)", async () => {
    await editor.page.goto(`/unit/events/${LIVE_SESSION}-event`)
    const [download] = await Promise.all([editor.page.waitForEvent('download'), editor.page.getByTestId('unit-questions-xlsx').click()])
    const rows = await readXlsx((await download.path())!)
    const row = rows.find((r) => r['提问内容'] === first)!
    expect(row['书面答复']).toContain('每月10日前')
    expect([row['按时答复'], row['更正次数']]).toEqual(['是', '1'])
    expect(rows.find((r) => r['提问内容'] === SEEDED_ANSWERED)!['状态']).toBe('已现场答复')
  })

  await test.step('the office requires a check; the next reply waits for it and is published on approval', async () => {
    const office = new RepliesPage(admin.page)
    await office.open('/admin/replies', 'all')
    await admin.page.getByTestId('reply-settings-check').check()
    await admin.page.getByTestId('reply-settings-save').click()
    await expect(admin.page.getByTestId('reply-settings-saved')).toBeVisible()

    await replies.open('/unit/replies', 'due')
    await replies.openRow(replies.rowByText(second))
    await replies.publish('灵活就业人员可按规定申请社保补贴，详见人社局官网。')
    await expect(replies.detail).toHaveAttribute('data-state', 'checking')
    await expect(replies.detail.getByTestId('reply-checking')).toBeVisible()
    await expect((await look()).archive.questions.filter({ hasText: second }).getByTestId('written-reply')).toHaveCount(0)

    await office.open('/admin/replies', 'checking')
    await office.openRow(office.rowByText(second))
    await admin.page.getByTestId('reply-approve').click()
    await expect(office.detail).toHaveAttribute('data-state', 'published')
    const { page, archive } = await look()
    await expect(archive.questions.filter({ hasText: second }).getByTestId('written-reply-body')).toContainText('灵活就业人员')
    await expect(page.getByTestId('reply-figure-published')).toHaveAttribute('data-value', '2')
  })
})

// Issue 12, the summary (经验总结): after the same session, the lead unit opens the draft made from
// the records, writes it, sends it; the office accepts it; the DOCX and PDF carry text and figures.
test('the unit writes and sends the summary from its draft; the office accepts it; DOCX and PDF read back', async ({ actors }) => {
  const [editor, admin] = await Promise.all([actors.staff('editor'), actors.staff('admin')])
  const ev = `${LIVE_SESSION}-event`
  const practice = '提前一周通过门户网站和政务新媒体发布预告，征集网友问题。'

  await test.step('the draft is made from the records: the event, then tables of figures', async () => {
    await editor.page.goto('/unit/summaries')
    await editor.page.locator(`[data-testid="summary-row"][data-event-id="${ev}"]`).getByTestId('summary-open').click()
    await expect(editor.page.getByTestId('summary-page')).toHaveAttribute('data-state', 'draft')
    await expect(editor.page.getByTestId('summary-block').first().getByTestId('summary-block-text')).toHaveValue('一、活动基本情况')
    await expect(editor.page.getByTestId('summary-figures-totals')).toContainText('收到网友提问')
    await expectAccessible(editor.page, '/unit/summaries/:eventId')
  })

  await test.step('the unit writes what it did, adds a list, saves and sends it', async () => {
    const paragraphs = editor.page.locator('[data-testid="summary-block"][data-type="paragraph"]')
    await paragraphs.nth(1).getByTestId('summary-block-text').fill(practice)
    await editor.page.getByTestId('summary-add-list').click()
    await editor.page.getByTestId('summary-block').last().getByTestId('summary-block-text').fill('坚持问题导向\n坚持闭环办理')
    await editor.page.getByTestId('summary-save').click()
    await expect(editor.page.getByTestId('summary-save-state')).toHaveText('已保存')
    await editor.page.getByTestId('summary-submit').click()
    await expect(editor.page.getByTestId('summary-page')).toHaveAttribute('data-state', 'submitted')
    await expect(editor.page.getByTestId('summary-text')).toContainText(practice)
  })

  await test.step('the DOCX and the PDF carry the text and the figures', async () => {
    const [docx] = await Promise.all([editor.page.waitForEvent('download'), editor.page.getByTestId('summary-docx').click()])
    const text = (await mammoth.extractRawText({ path: (await docx.path())! })).value
    for (const s of [practice, '坚持闭环办理', '表2 互动和答复情况', '收到网友提问']) expect(text, s).toContain(s)
    const [pdf] = await Promise.all([editor.page.waitForEvent('download'), editor.page.getByTestId('summary-pdf').click()])
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', (await pdf.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    expect(pdfText).toContain(practice.replace(/\s+/g, ''))
  })

  await test.step('the office accepts it', async () => {
    await admin.page.goto(`/admin/summaries/${ev}`)
    await expect(admin.page.getByTestId('summary-page')).toHaveAttribute('data-state', 'submitted')
    await admin.page.getByTestId('summary-accept').click()
    await expect(admin.page.getByTestId('summary-page')).toHaveAttribute('data-state', 'accepted')
    await editor.page.goto('/unit/summaries')
    await expect(editor.page.locator(`[data-testid="summary-row"][data-event-id="${ev}"]`)).toHaveAttribute('data-state', 'accepted')
  })
})

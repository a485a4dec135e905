import { makePng } from '../lib/png.ts'
import { beijing } from '../lib/time.ts'
import { HostPage } from '../pages/HostPage.ts'
import { ModeratePage } from '../pages/ModeratePage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'
import type { Locator } from '@playwright/test'

const HOST_NAME = '主持人 李明' // the host account's display name, the composer's default speaker name

/** A live-record entry as a citizen sees it: host tag, name, and a time in Beijing time. */
async function expectHostEntry(entry: Locator) {
  await expect(entry).toHaveAttribute('data-speaker', 'host')
  await expect(entry.getByTestId('speaker-tag')).toHaveAttribute('data-speaker', 'host')
  await expect(entry.getByTestId('speaker-tag')).toHaveText('主持人')
  await expect(entry.getByTestId('transcript-speaker')).toHaveText(HOST_NAME)
  const time = entry.getByTestId('transcript-time')
  const iso = await time.getAttribute('datetime')
  expect(iso).toBeTruthy()
  expect(Math.abs(Date.parse(iso!) - Date.now()), 'posted just now').toBeLessThan(120_000)
  await expect(time).toHaveText(beijing(iso!, 'timeSeconds'))
}

test('a question travels citizen → moderator → host → every citizen, live', async ({ actors }) => {
  const tag = uid()
  const [c1, c2, mod, host] = await Promise.all([actors.citizen('citizen1'), actors.citizen('citizen2'), actors.staff('moderator'), actors.staff('host')])
  const s1 = new SessionPage(c1.page, LIVE_SESSION)
  const s2 = new SessionPage(c2.page, LIVE_SESSION)
  const moderate = new ModeratePage(mod.page, LIVE_SESSION)
  const studio = new HostPage(host.page, LIVE_SESSION)
  await Promise.all([s1.open(), s2.open(), moderate.open(), studio.open()])
  const citizens = [s1, s2]

  const body = `【${tag}】请问灵活就业人员的社保补贴怎么申请？我的电话13812345678`
  let id = ''

  await test.step('citizen 1 asks; the phone number is masked; it is pending under "my questions"', async () => {
    id = await s1.ask(body, { nickname: `小王${tag}`, find: tag })
    const mine = s1.myQuestion(id)
    await expect(mine).toHaveAttribute('data-status', 'pending')
    await expect(mine.getByTestId('question-status')).toHaveText('待审核')
    await expect(mine).toContainText('138****5678')
    await expect(mine).not.toContainText('13812345678')
    await expect(s1.publicQuestion(id)).toHaveCount(0)
  })

  await test.step('the moderator sees it in the queue in real time, masked', async () => {
    const item = moderate.pending(id)
    await expect(item).toBeVisible()
    await expect(item.getByTestId('question-body')).toHaveText(body.replace('13812345678', '138****5678'))
    await expect(item.getByTestId('question-nickname')).toHaveText(`小王${tag}`)
    await expect(mod.page.getByText('13812345678')).toHaveCount(0)
  })

  await test.step('citizen 2 does not see a question that is not approved', async () => {
    await expect(s2.publicQuestion(id)).toHaveCount(0)
    await expect(c2.page.getByText(tag)).toHaveCount(0)
    await expect(s2.myQuestionsBox).toHaveCount(0)
  })

  await test.step('the moderator approves it with the "a" shortcut; both citizens see it', async () => {
    await moderate.approveWithKeyboard(id)
    for (const s of citizens) {
      const q = s.publicQuestion(id)
      await expect(q).toHaveAttribute('data-status', 'approved')
      await expect(q.getByTestId('question-body')).toHaveText(body.replace('13812345678', '138****5678'))
      await expect(q.getByTestId('upvote-count')).toHaveText('0')
    }
    await expect(s1.myQuestion(id)).toHaveAttribute('data-status', 'approved')
    await expect(c1.page.getByText('13812345678')).toHaveCount(0)
    await expect(c2.page.getByText('13812345678')).toHaveCount(0)
  })

  await test.step('citizen 2 upvotes; the count updates for citizen 1', async () => {
    const button = s2.upvoteButton(id)
    await expect(button).toHaveAttribute('data-voted', 'false')
    await button.click()
    await expect(button).toHaveAttribute('data-voted', 'true')
    await expect(button).toBeDisabled()
    await expect(s2.upvoteCount(id)).toHaveText('1')
    await expect(s1.upvoteCount(id)).toHaveText('1')
    await expect(studio.queued(id).getByTestId('upvote-count')).toHaveAttribute('data-value', '1')
  })

  await test.step('the moderator rejects another question with a reason; only its author sees why', async () => {
    const offTopic = `【${tag}】附近哪家饭馆好吃？`
    const rejectedId = await s2.ask(offTopic, { nickname: `吃货${tag}` })
    await expect(moderate.pending(rejectedId)).toBeVisible()
    const reason = '与本期访谈主题无关，请到相关栏目咨询'
    await moderate.rejectWithKeyboard(rejectedId, reason)
    const mine = s2.myQuestion(rejectedId)
    await expect(mine).toHaveAttribute('data-status', 'rejected')
    await expect(mine.getByTestId('my-question-reject-reason')).toContainText(reason)
    await expect(s2.publicQuestion(rejectedId)).toHaveCount(0)
    await expect(s1.publicQuestion(rejectedId)).toHaveCount(0)
    await expect(c1.page.getByText(offTopic)).toHaveCount(0)
  })

  const textEntry = `【${tag}】欢迎各位网友，下面请局长介绍灵活就业人员社保补贴政策。`
  const imageEntry = `【${tag}】访谈现场`
  await test.step('the host posts a text entry; both citizens see it live with the 主持人 tag', async () => {
    await studio.post(textEntry)
    for (const s of citizens) {
      const entry = s.transcriptEntryWithText(textEntry)
      await expect(entry).toHaveCount(1)
      await expect(entry.getByTestId('transcript-body')).toHaveText(textEntry)
      await expectHostEntry(entry)
    }
  })

  await test.step('the host posts an entry with an uploaded picture; both citizens see the picture', async () => {
    await studio.post(imageEntry, { name: 'scene.png', mimeType: 'image/png', buffer: makePng(16, 12) })
    for (const s of citizens) {
      const entry = s.transcriptEntryWithText(imageEntry)
      await expect(entry).toHaveCount(1)
      await expectHostEntry(entry)
      const img = entry.getByTestId('transcript-image')
      await expect(img).toBeVisible()
      await expect(img).toHaveAttribute('src', /^\/uploads\//)
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(16)
      // Oldest first (other specs may post on the same session meanwhile, so compare positions).
      const texts = await s.transcriptTexts()
      expect(texts.indexOf(textEntry)).toBeGreaterThan(-1)
      expect(texts.indexOf(imageEntry)).toBeGreaterThan(texts.indexOf(textEntry))
    }
  })

  await test.step('the host marks the question "answering now"; citizens see it highlighted', async () => {
    await studio.markAnswering(id)
    for (const s of citizens) {
      await expect(s.answeringNow).toHaveAttribute('data-question-id', id)
      await expect(s.answeringNow).toContainText('138****5678')
      await expect(s.publicQuestion(id)).toHaveAttribute('data-status', 'answering')
      await expect(s.publicQuestion(id).getByTestId('question-status')).toHaveText('正在回答')
      // Being answered goes first in the list.
      await expect(s.publicQuestions.first()).toHaveAttribute('data-question-id', id)
    }
    await expect(s1.myQuestion(id)).toHaveAttribute('data-status', 'answering')
  })

  await test.step('the host answers; the answer appears under the question for both citizens', async () => {
    const answer = `【${tag}】符合条件的灵活就业人员可在政务服务网申请社保补贴，审核通过后按季度发放。`
    await studio.answer(id, answer)
    for (const s of citizens) {
      const q = s.publicQuestion(id)
      await expect(q).toHaveAttribute('data-status', 'answered')
      await expect(q.getByTestId('question-answer')).toContainText(answer)
      await expect(q.getByTestId('question-answered-by')).toHaveText(HOST_NAME)
      await expect(s.answeringNow).toHaveCount(0)
    }
    await expect(s1.myQuestion(id)).toHaveAttribute('data-status', 'answered')
    await expect(s1.myQuestion(id).getByTestId('question-answer')).toContainText(answer)
  })
})

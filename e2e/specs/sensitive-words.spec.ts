import { ModeratePage } from '../pages/ModeratePage.ts'
import { SessionPage } from '../pages/SessionPage.ts'
import { expect, LIVE_SESSION, test, uid } from '../fixtures.ts'

test('a question with a sensitive word is held and the hit is highlighted for the moderator', async ({ actors }) => {
  const tag = uid()
  const [citizen, mod] = await Promise.all([actors.citizen(), actors.staff('moderator')])
  const session = new SessionPage(citizen.page, LIVE_SESSION)
  const moderate = new ModeratePage(mod.page, LIVE_SESSION)
  await Promise.all([session.open(), moderate.open()])

  const held = `【${tag}】有人在网上组织赌博，应该向哪个部门举报？`
  const clean = `【${tag}】就业见习补贴什么时候发放？`
  const heldId = await session.ask(held)
  const cleanId = await session.ask(clean)

  const item = moderate.pending(heldId)
  await expect(item).toHaveAttribute('data-status', 'pending')
  await expect(item.getByTestId('sensitive-hits')).toHaveAttribute('data-hits', '赌博')
  await expect(item.getByTestId('sensitive-hits')).toContainText('赌博')
  await expect(item.getByTestId('sensitive-mark')).toHaveText(['赌博'])
  // The mark is inside the text itself, which still reads as written.
  await expect(item.getByTestId('question-body')).toHaveText(held)
  await expect(item.getByTestId('question-body').locator('mark')).toHaveText(['赌博'])

  const other = moderate.pending(cleanId)
  await expect(other).toBeVisible()
  await expect(other.getByTestId('sensitive-hits')).toHaveCount(0)
  await expect(other.getByTestId('sensitive-mark')).toHaveCount(0)

  // Held: not public; its author sees it pending and is not told which word held it.
  await expect(session.myQuestion(heldId)).toHaveAttribute('data-status', 'pending')
  await expect(session.publicQuestion(heldId)).toHaveCount(0)
  await expect(citizen.page.getByTestId('sensitive-hits')).toHaveCount(0)
  await expect(citizen.page.getByTestId('sensitive-mark')).toHaveCount(0)
})

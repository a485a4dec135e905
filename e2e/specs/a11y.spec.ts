import { test } from '../fixtures.ts'
import { expectAccessible } from '../lib/axe.ts'

// Public pages are for everyone, elderly readers and screen-reader users included: axe (WCAG 2.1
// A/AA) finds nothing on any of them, in the state a citizen first sees (the live pages once their
// snapshot has arrived). The year's pages are here on the demo year, and in year.spec.ts on the
// year an empty office makes (on a phone too).
const PAGES: [string, string][] = [
  ['/', 'session-row'],
  // The demo's open poll is on it (its card comes with the join's snapshot).
  ['/s/demo-live', 'poll-card'],
  ['/s/demo-hotline', 'board-by-domain'],
  ['/s/demo-hotline/board', 'board-by-domain'],
  ['/archive', 'archive-list'],
  ['/archive/demo-archived', 'archive-page'],
  ['/login', 'login-form'],
  ['/calendar', 'calendar-event'],
  ['/plan', 'plan-row'],
  ['/events/demo-video-event', 'event-take-part'],
  ['/surveys', 'public-survey'],
  ['/events/demo-upcoming-event', 'event-surveys'],
  // The demo's press release (seed/demo-policies.ts): the document, its interpretation, a question with its written reply.
  ['/policies/demo-policy', 'policy-page'],
]

for (const [path, ready] of PAGES) {
  test(`a citizen's ${path} has no accessibility violations`, async ({ actors }) => {
    const citizen = await actors.citizen()
    await citizen.page.goto(path)
    await citizen.page.getByTestId(ready).first().waitFor()
    await expectAccessible(citizen.page, path)
  })
}

test('a citizen\'s questionnaire and its published results have no accessibility violations', async ({ actors }) => {
  const citizen = await actors.citizen()
  await citizen.page.goto('/surveys')
  await citizen.page.getByTestId('public-survey').filter({ hasText: '社保经办服务满意度调查' }).getByRole('link').first().click()
  await citizen.page.getByTestId('survey-form').waitFor()
  await expectAccessible(citizen.page, 'the demo questionnaire')
  await citizen.page.getByTestId('survey-results-link').click()
  await citizen.page.getByTestId('result-question').first().waitFor()
  await expectAccessible(citizen.page, 'the demo survey results')
})

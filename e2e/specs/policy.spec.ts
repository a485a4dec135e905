import { expect, test } from '../fixtures.ts'
import { expectAccessible } from '../lib/axe.ts'
import { HostPage } from '../pages/HostPage.ts'
import { ModeratePage } from '../pages/ModeratePage.ts'
import { PolicyPage, PolicyPanel } from '../pages/PolicyPages.ts'
import { RepliesPage } from '../pages/RepliesPage.ts'
import { SessionPage } from '../pages/SessionPage.ts'

// Issue 14, the press release (政策发布): 人社局 (the demo's `editor`) uploads its policy and
// publishes the interpretation; the briefing runs live on the live core, a question approved and
// answered there; after it a citizen asks on the policy's page, the unit approves the question and
// answers it in writing, and the policy page shows the reply. On the demo's press release of today
// (seed/demo-policies.ts), which this spec ends: it runs once per server.

const EVENT = 'demo-briefing-event'
const SESSION = 'demo-briefing'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const TITLE = '关于进一步做好就业创业工作的若干措施'
const NUMBER = '市政发〔2026〕21号'
const SUMMARY = '面向高校毕业生、灵活就业人员和小微企业：社保补贴延长一年，创业担保贷款额度提高到30万元。'

test('a policy release: the document and its interpretation, a briefing answered live, a question after it answered in writing', async ({ actors }) => {
  const editor = await actors.staff('editor')
  const panel = new PolicyPanel(editor.page, EVENT)
  let policyId = ''
  // The policy page is public and cached for a few seconds: each look is a new citizen's device.
  const look = async () => {
    const citizen = await actors.citizen()
    const page = new PolicyPage(citizen.page, policyId)
    await page.goto()
    return { citizen, page }
  }

  await test.step('the unit uploads the PDF and writes and publishes the interpretation, on time', async () => {
    await panel.open()
    policyId = await panel.upload({ title: TITLE, docNumber: NUMBER, file: { name: '若干措施.pdf', mimeType: 'application/pdf', buffer: PDF } })
    const doc = panel.doc(policyId)
    await expect(doc).toHaveAttribute('data-state', 'none')
    await expect(doc.getByTestId('policy-doc-file')).toHaveAttribute('data-mime', 'application/pdf')
    await panel.writeInterpretation(policyId, {
      summary: SUMMARY,
      paragraph: '一、扩大社保补贴范围。二、提高创业担保贷款额度。三、加强就业服务。',
      qa: [['个体工商户能申请创业担保贷款吗？', '可以，按同等条件申请。']],
    })
    await panel.publish(policyId)
    await expect(doc).toHaveAttribute('data-late', 'false')
    await expect(doc.getByTestId('policy-doc-late')).toHaveCount(0)
  })

  await test.step('a citizen finds it on the event page and reads the policy page; asking there waits for the briefing to end', async () => {
    const citizen = await actors.citizen()
    await citizen.page.goto(`/events/${EVENT}`)
    await citizen.page.getByTestId('event-policy-link').filter({ hasText: TITLE }).click()
    const page = new PolicyPage(citizen.page, policyId)
    await expect(page.root).toHaveAttribute('data-policy-id', policyId)
    await expect(citizen.page.getByTestId('policy-title')).toHaveText(TITLE)
    await expect(citizen.page.getByTestId('policy-doc-number')).toHaveText(NUMBER)
    await expect(citizen.page.getByTestId('policy-summary')).toHaveText(SUMMARY)
    await expect(citizen.page.getByTestId('policy-qa')).toContainText('个体工商户能申请创业担保贷款吗？')
    await expect(citizen.page.getByTestId('policy-briefing-link')).toHaveAttribute('data-status', 'scheduled')
    await expect(citizen.page.getByTestId('policy-ask-later')).toBeVisible()
    await expect(citizen.page.getByTestId('policy-ask-form')).toHaveCount(0)
    const href = (await citizen.page.getByTestId('policy-file-link').getAttribute('href'))!
    const file = await citizen.page.request.get(href)
    expect(file.headers()['content-type']).toBe('application/pdf')
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true)
  })

  await test.step('the briefing runs live: a question is approved and answered there, then the host ends it', async () => {
    const [host, mod, citizen] = await Promise.all([actors.staff('host'), actors.staff('moderator'), actors.citizen()])
    await host.page.goto(`/console/host/${SESSION}`)
    await expect(host.page.getByTestId('host-page')).toHaveAttribute('data-session-id', SESSION)
    await host.page.getByTestId('start-session').click()
    await host.page.getByTestId('confirm-ok').click()
    await expect(host.page.getByTestId('host-page')).toHaveAttribute('data-status', 'live')
    const studio = new HostPage(host.page, SESSION)
    await studio.post('今天发布《关于进一步做好就业创业工作的若干措施》。')
    const moderate = new ModeratePage(mod.page, SESSION)
    const room = new SessionPage(citizen.page, SESSION)
    await Promise.all([moderate.open(), room.open()])
    const id = await room.ask('社保补贴什么时候发放？', { nickname: '小王' })
    await moderate.approveWithKeyboard(id)
    await studio.markAnswering(id)
    await studio.answer(id, '审核通过后次月发放到个人社保卡。')
    await expect(room.publicQuestion(id)).toHaveAttribute('data-status', 'answered')
    await expect(room.publicQuestion(id)).toContainText('次月发放到个人社保卡')
    await studio.endSession()
  })

  const asked = '灵活就业人员的社保补贴在哪里申请？'
  await test.step('after the end a citizen asks on the policy page; it waits for the unit', async () => {
    const { page, citizen } = await look()
    await expect(citizen.page.getByTestId('policy-briefing-link')).toHaveAttribute('data-status', 'archived')
    await page.ask(asked, '求职者')
    const again = await look()
    await expect(again.page.questions).toHaveCount(0)
  })

  await test.step('the unit approves it in its panel: a written reply is owed', async () => {
    await panel.open()
    const q = panel.question(policyId, asked)
    await expect(q).toHaveAttribute('data-status', 'pending')
    await q.getByTestId('policy-question-approve').click()
    await expect(q).toHaveAttribute('data-status', 'approved')
    await expect(q.getByTestId('policy-question-to-replies')).toBeVisible()
    const { page } = await look()
    await expect(page.questions.filter({ hasText: asked }).getByTestId('policy-question-awaiting')).toBeVisible()
  })

  const reply = '灵活就业人员可在“就业服务”窗口或市政务服务网申请社保补贴，审核通过后次月发放。'
  await test.step('the unit answers in writing from the replies page, and publishes it', async () => {
    const replies = new RepliesPage(editor.page)
    await replies.open('/unit/replies', 'due')
    const row = replies.rowByText(asked)
    await expect(row).toHaveAttribute('data-state', 'open')
    await replies.openRow(row)
    await replies.publish(reply)
    await expect(replies.detail).toHaveAttribute('data-state', 'published')
  })

  await test.step('the policy page shows the written reply under the question, and has no accessibility violations', async () => {
    const { page, citizen } = await look()
    const q = page.questions.filter({ hasText: asked })
    await expect(q.getByTestId('written-reply-body')).toHaveText(reply)
    await expect(q.getByTestId('written-reply')).toHaveAttribute('data-on-time', 'true')
    await expect(q.getByTestId('policy-question-awaiting')).toHaveCount(0)
    await expectAccessible(citizen.page, 'a policy page with its interpretation and a written reply')
  })
})

// Runs in the "archive" project (its name matches there, and the "live" project ignores it): ending
// the demo hotline day is final, so it happens on that project's own server, where no other spec
// uses the hotline session. The seed logged four calls (server/src/seed/demo.ts): three answered on
// the spot (two 公共服务, one 经济调节) and one 社会管理 complaint handed off to 人社局.
import { HostPage } from '../pages/HostPage.ts'
import { HotlineBoardPage } from '../pages/HotlineBoardPage.ts'
import { HotlineConsolePage } from '../pages/HotlineConsolePage.ts'
import { hotlineStaff } from '../pages/HotlineStaff.ts'
import { WorkOrdersPage } from '../pages/WorkOrdersPage.ts'
import { expect, test } from '../fixtures.ts'

const SESSION = 'demo-hotline'
const SEEDED_HANDED_OFF = '所在建筑工地拖欠三个月工资'

test('a hotline day ends: consoles and board follow live, the archive shows the call figures', async ({ actors }) => {
  test.setTimeout(360_000)
  const [editor, operator, host, viewer] = await Promise.all([
    hotlineStaff(actors, 'editor'), hotlineStaff(actors, 'operator'), hotlineStaff(actors, 'host'), actors.citizen('venue'),
  ])

  await test.step('the seeded hand-off is accepted and replied by the unit, and closed by a satisfied callback', async () => {
    const unitOrders = new WorkOrdersPage(editor.page)
    await unitOrders.open()
    const item = unitOrders.items.filter({ hasText: SEEDED_HANDED_OFF })
    await expect(item).toHaveAttribute('data-status', 'assigned')
    await unitOrders.accept(item)
    await unitOrders.reply(item, '已协调劳动监察部门督促施工单位，工资已全部支付。')
    const hotlineOrders = new WorkOrdersPage(operator.page)
    await hotlineOrders.open()
    const same = hotlineOrders.items.filter({ hasText: SEEDED_HANDED_OFF })
    await hotlineOrders.callback(same, 'basically_satisfied')
    await expect(same).toHaveAttribute('data-status', 'closed')
  })

  const console_ = new HotlineConsolePage(operator.page, SESSION)
  const board = new HotlineBoardPage(viewer.page, SESSION)
  const studio = new HostPage(host.page, SESSION)
  await Promise.all([console_.open(), board.openVenue(), studio.open()])
  await expect(board.total).toHaveAttribute('data-value', '4')

  await test.step('the host ends the day: the operator console closes its form and the board turns archived', async () => {
    await studio.endSession()
    await expect(operator.page.getByTestId('call-form-closed')).toBeVisible()
    await expect(console_.form).toHaveCount(0)
    await expect(viewer.page.getByTestId('board-page')).toHaveAttribute('data-status', 'archived')
  })

  await test.step('the archive page shows the figures of the calls', async () => {
    await viewer.page.goto(`/archive/${SESSION}`)
    const figures = viewer.page.getByTestId('hotline-figures')
    await expect(figures.getByTestId('hf-calls')).toHaveAttribute('data-value', '4')
    await expect(figures.getByTestId('hf-answered')).toHaveAttribute('data-value', '3')
    await expect(figures.getByTestId('hf-handed-off')).toHaveAttribute('data-value', '1')
    await expect(figures.getByTestId('hf-closed')).toHaveAttribute('data-value', '1')
    await expect(figures.getByTestId('hf-closed-on-time')).toHaveAttribute('data-value', '1')
    await expect(figures.getByTestId('hf-satisfaction')).toHaveAttribute('data-value', '1')
    await expect(figures.getByTestId('hf-satisfaction')).toHaveText('100%')
    const count = async (testId: string, name: string) => {
      const res = await viewer.page.request.get('/api/hotline/taxonomy')
      const tax = (await res.json()) as { domains: { id: string; name: string }[]; appealTypes: { id: string; name: string }[] }
      const id = [...tax.domains, ...tax.appealTypes].find((d) => d.name === name)!.id
      return figures.locator(`[data-testid="${testId}"][data-id="${id}"]`)
    }
    await expect(await count('hf-domain', '公共服务')).toHaveAttribute('data-count', '2')
    await expect(await count('hf-domain', '经济调节')).toHaveAttribute('data-count', '1')
    await expect(await count('hf-domain', '城市管理')).toHaveAttribute('data-count', '0')
    await expect(await count('hf-type', '投诉')).toHaveAttribute('data-count', '1')
    await expect(figures.locator('svg')).toHaveCount(2)
    // Nothing personal on the public archive either.
    const text = await viewer.page.locator('body').innerText()
    for (const secret of ['13812345678', '5678', '张伟', '李秀英', SEEDED_HANDED_OFF]) expect(text).not.toContain(secret)
  })
})

// 领导接听 12345 on the demo hotline day (server/src/seed/demo.ts: `demo-hotline`, live, `operator`
// assigned, leader 王建国, four seeded calls). Runs in the "live" project: it only adds calls and
// one work order of its own, which no other spec reads, and every check here is relative to what
// the session held before (so `--repeat-each` runs work on the same server).
import type { Download, Page } from '@playwright/test'
import { parseCsv, readXlsx, recordsOf } from '../lib/sheets.ts'
import { beijingDay } from '../lib/time.ts'
import { HotlineBoardPage } from '../pages/HotlineBoardPage.ts'
import { HotlineConsolePage, type CallInput } from '../pages/HotlineConsolePage.ts'
import { hotlineStaff } from '../pages/HotlineStaff.ts'
import { WorkOrdersPage } from '../pages/WorkOrdersPage.ts'
import { expect, test, uid } from '../fixtures.ts'

const SESSION = 'demo-hotline'
const LEADER = '王建国'
const RSJ = '市人力资源和社会保障局'

interface Named { id: string; name: string; code: string; deadlineDays?: number }
interface Taxonomy { domains: Named[]; appealTypes: Named[] }

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('')
/** Fresh numbers per run: the repeat-caller count must come from this test's calls only. */
const mobile = () => `139${digits(8)}`
const landline = () => `07318${digits(7)}`
const maskedMobile = (m: string) => `${m.slice(0, 3)}****${m.slice(-4)}`
const maskedLandline = (l: string) => `${l.slice(0, 4)}-****${l.slice(-4)}`

async function taxonomyOf(page: Page): Promise<Taxonomy> {
  const res = await page.request.get('/api/hotline/taxonomy')
  expect(res.ok()).toBe(true)
  return (await res.json()) as Taxonomy
}

/** A parsed spreadsheet: header row, then rows as header -> text. */

test('hotline day: five calls logged by keyboard, the live board, a hand-off followed to closure, exports', async ({ actors }) => {
  test.setTimeout(480_000) // three browsers and a dozen steps on a small shared machine
  const tag = uid()
  const [op, viewer, editorActor] = await Promise.all([hotlineStaff(actors, 'operator'), actors.citizen('venue'), hotlineStaff(actors, 'editor')])
  const console_ = new HotlineConsolePage(op.page, SESSION)
  const board = new HotlineBoardPage(viewer.page, SESSION)
  await Promise.all([console_.open(), board.openVenue()])
  const tax = await taxonomyOf(viewer.page)
  const domain = (name: string) => tax.domains.find((d) => d.name === name)!.id
  const type = (name: string) => tax.appealTypes.find((d) => d.name === name)!.id

  const before = {
    total: await board.value(board.total),
    answered: await board.value(board.answered),
    handedOff: await board.value(board.handedOff),
    city: Number(await board.domainRow(domain('城市管理')).getAttribute('data-count')),
    complaint: Number(await board.typeRow(type('投诉')).getAttribute('data-count')),
    listed: await console_.calls.count(),
  }

  const caller = mobile()
  const worker = landline()
  const calls: CallInput[] = [
    { callerName: '陈先生', phone: `${caller.slice(0, 3)} ${caller.slice(3, 7)} ${caller.slice(7)}`, domain: '6', type: '3', location: '雨花区劳动东路',
      content: `【${tag}-1】小区门口人行道地砖破损多处，老人容易绊倒。`, outcome: { reply: '已请区城管局今天派人勘查，一周内修复。' } },
    { callerName: '刘女士', phone: `${worker.slice(0, 4)}-${worker.slice(4)}`, domain: '3', type: '3',
      content: `【${tag}-2】建筑工地拖欠农民工工资两个月，项目部一直推脱。`, outcome: { unit: '人力' } },
    { phone: mobile(), domain: '公共', type: '1', content: `【${tag}-3】失业保险金怎么申领？需要哪些材料？`, outcome: { reply: '可通过“智慧人社”APP在线申领，只需身份证。' } },
    { phone: mobile(), domain: '2', type: '5', location: '岳麓区', content: `【${tag}-4】建议在农贸市场增设公平秤。`, outcome: { reply: '感谢建议，市场监管局将在本月内落实。' } },
    { callerName: '陈先生', phone: caller, domain: '6', type: '2', content: `【${tag}-5】再次反映：地砖还没修，请督促。`, outcome: { reply: '领导当场要求城管局明天上午到现场。' } },
  ]
  const ids: string[] = []

  await test.step('the shortcuts are on screen; the number is checked while it is typed, with a clear message', async () => {
    await expect(console_.shortcuts).toContainText('Alt+N')
    await expect(console_.shortcuts).toContainText('Ctrl+Enter')
    await expect(console_.leader).toHaveValue(LEADER) // the session's guest answers by default
    const kb = op.page.keyboard
    await kb.press('Alt+P')
    await console_.expectFocus(console_.phone)
    await kb.type('1391234')
    await kb.press('Tab') // leaving a number that is too short marks it
    await expect(console_.phoneInvalid).toHaveAttribute('data-problem', 'mobileShort')
    await expect(console_.phoneInvalid).toContainText('还差 4 位')
    await kb.press('Shift+Tab')
    await console_.expectFocus(console_.phone)
    await kb.press('Control+A')
    await kb.type('84567890') // a landline without its area code is wrong at once
    await expect(console_.phoneInvalid).toHaveAttribute('data-problem', 'noAreaCode')
    await kb.press('Control+A')
    await kb.press('Backspace')
    await expect(console_.phone).toHaveValue('')
  })

  await test.step('call 1 (answered) and call 2 (handed off, deadline shown before and after saving)', async () => {
    ids.push(await console_.logCallWithKeyboard(calls[0]!))
    await expect(console_.saved).toHaveAttribute('data-disposition', 'answered')
    await expect(board.tickerItem(ids[0]!)).toBeVisible({ timeout: 5_000 })

    // Call 2 goes step by step up to the unit, to read the deadline preview before saving.
    const kb = op.page.keyboard
    const c = calls[1]!
    await kb.press('Alt+N')
    await kb.type(c.callerName!)
    await kb.press('Tab')
    await kb.type(c.phone)
    await expect(console_.phoneOk).toHaveAttribute('data-kind', 'landline')
    await kb.press('Tab')
    await kb.press(c.domain)
    await expect(console_.domain).toHaveAttribute('data-value', domain('社会管理'))
    await kb.press('Tab')
    await kb.press(c.type)
    await expect(console_.type).toHaveAttribute('data-value', type('投诉'))
    await kb.press('Tab')
    await kb.press('Tab') // no location
    await console_.write(c.content)
    await kb.press('Tab')
    await kb.press('Tab')
    await kb.press('2') // hand off
    await expect(console_.disposition).toHaveAttribute('data-value', 'handed_off')
    await kb.press('Tab')
    await console_.expectFocus(console_.unit)
    await kb.type('人力') // type-ahead; Ctrl+Enter takes the match and saves
    await expect(console_.deadlinePreview).toHaveAttribute('data-days', '13')
    const previewDay = await console_.deadlinePreview.getAttribute('data-due-day')
    expect(previewDay).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await kb.press('Control+Enter')
    await expect(console_.saved).toHaveAttribute('data-disposition', 'handed_off')
    const dueAt = (await console_.saved.getAttribute('data-due-at'))!
    expect(Date.parse(dueAt)).toBeGreaterThan(Date.now())
    // The server's deadline (working days, holiday calendar) is the day the console previewed.
    expect(beijingDay(new Date(dueAt))).toBe(previewDay)
    await expect(console_.saved.getByTestId('call-saved-due')).toContainText(RSJ)
    ids.push((await console_.saved.getAttribute('data-call-id'))!)
    await expect(console_.call(ids[1]!).getByTestId('call-handoff')).toHaveAttribute('data-due-at', dueAt)
    await expect(board.tickerItem(ids[1]!)).toBeVisible({ timeout: 5_000 })
  })

  await test.step('call 3: a reload in the middle of typing loses nothing', async () => {
    const kb = op.page.keyboard
    const c = calls[2]!
    await kb.press('Alt+N')
    await kb.press('Tab')
    await kb.type(c.phone)
    await kb.press('Tab')
    await kb.type(c.domain) // type-ahead: "公共" -> 公共服务, taken by Tab
    await kb.press('Tab')
    await expect(console_.domain).toHaveAttribute('data-value', domain('公共服务'))
    await kb.press(c.type)
    await kb.press('Alt+B')
    await console_.write(c.content)
    const startedAt = await console_.timer.getAttribute('data-started-at')

    await op.page.reload()
    await console_.waitReady()
    await expect(console_.phone).toHaveValue(c.phone)
    await expect(console_.domain).toHaveAttribute('data-value', domain('公共服务'))
    await expect(console_.type).toHaveAttribute('data-value', type('咨询'))
    await expect(console_.content).toHaveValue(c.content)
    await expect(console_.timer).toHaveAttribute('data-started-at', startedAt!)

    await kb.press('Alt+R') // straight to the reply ("answered" is the default)
    await console_.expectFocus(console_.reply)
    await console_.write((c.outcome as { reply: string }).reply)
    await kb.press('Control+Enter')
    await expect(console_.content).toHaveValue('')
    await expect(console_.outbox).toHaveCount(0)
    await expect(console_.saved).not.toHaveAttribute('data-call-id', ids[1]!)
    ids.push((await console_.saved.getAttribute('data-call-id'))!)
  })

  await test.step('call 4 while the network is down: queued, then saved once when it is back', async () => {
    const savedBefore = await console_.saved.getAttribute('data-call-id')
    await op.context.setOffline(true)
    await expect(console_.connection).toHaveAttribute('data-connected', 'false')
    await console_.logCallWithKeyboard(calls[3]!, { offline: true })
    await op.context.setOffline(false)
    await expect(console_.connection).toHaveAttribute('data-connected', 'true')
    await expect(console_.outbox).toHaveCount(0)
    await expect(console_.saved).not.toHaveAttribute('data-call-id', savedBefore!)
    ids.push((await console_.saved.getAttribute('data-call-id'))!)
    await expect(console_.callWithText(calls[3]!.content)).toHaveCount(1)
  })

  await test.step('call 5; the second call of the same number is flagged as a repeat', async () => {
    ids.push(await console_.logCallWithKeyboard(calls[4]!))
    await expect(console_.saved).toHaveAttribute('data-repeat-count', '1')
    await expect(console_.saved.getByTestId('call-repeat')).toBeVisible()
  })

  await test.step('the list has every call, masked, newest first; a reveal shows the number', async () => {
    await expect(console_.calls).toHaveCount(before.listed + 5)
    await expect(console_.calls.first()).toHaveAttribute('data-call-id', ids[4]!)
    const first = console_.call(ids[0]!)
    const repeat = console_.call(ids[4]!)
    await expect(repeat).toHaveAttribute('data-repeat-count', '1')
    await expect(repeat.getByTestId('call-repeat')).toBeVisible()
    await expect(first).toHaveAttribute('data-repeat-count', '0')
    await expect(first.getByTestId('call-phone-masked')).toHaveText(maskedMobile(caller))
    await expect(first.getByTestId('call-caller')).toHaveText('陈**')
    await expect(console_.call(ids[1]!).getByTestId('call-phone-masked')).toHaveText(maskedLandline(worker))
    await expect(first).not.toContainText(caller)

    await first.getByTestId('call-reveal').click()
    await expect(first.getByTestId('call-phone-revealed')).toHaveText(`${caller.slice(0, 3)} ${caller.slice(3, 7)} ${caller.slice(7)} · 陈先生`)
    await expect(first.getByTestId('call-reveal-audited')).toBeVisible()
  })

  await test.step('the venue board in another browser shows the counts and an anonymous ticker', async () => {
    await expect(board.total).toHaveAttribute('data-value', String(before.total + 5))
    await expect(board.answered).toHaveAttribute('data-value', String(before.answered + 4))
    await expect(board.handedOff).toHaveAttribute('data-value', String(before.handedOff + 1))
    await expect(board.domainRow(domain('城市管理'))).toHaveAttribute('data-count', String(before.city + 2))
    await expect(board.typeRow(type('投诉'))).toHaveAttribute('data-count', String(before.complaint + 2))
    const expected = [
      [ids[4], '城市管理 · 求助 · 已现场答复'],
      [ids[3], '市场监管 · 意见建议 · 已现场答复'],
      [ids[2], '公共服务 · 咨询 · 已现场答复'],
      [ids[1], '社会管理 · 投诉 · 已转办'],
      [ids[0], '城市管理 · 投诉 · 已现场答复'],
    ] as const
    for (const [i, [id, text]] of expected.entries()) {
      await expect(board.tickerItems.nth(i)).toHaveAttribute('data-call-id', id!)
      await expect(board.tickerItems.nth(i).getByTestId('ticker-text')).toHaveText(text)
    }
    await expect(board.domainChart.locator('svg')).toBeVisible()
    await expect(board.typeChart.locator('svg')).toBeVisible()
    // Nothing personal on the board: no number, no name, no content.
    const text = await viewer.page.locator('body').innerText()
    for (const secret of [caller.slice(-8), worker.slice(-7), '陈', '刘女士', tag]) expect(text).not.toContain(secret)

    // The public page of the session embeds the same board.
    await board.openPublic()
    await expect(board.total).toHaveAttribute('data-value', String(before.total + 5))
    await expect(board.tickerItem(ids[4]!)).toBeVisible()
  })

  let orderId = ''
  await test.step('the unit (人社局 editor) accepts the handed-off call and replies', async () => {
    const orders = new WorkOrdersPage(editorActor.page)
    await orders.open()
    const item = orders.byCall(ids[1]!)
    await expect(item).toHaveAttribute('data-status', 'assigned')
    await expect(item.getByTestId('wo-content')).toHaveText(calls[1]!.content)
    await expect(item.getByTestId('wo-phone')).toHaveText(maskedLandline(worker))
    await expect(item.getByTestId('wo-unit')).toHaveText(RSJ)
    await expect(item.getByTestId('wo-callback-form')).toHaveCount(0) // callbacks are the hotline's
    orderId = (await item.getAttribute('data-work-order-id'))!
    await orders.accept(item)
    await orders.reply(item, `【${tag}】已约谈施工单位，拖欠工资已于今日全部结清。`)
  })

  await test.step('the operator calls back: satisfied closes the order', async () => {
    const page = await op.context.newPage()
    const orders = new WorkOrdersPage(page)
    await orders.open()
    const item = orders.byCall(ids[1]!)
    await expect(item).toHaveAttribute('data-work-order-id', orderId)
    await expect(item).toHaveAttribute('data-status', 'replied')
    await expect(item.getByTestId('wo-accept')).toHaveCount(0)
    await orders.callback(item, 'satisfied')
    await expect(item).toHaveAttribute('data-status', 'closed')
    await page.close()
  })

  const mine = (rows: Record<string, string>[]) => rows.filter((r) => (r['诉求内容'] ?? '').includes(`【${tag}-`))
    .sort((a, b) => a['诉求内容']!.localeCompare(b['诉求内容']!))
  /** This test's five calls as a file holds them, with the numbers and names given. */
  const check = (rows: Record<string, string>[], phones: string[], names: string[]) => {
    expect(rows.map((r) => r['诉求内容'])).toEqual(calls.map((c) => c.content))
    expect(rows.map((r) => r['电话'])).toEqual(phones)
    expect(rows.map((r) => r['来电人'])).toEqual(names)
    expect(rows.map((r) => r['接听领导'])).toEqual(Array(5).fill(LEADER))
    expect(rows.map((r) => r['领域'])).toEqual(['城市管理', '社会管理', '公共服务', '市场监管', '城市管理'])
    expect(rows.map((r) => r['重复来电'])).toEqual(['0', '0', '0', '0', '1'])
    const handedOff = rows[1]!
    expect(handedOff['承办单位']).toBe(RSJ)
    expect(handedOff['状态']).toBe('已办结')
    expect(handedOff['满意度']).toBe('满意')
  }
  const { readFile } = await import('node:fs/promises')
  const csvOf = async (d: Download) => recordsOf(await parseCsv(await readFile((await d.path())!, 'utf8')))

  await test.step('the exports download and hold the calls with masked numbers', async () => {
    // Only the city office may export full numbers.
    await expect(op.page.getByTestId('export-calls-full-xlsx')).toHaveCount(0)
    const masked = [maskedMobile(caller), maskedLandline(worker), maskedMobile(calls[2]!.phone), maskedMobile(calls[3]!.phone), maskedMobile(caller)]
    const maskedNames = ['陈**', '刘**', '', '', '陈**']
    const noClearNumber = (rows: Record<string, string>[]) => { for (const r of rows) for (const v of Object.values(r)) expect(v).not.toContain(caller) }
    const xlsx = await console_.download('export-calls-xlsx')
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    const fromXlsx = mine(await readXlsx((await xlsx.path())!))
    check(fromXlsx, masked, maskedNames)
    noClearNumber(fromXlsx)

    const csv = await console_.download('export-calls-csv')
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    const fromCsv = mine(await csvOf(csv))
    check(fromCsv, masked, maskedNames)
    noClearNumber(fromCsv)
  })

  await test.step('the city office exports the full numbers: a POST whose file the page saves; a ?full=1 link is refused', async () => {
    const admin = await hotlineStaff(actors, 'admin')
    // What a link on another site would make the admin's browser fetch, cookie included.
    const link = await admin.page.request.get(`/api/hotline/sessions/${SESSION}/calls.csv?full=1`)
    expect(link.status()).toBe(403)
    expect(await link.text()).not.toContain(caller)

    const adminConsole = new HotlineConsolePage(admin.page, SESSION)
    await adminConsole.open()
    const clear = [caller, worker, calls[2]!.phone, calls[3]!.phone, caller]
    const names = ['陈先生', '刘女士', '', '', '陈先生']
    const xlsx = await adminConsole.download('export-calls-full-xlsx')
    expect(xlsx.suggestedFilename()).toMatch(/^12345来电记录-.*\.xlsx$/)
    check(mine(await readXlsx((await xlsx.path())!)), clear, names)
    const csv = await adminConsole.download('export-calls-full-csv')
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    check(mine(await csvOf(csv)), clear, names)
    await expect(admin.page.getByTestId('export-calls-error')).toHaveCount(0)

    const orders = new WorkOrdersPage(admin.page)
    await orders.open()
    const fromOrders = (await csvOf(await orders.download('export-work-orders-full-csv'))).filter((r) => r['工单编号'] === orderId)
    expect(fromOrders.map((r) => [r['电话'], r['来电人'], r['状态']])).toEqual([[worker, '刘女士', '已办结']])
  })
})

test('admin: hotline settings (appeal type deadline, holiday calendar)', async ({ actors }) => {
  const admin = await actors.staff('admin')
  const page = admin.page
  await page.goto('/console')
  await page.getByTestId('admin-hotline-link').click()
  await expect(page.getByTestId('admin-hotline-page')).toBeVisible()
  const tax = await taxonomyOf(page)
  const thanks = tax.appealTypes.find((t) => t.code === 'thanks')!

  await test.step('an appeal type deadline is changed, kept after a reload, and changed back', async () => {
    const row = page.locator(`[data-testid="type-row"][data-id="${thanks.id}"]`)
    await expect(row.getByTestId('tax-days')).toHaveValue(String(thanks.deadlineDays))
    await row.getByTestId('tax-days').fill('4')
    await row.getByTestId('tax-save').click()
    await expect(row.getByTestId('tax-saved')).toBeVisible()
    await page.reload()
    await expect(row.getByTestId('tax-days')).toHaveValue('4')
    await row.getByTestId('tax-days').fill(String(thanks.deadlineDays))
    await row.getByTestId('tax-save').click()
    await expect(row.getByTestId('tax-saved')).toBeVisible()
    expect((await taxonomyOf(page)).appealTypes.find((t) => t.id === thanks.id)!.deadlineDays).toBe(thanks.deadlineDays)
  })

  await test.step('a holiday is added to the calendar and removed', async () => {
    const date = `2031-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`
    const form = page.getByTestId('calendar-form')
    await form.getByTestId('calendar-date').fill(date)
    await form.getByTestId('calendar-kind').selectOption('holiday')
    await form.getByTestId('calendar-name').fill(`测试假日${uid()}`)
    await form.getByTestId('calendar-add').click()
    const day = page.locator(`[data-testid="calendar-day"][data-date="${date}"]`)
    await expect(day).toHaveAttribute('data-kind', 'holiday')
    await page.reload()
    await page.locator(`[data-testid="calendar-year"][data-year="${date.slice(0, 4)}"]`).click() // the list shows one year
    await expect(day).toBeVisible()
    await day.getByTestId('calendar-delete').click()
    await expect(day).toHaveCount(0)
  })
})

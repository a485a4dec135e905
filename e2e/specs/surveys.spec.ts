// A unit runs a survey end to end from the UI: builds it with skip logic, citizens answer on a
// phone, staff type in a paper form from the keyboard, the results and the XLSX export are read
// back, the results page is published. Runs in the "live" project on the demo data.
import ExcelJS from 'exceljs'
import { devices } from '@playwright/test'
import { expectAccessible } from '../lib/axe.ts'
import { expect, test, uid } from '../fixtures.ts'
import { SurveyBuilder, SurveyForm } from '../pages/SurveyPages.ts'

const phone = { viewport: devices['Pixel 7'].viewport, isMobile: true, hasTouch: true }

test('a survey: built with skip logic, answered on a phone, a paper form entered, results and export checked', async ({ actors, browser, baseURL }) => {
  const tag = uid()
  const editor = await actors.staff('editor')
  const builder = new SurveyBuilder(editor.page)
  let id = ''

  await test.step('the unit\'s editor builds it: a question shown only for one answer of an earlier one', async () => {
    id = await builder.create(`【${tag}】托育服务需求调查`)
    await builder.root.getByTestId('survey-title').fill(`【${tag}】托育服务需求调查`)
    await builder.addChoice('家中是否有 3 岁以下婴幼儿？', ['有', '没有'])
    const q3 = await builder.addText('您最需要哪种托育服务？')
    await q3.getByTestId('builder-condition').selectOption('q2')
    await expect(q3.getByTestId('builder-condition-option').first()).toBeChecked()
    await builder.save()
    await expectAccessible(editor.page, 'the survey builder')
    await builder.publish()
    await expect(builder.root).toHaveAttribute('data-version', '1')
  })

  const ctx = await browser.newContext({ ...phone, baseURL, locale: 'zh-CN' })
  await test.step('a citizen on a phone: the follow-up question appears only after "有"', async () => {
    const page = await ctx.newPage()
    const form = new SurveyForm(page, id)
    await form.open()
    await expect(form.question('q3')).toHaveCount(0)
    await form.question('q1').getByLabel('满意', { exact: true }).check()
    await form.question('q2').getByLabel('没有').check()
    await expect(form.question('q3')).toHaveCount(0)
    await form.question('q2').getByLabel('有', { exact: true }).check()
    await expect(form.question('q3')).toBeVisible()
    await form.question('q3').getByRole('textbox').fill('希望社区有普惠托育点，电话13912345678')
    await expectAccessible(page, 'the survey page on a phone')
    await form.submit()
    // Again from the same device: the page says it has answered (the server holds one per device).
    await page.reload()
    await expect(form.root.getByTestId('survey-done')).toBeVisible()
  })

  await test.step('a second citizen answers without the follow-up; a required answer left out is pointed at', async () => {
    const other = await actors.citizen()
    const form = new SurveyForm(other.page, id)
    await form.open()
    await form.question('q2').getByLabel('没有').check()
    await form.root.getByTestId('survey-submit').click()
    await expect(form.question('q1').getByTestId('question-issue')).toBeVisible()
    await form.question('q1').getByLabel('基本满意').check()
    await form.submit()
  })

  await test.step('staff type in a paper questionnaire from the keyboard', async () => {
    await editor.page.goto(`/unit/surveys/${id}/entry`)
    const entry = editor.page.getByTestId('data-entry')
    await entry.getByTestId('entry-ref').fill('P-001')
    await entry.locator('[data-question-id="q1"] input').first().focus()
    await editor.page.keyboard.press('3') // 不满意, then on to the next question
    await expect(entry.locator('[data-question-id="q2"] input').first()).toBeFocused()
    await editor.page.keyboard.press('2') // 没有
    await editor.page.keyboard.press('Enter')
    await expect(entry.getByTestId('entered-count')).toContainText('1')
    await expectAccessible(editor.page, 'the paper entry screen')
    await expect(entry.getByTestId('entry-ref')).toHaveValue('P-002')
  })

  await test.step('the results: three valid responses by channel, the free text masked and waiting for moderation', async () => {
    await editor.page.goto(`/unit/surveys/${id}/results`)
    const results = editor.page.getByTestId('survey-results')
    await expect(results).toHaveAttribute('data-valid', '3')
    await expect(results.getByTestId('results-channels')).toContainText('网上 2 份，纸质 1 份')
    await expect(results.getByTestId('satisfaction-rate')).toContainText('66.7%')
    const text = results.getByTestId('staff-text')
    await expect(text).toContainText('139****5678')
    await expect(text).toHaveAttribute('data-status', 'pending')
    await text.getByTestId('text-approve').click()
    await expect(results.getByTestId('staff-text')).toHaveAttribute('data-status', 'approved')
    await expect(results.getByTestId('chart-q1')).toBeVisible()
    await expectAccessible(editor.page, 'the unit\'s live results')
  })

  await test.step('the XLSX export: every response and a codebook', async () => {
    const [download] = await Promise.all([editor.page.waitForEvent('download'), editor.page.getByTestId('export-xlsx').click()])
    const file = test.info().outputPath('survey.xlsx')
    await download.saveAs(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['答卷', '编码说明'])
    const rows: string[][] = []
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(rows).toHaveLength(4)
    const col = (name: string) => rows[0]!.indexOf(name)
    expect(rows.slice(1).map((r) => r[col('渠道')]).sort()).toEqual(['纸质', '网上', '网上'])
    expect(rows.slice(1).map((r) => r[col('q3')])).toContain('希望社区有普惠托育点，电话139****5678')
    const code = wb.worksheets[1]!.getSheetValues().flat().map(String)
    expect(code).toEqual(expect.arrayContaining(['1=满意；2=基本满意；3=不满意', '1=有；2=没有']))
  })

  await test.step('published, the results page is public, accessible and printable', async () => {
    await editor.page.getByTestId('results-public-toggle').click()
    await expect(editor.page.getByTestId('public-results-link')).toBeVisible()
    const page = await ctx.newPage()
    await page.goto(`/surveys/${id}/results`)
    await expect(page.getByTestId('survey-results')).toHaveAttribute('data-valid', '3')
    await expect(page.getByTestId('result-text')).toHaveText('希望社区有普惠托育点，电话139****5678')
    await expect(page.getByTestId('results-channels')).toHaveCount(0)
    await expect(page.getByTestId('print-results')).toBeVisible()
    await expectAccessible(page, 'the public results page')
  })
  await ctx.close()
})

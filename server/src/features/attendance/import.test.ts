import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../lib/errors.ts'
import { parseInviteeXlsx, TEMPLATE_HEADERS } from './import.ts'

async function book(rows: (string | number | null)[][], headers: readonly string[] = TEMPLATE_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('邀请名单')
  ws.addRow([...headers])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
const refusal = async (p: Promise<unknown>) => { try { await p } catch (e) { return e instanceof AppError ? e.message : String(e) } return 'accepted' }

describe('the invitee import', () => {
  it('reads the template: categories by their Chinese names, phones typed as numbers, empty rows skipped', async () => {
    const rows = await parseInviteeXlsx(await book([['人大代表', '张三', '市人大代表', 13812345678], [], ['普通市民', '李四', null, null], ['expert', '王五', '大学教授', '0746-8533171']]))
    expect(rows).toEqual([
      { category: 'npc_deputy', name: '张三', org: '市人大代表', phone: '13812345678' },
      { category: 'citizen', name: '李四', org: '' },
      { category: 'expert', name: '王五', org: '大学教授', phone: '07468533171' },
    ])
  })
  it('names every bad line and takes nothing', async () => {
    const msg = await refusal(parseInviteeXlsx(await book([['人大代表', '张三', '', ''], ['领导', '赵六', '', ''], ['媒体', '', '', ''], ['专家学者', '孙七', '', '12345']])))
    expect(msg).toContain('第 3 行：类别“领导”')
    expect(msg).toContain('第 4 行：姓名')
    expect(msg).toContain('第 5 行：手机号')
    expect(msg).not.toContain('第 2 行')
  })
  it('refuses another shape of file, an empty list, and what is not a workbook', async () => {
    expect(await refusal(parseInviteeXlsx(await book([['张三']], ['姓名'])))).toContain('第 1 行')
    expect(await refusal(parseInviteeXlsx(await book([])))).toContain('no invitees')
    expect(await refusal(parseInviteeXlsx(Buffer.from('name,phone\n')))).toContain('not an XLSX')
  })
})

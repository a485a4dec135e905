import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { contentDisposition, localDateTime, toCsv, toXlsx } from './sheet.ts'

const sheet = { name: '来电', headers: ['来电人', '电话', '诉求内容'], rows: [['王**', '138****5678', '路灯坏了，"很久"了\n请修'], ['=HYPERLINK("x")', '0746-***3171', null]] }

describe('CSV', () => {
  it('starts with a BOM, quotes what needs quoting and defuses formulas', () => {
    const text = toCsv(sheet).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1)).toBe('来电人,电话,诉求内容\r\n王**,138****5678,"路灯坏了，""很久""了\n请修"\r\n"\'=HYPERLINK(""x"")",0746-***3171,\r\n')
  })
})

describe('XLSX', () => {
  it('reads back with the same text', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await toXlsx(sheet) as never)
    const ws = wb.getWorksheet('来电')!
    expect(ws.getRow(1).values).toEqual([undefined, '来电人', '电话', '诉求内容'])
    expect(ws.getRow(2).getCell(3).value).toBe('路灯坏了，"很久"了\n请修')
    expect(ws.getRow(3).getCell(1).value).toBe('=HYPERLINK("x")')
    expect(ws.getRow(3).getCell(2).value).toBe('0746-***3171')
  })
})

describe('helpers', () => {
  it('names the download in UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('12345来电 (1).csv', 'calls.csv')).toBe(`attachment; filename="calls.csv"; filename*=UTF-8''12345%E6%9D%A5%E7%94%B5%20%281%29.csv`)
  })
  it('formats times in the users zone whatever the process zone', () => {
    expect(localDateTime(new Date('2026-11-27T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-28 00:30')
    expect(localDateTime(null, 'Asia/Shanghai')).toBe('')
  })
})

import { CATEGORY_LABELS, INVITEE_CATEGORIES, InviteeBody, type InviteeCategory } from '@openday/protocol'
import ExcelJS from 'exceljs'
import type { z } from 'zod'
import { AppError } from '../../lib/errors.ts'
import { type Sheet } from '../../lib/sheet.ts'

// Invitee lists come as XLSX from the template below: one row per person. A list is taken whole or
// not at all: the first bad rows are reported with their line numbers and nothing is added.

export const TEMPLATE_HEADERS = ['类别', '姓名', '单位或职务', '手机号'] as const
export const MAX_IMPORT_ROWS = 2000

export const templateSheet = (): Sheet => ({
  name: '邀请名单',
  headers: [...TEMPLATE_HEADERS],
  rows: [['人大代表', '张三', '市人大代表、某公司总经理', '13800000000'], ['普通市民', '李四', '', '']],
})

const byLabel = new Map<string, InviteeCategory>([
  ...INVITEE_CATEGORIES.map((c) => [c, c] as const),
  ...INVITEE_CATEGORIES.map((c) => [CATEGORY_LABELS[c], c] as const),
])

/** A cell as text: numbers (a phone typed into Excel is one) without exponent or decimals. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v)
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  if (typeof v === 'object' && 'text' in v) return String(v.text)
  return String(v)
}

export type ImportRow = z.output<typeof InviteeBody>

/** Parses a template-shaped workbook; throws BAD_REQUEST naming the bad lines (at most ten). */
export async function parseInviteeXlsx(buf: Buffer): Promise<ImportRow[]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(buf as never)
  } catch {
    throw new AppError('BAD_REQUEST', 'file: not an XLSX workbook')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new AppError('BAD_REQUEST', 'file: the workbook has no sheet')
  const header = TEMPLATE_HEADERS.map((_, i) => cellText(ws.getRow(1).getCell(i + 1).value).trim())
  if (header.join('|') !== TEMPLATE_HEADERS.join('|')) throw new AppError('BAD_REQUEST', `第 1 行：表头应为 ${TEMPLATE_HEADERS.join('、')}（请使用导入模板）`)
  const rows: ImportRow[] = []
  const errors: string[] = []
  for (let line = 2; line <= ws.rowCount; line++) {
    const cells = TEMPLATE_HEADERS.map((_, i) => cellText(ws.getRow(line).getCell(i + 1).value).trim())
    if (cells.every((c) => c === '')) continue
    if (rows.length + errors.length >= MAX_IMPORT_ROWS) throw new AppError('BAD_REQUEST', `at most ${MAX_IMPORT_ROWS} rows per import`)
    const category = byLabel.get(cells[0]!)
    if (!category) { errors.push(`第 ${line} 行：类别“${cells[0]}”不是 ${INVITEE_CATEGORIES.map((c) => CATEGORY_LABELS[c]).join('、')} 之一`); continue }
    const parsed = InviteeBody.safeParse({ category, name: cells[1], org: cells[2], ...(cells[3] ? { phone: cells[3] } : {}) })
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '')
      errors.push(`第 ${line} 行：${field === 'name' ? '姓名缺失或过长' : field === 'phone' ? '手机号格式不对' : field === 'org' ? '单位或职务过长' : parsed.error.issues[0]?.message}`)
      continue
    }
    rows.push(parsed.data)
  }
  if (errors.length) throw new AppError('BAD_REQUEST', errors.slice(0, 10).join('；'))
  if (!rows.length) throw new AppError('BAD_REQUEST', 'file: no invitees in it')
  return rows
}

import ExcelJS from 'exceljs'
import type { Response } from 'express'

// Spreadsheet exports (calls, work orders) for the city office: XLSX for people, CSV for other
// systems. A session has at most a few hundred calls, so both are built in memory.

export type Cell = string | number | null
export interface Sheet { name: string; headers: string[]; rows: Cell[][] }
export type SheetFormat = 'xlsx' | 'csv'

/**
 * A full export (names and numbers in clear) as a service makes it: `pay` is called with the number
 * of clear rows before the audit row is written, and refuses (throws) to leave nothing behind.
 */
export interface FullExport { format: SheetFormat; pay(rows: number): Promise<void> }

// A cell starting with one of these is run as a formula by Excel when it opens a CSV (CSV
// injection): such text gets a leading apostrophe, which Excel shows as plain text.
const FORMULA_START = /^[=+\-@\t\r]/

function csvField(v: Cell): string {
  if (v === null) return ''
  let s = String(v)
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 BOM, without which Excel reads Chinese as GBK. */
export function toCsv(sheet: Sheet): Buffer {
  const lines = [sheet.headers, ...sheet.rows].map((r) => r.map(csvField).join(','))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  return toXlsxBook([sheet])
}

/** Several sheets in one workbook (a survey's responses and its codebook). */
export async function toXlsxBook(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'OpenDay'
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(sheet.headers).font = { bold: true }
    // Every value is written as what it is (a string stays a string, so "0746-***3171" keeps its 0
    // and text starting with "=" is never a formula).
    for (const r of sheet.rows) ws.addRow(r.map((v) => v ?? ''))
    ws.columns.forEach((col, i) => {
      const widest = Math.max(...[sheet.headers[i] ?? '', ...sheet.rows.map((r) => String(r[i] ?? ''))].map(displayWidth))
      col.width = Math.min(60, Math.max(8, widest + 2))
    })
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Chinese characters take two columns in a spreadsheet. */
const displayWidth = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)

/** `attachment` with an ASCII fallback name and the real (UTF-8, RFC 5987) one. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const enc = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${enc}`
}

const MIME: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

/** Sends the sheet as a download; personal data may be in it, so nothing caches it. */
export async function sendSheet(res: Response, format: SheetFormat, sheet: Sheet | Sheet[], name: string, asciiName: string): Promise<void> {
  // A CSV holds one table: the first sheet (the others have their own CSV where a feature needs it).
  const sheets = Array.isArray(sheet) ? sheet : [sheet]
  const body = format === 'xlsx' ? await toXlsxBook(sheets) : toCsv(sheets[0]!)
  res.set({
    'Content-Type': MIME[format],
    'Content-Disposition': contentDisposition(`${name}.${format}`, `${asciiName}.${format}`),
    'Cache-Control': 'no-store',
  })
  res.send(body)
}

/** "2026-11-28 10:05" in the users' zone: spreadsheets have no zone, so the text carries the local time. */
export function localDateTime(d: Date | null, timeZone: string): string {
  if (!d) return ''
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

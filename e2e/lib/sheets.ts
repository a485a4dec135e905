import { parseString } from '@fast-csv/parse'
import ExcelJS from 'exceljs'

// The spreadsheets the server exports, read back with real parsers (exceljs, fast-csv).

export function recordsOf(rows: string[][]): Record<string, string>[] {
  const [headers, ...rest] = rows
  return rest.map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i] ?? ''])))
}

export async function readXlsx(path: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.worksheets[0]!
  const rows: string[][] = []
  ws.eachRow((row) => {
    const values = row.values as unknown[]
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))))
  })
  return recordsOf(rows)
}

/** The server writes RFC 4180 with a UTF-8 BOM: quoted fields may hold commas, quotes, newlines. */
export function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = []
    parseString<string[], string[]>(text.replace(/^\uFEFF/, '')).on('error', reject).on('data', (r: string[]) => rows.push(r)).on('end', () => resolve(rows))
  })
}

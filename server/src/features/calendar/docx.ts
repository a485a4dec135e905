import { Table, TableLayoutType, TableRow, WidthType } from 'docx'
import { AlignmentType, body, cell, govDocx, mm, title } from '../../lib/govdoc-docx.ts'
import { PLAN_HEADERS, type PlanDocument } from './document.ts'

// The annual plan as a government notice (lib/govdoc-docx.ts has the GB/T 9704 layout).
export { PAGE } from '../../lib/govdoc-docx.ts'

// Text width 156 mm split over the six columns (month, time, theme, form, lead, joint).
const COLUMNS = [12, 34, 40, 22, 24, 24].map(mm)

function planTable(doc: PlanDocument): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: PLAN_HEADERS.map((h, i) => cell(h, COLUMNS[i]!, true)) })
  const rows = doc.rows.map((r) => new TableRow({
    cantSplit: true,
    children: [r.month, r.when, r.theme, r.form, r.lead, r.joint].map((t, i) => cell(t, COLUMNS[i]!)),
  }))
  return new Table({ layout: TableLayoutType.FIXED, width: { size: COLUMNS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: COLUMNS, rows: [header, ...rows] })
}

export async function planDocx(doc: PlanDocument): Promise<Buffer> {
  return govDocx({ creator: doc.issuer, title: doc.title }, [
    title(doc.issuer, 'C00000'),
    title(doc.title),
    body(doc.addressee, { align: AlignmentType.LEFT }),
    body(doc.intro, { indent: true }),
    ...(doc.revisionLine ? [body(doc.revisionLine, { indent: true })] : []),
    planTable(doc),
    body(''),
    body(doc.issuer, { align: AlignmentType.RIGHT }),
    body(doc.issuedOn, { align: AlignmentType.RIGHT }),
  ])
}

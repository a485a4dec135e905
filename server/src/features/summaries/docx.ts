import { Paragraph, Table, TableLayoutType, TableRow, WidthType } from 'docx'
import { AlignmentType, body, cell, govDocx, heading, TEXT_WIDTH, title } from '../../lib/govdoc-docx.ts'
import type { SummaryDocument } from './document.ts'

/** The summary as DOCX, laid out like the annual plan (GB/T 9704): text, then its tables of figures. */
export function summaryDocx(doc: SummaryDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [title(doc.title), body(doc.unit, { align: AlignmentType.CENTER })]
  for (const b of doc.blocks) {
    if (b.type === 'heading') children.push(heading(b.text))
    else if (b.type === 'paragraph') for (const p of b.text.split('\n')) children.push(body(p, { indent: true }))
    else if (b.type === 'list') b.items.forEach((x, i) => children.push(body(`${i + 1}. ${x}`, { indent: true })))
    else children.push(body(`［图］${b.caption}`, { align: AlignmentType.CENTER }))
  }
  for (const t of doc.tables) {
    const widths = t.headers.length === 2 ? [0.35, 0.65] : [0.16, 0.18, 0.26, 0.4]
    const cols = widths.map((w) => Math.round(w * TEXT_WIDTH))
    children.push(body(''), body(t.caption, { align: AlignmentType.CENTER }))
    children.push(new Table({
      layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: cols,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.headers.map((h, i) => cell(h, cols[i]!, true)) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((x, i) => cell(x, cols[i]!)) })),
      ],
    }))
  }
  children.push(body(''), body(doc.unit, { align: AlignmentType.RIGHT }), body(doc.signedOn, { align: AlignmentType.RIGHT }))
  return govDocx({ creator: doc.unit, title: doc.title }, children)
}

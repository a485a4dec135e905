import { ImageRun, Paragraph, Table, TableLayoutType, TableRow, WidthType } from 'docx'
import { imageSize } from 'image-size'
import { AlignmentType, body, cell, govDocx, heading, TEXT_WIDTH, title } from '../../lib/govdoc-docx.ts'
import type { SummaryDocument } from './document.ts'

const DOCX_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' } as const
/** At most 14 cm wide and 9 cm high (in pixels at 96 dpi, as docx wants), its proportions kept; null for a type Word does not take (webp). */
function imageRun(img: { data: Buffer; mime: string }): ImageRun | null {
  const type = DOCX_TYPES[img.mime as keyof typeof DOCX_TYPES]
  if (!type) return null
  let size: { width?: number; height?: number }
  try { size = imageSize(img.data) } catch { return null } // a damaged file: its caption stands for it
  const { width = 0, height = 0 } = size
  if (!width || !height) return null
  const scale = Math.min(1, 529 / width, 340 / height)
  return new ImageRun({ type, data: img.data, transformation: { width: Math.round(width * scale), height: Math.round(height * scale) } })
}

/** The summary as DOCX, laid out like the annual plan (GB/T 9704): text, then its tables of figures. */
export function summaryDocx(doc: SummaryDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [title(doc.title), body(doc.unit, { align: AlignmentType.CENTER })]
  for (const b of doc.blocks) {
    if (b.type === 'heading') children.push(heading(b.text))
    else if (b.type === 'paragraph') for (const p of b.text.split('\n')) children.push(body(p, { indent: true }))
    else if (b.type === 'list') b.items.forEach((x, i) => children.push(body(`${i + 1}. ${x}`, { indent: true })))
    else {
      const img = doc.images.get(b.uploadId)
      const run = img && imageRun(img)
      if (run) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run] }))
      children.push(body(b.caption || '［图］', { align: AlignmentType.CENTER }))
    }
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

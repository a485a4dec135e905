import { drawTable, MARGINS, openGovPdf, pt, SIZES, type PdfFont } from '../../lib/govdoc-pdf.ts'
import { PLAN_HEADERS, type PlanDocument } from './document.ts'

// The annual plan as PDF (lib/govdoc-pdf.ts has the layout and the embedded CJK font).
export type { PdfFont } from '../../lib/govdoc-pdf.ts'
const COLUMNS = [12, 34, 40, 22, 24, 24].map(pt)

export function planPdf(doc: PlanDocument, font: PdfFont, createdAt: Date): Promise<Buffer> {
  const { pdf, done, width } = openGovPdf(font, { title: doc.title, author: doc.issuer, createdAt })
  pdf.fillColor('#c00000').fontSize(SIZES.title).text(doc.issuer, { align: 'center' })
  pdf.moveDown(0.5).fillColor('black').text(doc.title, { align: 'center' })
  pdf.moveDown(0.5).fontSize(SIZES.body).text(doc.addressee)
  pdf.text(doc.intro, { indent: SIZES.body * 2, align: 'justify' })
  if (doc.revisionLine) pdf.text(doc.revisionLine, { indent: SIZES.body * 2 })
  pdf.moveDown(0.5)
  drawTable(pdf, PLAN_HEADERS, doc.rows.map((r) => [r.month, r.when, r.theme, r.form, r.lead, r.joint]), COLUMNS)
  pdf.fontSize(SIZES.body).moveDown(1)
  pdf.text(doc.issuer, MARGINS.left, pdf.y, { width, align: 'right' })
  pdf.text(doc.issuedOn, { width, align: 'right' })
  pdf.end()
  return done
}

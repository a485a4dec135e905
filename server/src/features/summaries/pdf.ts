import { drawTable, MARGINS, openGovPdf, SIZES, type PdfFont } from '../../lib/govdoc-pdf.ts'
import type { SummaryDocument } from './document.ts'

/** The summary as PDF with the Chinese font embedded: text, then its tables of figures. */
export function summaryPdf(doc: SummaryDocument, font: PdfFont, createdAt: Date): Promise<Buffer> {
  const { pdf, done, width } = openGovPdf(font, { title: doc.title, author: doc.unit, createdAt })
  pdf.fontSize(SIZES.title).text(doc.title, { align: 'center' })
  pdf.moveDown(0.3).fontSize(SIZES.body).text(doc.unit, { align: 'center' }).moveDown(0.5)
  const para = (text: string) => pdf.text(text, MARGINS.left, pdf.y, { width, indent: SIZES.body * 2, align: 'justify' })
  for (const b of doc.blocks) {
    if (b.type === 'heading') para(b.text)
    else if (b.type === 'paragraph') b.text.split('\n').forEach(para)
    else if (b.type === 'list') b.items.forEach((x, i) => para(`${i + 1}. ${x}`))
    else {
      const img = doc.images.get(b.uploadId)
      // pdfkit reads PNG and JPEG; other pictures print their caption only.
      if (img && (img.mime === 'image/png' || img.mime === 'image/jpeg')) {
        const h = 240
        if (pdf.y + h > pdf.page.height - MARGINS.bottom) pdf.addPage()
        try {
          pdf.image(img.data, MARGINS.left, pdf.y, { fit: [width, h], align: 'center' })
          pdf.y += h + 4
        } catch {
          // A damaged file: the caption stands for it rather than the whole document failing.
        }
      }
      pdf.text(b.caption || '［图］', MARGINS.left, pdf.y, { width, align: 'center' })
    }
  }
  for (const t of doc.tables) {
    const widths = t.headers.length === 2 ? [0.35, 0.65] : [0.16, 0.18, 0.26, 0.4]
    pdf.fontSize(SIZES.body).moveDown(0.5).text(t.caption, MARGINS.left, pdf.y, { width, align: 'center' })
    drawTable(pdf, t.headers, t.rows, widths.map((w) => w * width))
  }
  pdf.fontSize(SIZES.body).moveDown(1)
  pdf.text(doc.unit, MARGINS.left, pdf.y, { width, align: 'right' })
  pdf.text(doc.signedOn, { width, align: 'right' })
  pdf.end()
  return done
}

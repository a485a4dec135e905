import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { AppError } from '../../lib/errors.ts'
import { PLAN_HEADERS, type PlanDocument } from './document.ts'

/*
 * The plan as PDF, the same layout as the DOCX (A4, GB/T 9704 margins), with a CJK font embedded
 * (pdfkit subsets it into a CID font): a PDF that names a font it does not carry shows boxes on a
 * reader without that font, which is every phone. The table is laid out by hand so long themes
 * wrap inside their cell and a row that does not fit starts a new page under a repeated header.
 */
const pt = (mm: number) => (mm * 72) / 25.4
const MARGINS = { top: pt(37), bottom: pt(35), left: pt(28), right: pt(26) }
const COLUMNS = [12, 34, 40, 22, 24, 24].map(pt)
const PAD = 4
const BODY = 16
const TABLE = 12
const TITLE = 22

export interface PdfFont {
  /** A .ttf/.otf, or a .ttc collection with `name` = the postscript name of the face to use. */
  path: string
  name: string
}

export function planPdf(doc: PlanDocument, font: PdfFont, createdAt: Date): Promise<Buffer> {
  if (!font.path || !existsSync(font.path)) {
    throw new AppError('UNAVAILABLE', `the PDF font ${font.path || '(none)'} is not installed: install fonts-noto-cjk or set PLAN_PDF_FONT to a CJK .ttf/.otf/.ttc`)
  }
  const pdf = new PDFDocument({ size: 'A4', margins: MARGINS, info: { Title: doc.title, Author: doc.issuer, CreationDate: createdAt }, bufferPages: false })
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })
  try {
    pdf.registerFont('cjk', font.path, font.path.toLowerCase().endsWith('.ttc') ? font.name : undefined)
  } catch (err) {
    throw new AppError('UNAVAILABLE', `the PDF font ${font.path} could not be read (${(err as Error).message}); for a .ttc set PLAN_PDF_FONT_NAME to a face it holds`)
  }
  pdf.font('cjk')
  const width = pdf.page.width - MARGINS.left - MARGINS.right
  pdf.fillColor('#c00000').fontSize(TITLE).text(doc.issuer, { align: 'center' })
  pdf.moveDown(0.5).fillColor('black').text(doc.title, { align: 'center' })
  pdf.moveDown(0.5).fontSize(BODY).text(doc.addressee)
  pdf.text(doc.intro, { indent: BODY * 2, align: 'justify' })
  if (doc.revisionLine) pdf.text(doc.revisionLine, { indent: BODY * 2 })
  pdf.moveDown(0.5)
  drawTable(pdf, doc)
  pdf.fontSize(BODY).moveDown(1)
  pdf.text(doc.issuer, MARGINS.left, pdf.y, { width, align: 'right' })
  pdf.text(doc.issuedOn, { width, align: 'right' })
  pdf.end()
  return done
}

function drawTable(pdf: PDFKit.PDFDocument, doc: PlanDocument): void {
  const bottom = () => pdf.page.height - MARGINS.bottom
  pdf.fontSize(TABLE)
  const heightOf = (cells: readonly string[]) => Math.max(...cells.map((t, i) => pdf.heightOfString(t, { width: COLUMNS[i]! - 2 * PAD }))) + 2 * PAD
  const drawRow = (cells: readonly string[], h: number) => {
    let x = MARGINS.left
    const y = pdf.y
    cells.forEach((t, i) => {
      const w = COLUMNS[i]!
      pdf.rect(x, y, w, h).stroke()
      pdf.text(t, x + PAD, y + PAD, { width: w - 2 * PAD, align: 'center' })
      x += w
    })
    pdf.x = MARGINS.left
    pdf.y = y + h
  }
  const header = () => drawRow(PLAN_HEADERS, heightOf(PLAN_HEADERS))
  header()
  for (const r of doc.rows) {
    const cells = [r.month, r.when, r.theme, r.form, r.lead, r.joint]
    const h = heightOf(cells)
    if (pdf.y + h > bottom()) {
      pdf.addPage()
      header()
    }
    drawRow(cells, h)
  }
}

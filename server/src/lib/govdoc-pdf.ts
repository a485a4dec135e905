import { existsSync } from 'node:fs'
import PDFDocument from 'pdfkit'
import { AppError } from './errors.ts'

/*
 * Official documents as PDF, the same layout as the DOCX (A4, GB/T 9704 margins), with a CJK font
 * embedded (pdfkit subsets it into a CID font): a PDF that names a font it does not carry shows
 * boxes on a reader without that font, which is every phone. Tables are laid out by hand so long
 * text wraps inside its cell and a row that does not fit starts a new page under a repeated header.
 */
export const pt = (mm: number) => (mm * 72) / 25.4
export const MARGINS = { top: pt(37), bottom: pt(35), left: pt(28), right: pt(26) }
const PAD = 4
export const SIZES = { body: 16, table: 12, title: 22 }

export interface PdfFont {
  /** A .ttf/.otf, or a .ttc collection with `name` = the postscript name of the face to use. */
  path: string
  name: string
}

/** An A4 document in the CJK font; `done` resolves with the bytes after `pdf.end()`. */
export function openGovPdf(font: PdfFont, info: { title: string; author: string; createdAt: Date }): { pdf: PDFKit.PDFDocument; done: Promise<Buffer>; width: number } {
  if (!font.path || !existsSync(font.path)) {
    throw new AppError('UNAVAILABLE', `the PDF font ${font.path || '(none)'} is not installed: install fonts-noto-cjk or set PLAN_PDF_FONT to a CJK .ttf/.otf/.ttc`)
  }
  const pdf = new PDFDocument({ size: 'A4', margins: MARGINS, info: { Title: info.title, Author: info.author, CreationDate: info.createdAt }, bufferPages: false })
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
  return { pdf, done, width: pdf.page.width - MARGINS.left - MARGINS.right }
}

/** A bordered table with a header row repeated on each page it runs onto. */
export function drawTable(pdf: PDFKit.PDFDocument, headers: readonly string[], rows: readonly (readonly string[])[], columns: readonly number[]): void {
  const bottom = () => pdf.page.height - MARGINS.bottom
  pdf.fontSize(SIZES.table)
  const heightOf = (cells: readonly string[]) => Math.max(...cells.map((t, i) => pdf.heightOfString(t, { width: columns[i]! - 2 * PAD }))) + 2 * PAD
  const drawRow = (cells: readonly string[], h: number) => {
    let x = MARGINS.left
    const y = pdf.y
    cells.forEach((t, i) => {
      const w = columns[i]!
      pdf.rect(x, y, w, h).stroke()
      pdf.text(t, x + PAD, y + PAD, { width: w - 2 * PAD, align: 'center' })
      x += w
    })
    pdf.x = MARGINS.left
    pdf.y = y + h
  }
  const header = () => drawRow(headers, heightOf(headers))
  header()
  for (const cells of rows) {
    const h = heightOf(cells)
    if (pdf.y + h > bottom()) {
      pdf.addPage()
      header()
    }
    drawRow(cells, h)
  }
}

import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from 'docx'
import { PLAN_HEADERS, type PlanDocument } from './document.ts'

/*
 * The plan laid out as a government notice (GB/T 9704-2012): A4, margins top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm; body in 仿宋 三号 (16 pt), the issuing office and the title in 小标宋
 * 二号 (22 pt). Word picks a font by name from rFonts; 仿宋_GB2312 is the name the standard's
 * templates use, so it is the East Asian font, and "FangSong" (Windows' own 仿宋) names the Latin
 * ranges, which is what a machine without 仿宋_GB2312 substitutes with.
 */
const mm = (v: number) => Math.round((v * 1440) / 25.4)
export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) }

const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong' }
const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', cs: '方正小标宋简体' }
const BODY_SIZE = 32 // half-points: 16 pt, 三号
const TITLE_SIZE = 44 // 22 pt, 二号
const TABLE_SIZE = 28 // 14 pt, 四号: six columns of 三号 would not fit 156 mm of text width
/** 28 pt fixed line pitch: GB/T 9704's 22 lines a page at 三号. */
const LINE = { line: 560, lineRule: 'exact' as const }

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) => new Paragraph({
  alignment: opts.align ?? AlignmentType.JUSTIFIED,
  spacing: LINE,
  indent: opts.indent ? { firstLine: BODY_SIZE * 20 } : undefined, // two characters
  children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
})

const title = (text: string, color?: string) => new Paragraph({
  alignment: AlignmentType.CENTER,
  spacing: { line: 700, lineRule: 'exact', after: 240 },
  children: [new TextRun({ text, font: TITLE_FONT, size: TITLE_SIZE, color })],
})

// Text width 156 mm split over the six columns (month, time, theme, form, lead, joint).
const COLUMNS = [12, 34, 40, 22, 24, 24].map(mm)
const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const borders = { top: line, bottom: line, left: line, right: line }

const cell = (text: string, width: number, bold = false) => new TableCell({
  width: { size: width, type: WidthType.DXA },
  borders,
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: BODY_FONT, size: TABLE_SIZE, bold })] })],
})

function planTable(doc: PlanDocument): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: PLAN_HEADERS.map((h, i) => cell(h, COLUMNS[i]!, true)) })
  const rows = doc.rows.map((r) => new TableRow({
    cantSplit: true,
    children: [r.month, r.when, r.theme, r.form, r.lead, r.joint].map((t, i) => cell(t, COLUMNS[i]!)),
  }))
  return new Table({ layout: TableLayoutType.FIXED, width: { size: COLUMNS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: COLUMNS, rows: [header, ...rows] })
}

export async function planDocx(doc: PlanDocument): Promise<Buffer> {
  const children = [
    title(doc.issuer, 'C00000'),
    title(doc.title),
    body(doc.addressee, { align: AlignmentType.LEFT }),
    body(doc.intro, { indent: true }),
    ...(doc.revisionLine ? [body(doc.revisionLine, { indent: true })] : []),
    planTable(doc),
    body(''),
    body(doc.issuer, { align: AlignmentType.RIGHT }),
    body(doc.issuedOn, { align: AlignmentType.RIGHT }),
  ]
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
      children,
    }],
  })
  return Packer.toBuffer(document)
}

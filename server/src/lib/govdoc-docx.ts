import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TableCell, TextRun, WidthType, type Table } from 'docx'

/*
 * Official documents laid out as a government notice (GB/T 9704-2012): A4, margins top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm; body in 仿宋 三号 (16 pt), the issuing office and the
 * title in 小标宋 二号 (22 pt). Word picks a font by name from rFonts; 仿宋_GB2312 is the name the
 * standard's templates use, so it is the East Asian font, and "FangSong" (Windows' own 仿宋) names
 * the Latin ranges, which is what a machine without 仿宋_GB2312 substitutes with.
 */
export const mm = (v: number) => Math.round((v * 1440) / 25.4)
export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) }

export const BODY_FONT = { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong' }
const TITLE_FONT = { eastAsia: '方正小标宋简体', ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', cs: '方正小标宋简体' }
const HEADING_FONT = { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei' }
export const BODY_SIZE = 32 // half-points: 16 pt, 三号
const TITLE_SIZE = 44 // 22 pt, 二号
export const TABLE_SIZE = 28 // 14 pt, 四号: a table of 三号 would not fit 156 mm of text width
/** 28 pt fixed line pitch: GB/T 9704's 22 lines a page at 三号. */
const LINE = { line: 560, lineRule: 'exact' as const }
/** The text width: 210 − 28 − 26 mm. */
export const TEXT_WIDTH = mm(156)

type Align = (typeof AlignmentType)[keyof typeof AlignmentType]

export const body = (text: string, opts: { indent?: boolean; align?: Align } = {}) => new Paragraph({
  alignment: opts.align ?? AlignmentType.JUSTIFIED,
  spacing: LINE,
  indent: opts.indent ? { firstLine: BODY_SIZE * 20 } : undefined, // two characters
  children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })],
})

/** A first-level heading of the body ("一、…"): 黑体 三号, as the standard's templates set it. */
export const heading = (text: string) => new Paragraph({ spacing: LINE, indent: { firstLine: BODY_SIZE * 20 }, children: [new TextRun({ text, font: HEADING_FONT, size: BODY_SIZE })] })

export const title = (text: string, color?: string) => new Paragraph({
  alignment: AlignmentType.CENTER,
  spacing: { line: 700, lineRule: 'exact', after: 240 },
  children: [new TextRun({ text, font: TITLE_FONT, size: TITLE_SIZE, color })],
})

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const borders = { top: line, bottom: line, left: line, right: line }

export const cell = (text: string, width: number, bold = false) => new TableCell({
  width: { size: width, type: WidthType.DXA },
  borders,
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: BODY_FONT, size: TABLE_SIZE, bold })] })],
})

export { AlignmentType }

/** The document on A4 with the standard's margins, its default run in 仿宋 三号. */
export function govDocx(meta: { creator: string; title: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    creator: meta.creator,
    title: meta.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
      children,
    }],
  })
  return Packer.toBuffer(document)
}

import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Fixture, publishLongPlan, publishPlan, seedYear, YEAR } from './calendar-helpers.ts'
import { type Harness, startServer } from './harness.ts'

// Issue 11, public outputs: the annual plan as DOCX (read back with mammoth and the raw XML) and
// PDF (read back with poppler's pdftotext and pdffonts: the Chinese must be embedded, not boxes).

let h: Harness
let f: Fixture
const dir = mkdtempSync(join(tmpdir(), 'openday-plan-'))
beforeAll(async () => {
  h = await startServer()
  f = await seedYear(h.app.db, { publish: false })
})
afterAll(async () => { await h?.close() })

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${h.url}${path}`, { headers })
const file = async (path: string, type: string) => {
  const res = await get(path)
  expect([path, res.status]).toEqual([path, 200])
  expect(res.headers.get('content-type')).toBe(type)
  return { res, buf: Buffer.from(await res.arrayBuffer()) }
}
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const squash = (s: string) => s.replace(/\s+/g, '')
const pdfText = (buf: Buffer) => {
  const p = join(dir, `p${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(p, buf)
  // -raw: the content stream's order, so a wrapped theme's lines stay together.
  return { path: p, text: execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', p, '-']).toString('utf8') }
}

describe('before the first publication', () => {
  it('the documents answer 404 (the plan does not exist yet), and so does a year never opened', async () => {
    for (const path of [`/api/plan/${YEAR}.docx`, `/api/plan/${YEAR}.pdf`, '/api/plan/2040.docx', '/api/plan/2040.pdf']) {
      const res = await get(path)
      expect([path, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([path, 404, 'NOT_FOUND'])
    }
    for (const path of ['/api/plan/20x1.docx', '/api/plan/abcd.pdf']) expect((await get(path)).status).toBe(400)
  })
})

describe('the published plan', () => {
  beforeAll(async () => { await publishPlan(h.app.db, YEAR, f) })

  it('DOCX: the current revision\'s themes, units, forms and Beijing times; the cancelled one marked; no draft', async () => {
    const { res, buf } = await file(`/api/plan/${YEAR}.docx`, DOCX)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    const text = (await mammoth.extractRawText({ buffer: buf })).value
    expect(text).toContain('永州市政务公开政务服务领导小组办公室')
    expect(text).toContain(`${YEAR}年永州市“政务公开主题日”活动计划`)
    for (const t of [f.themes.may, f.themes.june, f.themes.july]) expect(text).toContain(t)
    expect(text).toContain(`${f.themes.cancelled}（已取消）`)
    // Revision 2 is what the public sees: revision 1's old May theme is gone, the note is there.
    expect(text).not.toContain(f.themes.rev1Only)
    expect(text).toContain('八月活动取消，五月主题调整')
    expect(text).not.toContain(f.themes.draft)
    expect(text).not.toContain(f.themes.published) // not in the plan's snapshot
    for (const w of ['月份', '活动主题', '活动形式', '承办单位', '联合承办单位', '政策发布', '座谈交流', '市发展改革委', '市财政局', '市人力资源和社会保障局']) expect(text).toContain(w)
    // 09:00 Beijing, whatever TZ this process has; June's is the afternoon.
    expect(text).toContain('5月20日（星期二）上午 09:00—12:00')
    expect(text).toContain('6月17日（星期二）下午 14:00—17:00')
    expect(text).toContain(`${YEAR}年5月2日`) // issued on: revision 2's date
  })

  it('DOCX: A4 with the GB/T 9704 margins, 仿宋 body at 三号, 小标宋 title at 二号', async () => {
    const { buf } = await file(`/api/plan/${YEAR}.docx`, DOCX)
    const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string')
    const pgMar = /<w:pgMar\b[^>]*>/.exec(xml)?.[0] ?? ''
    const attr = (name: string) => new RegExp(`w:${name}="(\\d+)"`).exec(pgMar)?.[1]
    expect({ top: attr('top'), bottom: attr('bottom'), left: attr('left'), right: attr('right') }).toEqual({ top: '2098', bottom: '1984', left: '1587', right: '1474' })
    const pgSz = /<w:pgSz\b[^>]*>/.exec(xml)?.[0] ?? ''
    expect(pgSz).toMatch(/w:w="11906"/)
    expect(pgSz).toMatch(/w:h="16838"/)
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/)
    expect(xml).toMatch(/<w:rFonts [^>]*w:ascii="FangSong"/)
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/>(?:<[^>]+>)*?<w:sz w:val="44"\/>/)
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^>]*\/>(?:<[^>]+>)*?<w:sz w:val="32"\/>/)
    // The table: a header row repeated on each page, one row per entry (4) + header.
    expect(xml).toContain('<w:tblHeader/>')
    expect(xml.match(/<w:tr>|<w:tr /g)).toHaveLength(5)
  })

  it('PDF: the Chinese text is embedded (a CID font, emb yes) and reads back with the themes', async () => {
    const { buf } = await file(`/api/plan/${YEAR}.pdf`, 'application/pdf')
    const { path, text } = pdfText(buf)
    const fonts = execFileSync('pdffonts', [path]).toString('utf8').split('\n').slice(2).filter(Boolean)
    expect(fonts.length).toBeGreaterThan(0)
    // Every font the file uses is embedded, and it is a CID (Type 0) font: no box glyphs anywhere.
    for (const line of fonts) {
      expect(line).toMatch(/CID/)
      expect(line.split(/\s+/).slice(-5, -4)[0]).toBe('yes')
    }
    const flat = squash(text)
    expect(flat).toContain('永州市政务公开政务服务领导小组办公室')
    for (const t of [f.themes.may, f.themes.june, f.themes.july, `${f.themes.cancelled}（已取消）`]) expect(flat).toContain(squash(t))
    expect(flat).not.toContain(f.themes.rev1Only)
    expect(flat).not.toContain(f.themes.draft)
    expect(flat).toContain(squash('5月20日（星期二）上午 09:00—12:00'))
    // A4 portrait.
    expect(execFileSync('pdfinfo', [path]).toString()).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/)
  })

  it('PDF: a long plan wraps its themes and breaks across pages with every theme kept', async () => {
    const themes = await publishLongPlan(h.app.db, 2032)
    const { buf } = await file('/api/plan/2032.pdf', 'application/pdf')
    const { path, text } = pdfText(buf)
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1])).toBeGreaterThanOrEqual(2)
    const flat = squash(text)
    for (const t of themes) expect(flat).toContain(squash(t))
    // The header is repeated on the next page.
    expect(flat.split('联合承办单位').length - 1).toBeGreaterThanOrEqual(2)
  })

  it('documents carry validators: a re-poll of an unchanged revision is a 304', async () => {
    for (const path of [`/api/plan/${YEAR}.docx`, `/api/plan/${YEAR}.pdf`]) {
      const res = await get(path)
      const etag = res.headers.get('etag')!
      expect(res.headers.get('last-modified')).toBe(new Date(`${YEAR}-05-02T02:00:00Z`).toUTCString())
      // fetch() adds "Cache-Control: no-cache" to a request with validators unless one is given.
      expect((await get(path, { 'if-none-match': etag, 'cache-control': 'max-age=0' })).status).toBe(304)
    }
  })
})

describe('the PDF font', () => {
  it('a missing PLAN_PDF_FONT fails with a clear message, not a PDF of boxes', async () => {
    const other = await startServer({ PLAN_PDF_FONT: join(dir, 'no-such-font.ttc') })
    try {
      const admin = await other.app.db.user.findFirstOrThrow({ where: { role: 'admin' } })
      await other.app.db.planYear.create({ data: { year: YEAR, months: '5', deadline: new Date(), revision: 1 } })
      await other.app.db.planRevision.create({ data: { year: YEAR, number: 1, snapshot: '[]', publishedById: admin.id } })
      const res = await fetch(`${other.url}/api/plan/${YEAR}.pdf`)
      const body = (await res.json()) as { error: { code: string; message: string } }
      expect([res.status, body.error.code]).toEqual([503, 'UNAVAILABLE'])
      expect(body.error.message).toContain('no-such-font.ttc')
      expect(body.error.message).toContain('PLAN_PDF_FONT')
      // The DOCX needs no font file.
      expect((await fetch(`${other.url}/api/plan/${YEAR}.docx`)).status).toBe(200)
    } finally {
      await other.close()
    }
  })
})

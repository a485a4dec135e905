import { POLICY_MAX_BYTES, POLICY_MIME, type PolicyMime } from '@openday/protocol'
import { unzipSync } from 'fflate'
import { fileTypeFromBuffer } from 'file-type'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../lib/errors.ts'
import { uploadFilePath } from '../uploads/service.ts'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const refused = () => new AppError('BAD_REQUEST', 'file: only a PDF, a Word document (DOCX) or a JPEG, PNG, WebP or GIF picture')

/** The names inside a ZIP, read from its directory only (nothing is inflated: no zip bomb). */
function zipNames(bytes: Buffer): string[] | null {
  const names: string[] = []
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false } })
  } catch {
    return null
  }
  return names
}

/**
 * What a policy file really is, from its bytes: the name and the browser's claim are not believed,
 * so an HTML page or a script cannot be served from our origin as a "document". A DOCX is a ZIP:
 * it must hold the parts a Word document has (and no macros, which a .docx may not carry).
 */
export async function sniffPolicyFile(bytes: Buffer): Promise<{ mime: PolicyMime; ext: string }> {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'file: empty')
  if (bytes.length > POLICY_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `file: at most ${POLICY_MAX_BYTES / 1024 / 1024} MB`)
  const type = await fileTypeFromBuffer(bytes)
  if (!type) throw refused()
  if (type.mime === 'application/pdf') return { mime: type.mime, ext: 'pdf' }
  if (type.mime === DOCX || type.mime === 'application/zip') {
    const names = zipNames(bytes)
    if (!names || !names.includes('[Content_Types].xml') || !names.includes('word/document.xml')) throw refused()
    if (names.some((n) => /vbaProject\.bin$/i.test(n))) throw new AppError('BAD_REQUEST', 'file: a Word document with macros is not accepted')
    return { mime: DOCX, ext: 'docx' }
  }
  if ((POLICY_MIME as readonly string[]).includes(type.mime)) return { mime: type.mime as PolicyMime, ext: type.ext }
  throw refused()
}

/** Writes the bytes where uploads live, named by their hash (the same file twice is one file). */
export async function writePolicyFile(dataDir: string, bytes: Buffer, ext: string): Promise<{ sha256: string; path: string }> {
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const path = `${sha256}.${ext}`
  const full = uploadFilePath(dataDir, path)
  await mkdir(dirname(full), { recursive: true })
  await writeFile(full, bytes)
  return { sha256, path }
}

/** A name fit to show and to offer as the download's name: no folders, no control characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  // multer gives the multipart filename as latin1; browsers send UTF-8.
  const utf8 = Buffer.from(name ?? '', 'latin1').toString('utf8')
  const base = utf8.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').replace(/[\uD800-\uDFFF]/g, '').trim().slice(0, 120)
  const stem = base.replace(/\.[^.]*$/, '') || 'document'
  return `${stem}.${ext}`
}

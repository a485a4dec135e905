import type { PolicyFileDto } from '@openday/protocol'

/** Which word names the file's kind (the server decided the type from its bytes). */
export const fileKind = (f: PolicyFileDto): 'pdf' | 'docx' | 'image' =>
  f.mime === 'application/pdf' ? 'pdf' : f.mime.startsWith('image/') ? 'image' : 'docx'

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

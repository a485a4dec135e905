import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMAT, FORMAT_VERSION, type Manifest, readManifest, verifyFiles } from './manifest.ts'

// A backup folder is hostile input: these are the manifests a restore must refuse before it writes.

const sha = (b: string) => createHash('sha256').update(b).digest('hex')

function folder(edit: (m: Record<string, unknown>) => unknown = (m) => m, files: Record<string, string> = { 'db/openday.sqlite': 'db', 'data/secret.key': 'k' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'openday-manifest-'))
  for (const [p, body] of Object.entries(files)) { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), body) }
  const m: Manifest = {
    format: FORMAT, version: FORMAT_VERSION, createdAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
    db: { kind: 'sqlite', file: 'db/openday.sqlite', migrations: ['20260101000000_init'], lastMigration: '20260101000000_init', rows: { Question: 3 } },
    key: { inBackup: true, path: 'data/secret.key' },
    files: [{ path: 'db/openday.sqlite', size: 2, sha256: sha('db'), secret: false }, { path: 'data/secret.key', size: 1, sha256: sha('k'), secret: true }],
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(edit(m as unknown as Record<string, unknown>)))
  return dir
}
const withFile = (f: Record<string, unknown>) => (m: Record<string, unknown>) => ({ ...m, files: [...(m.files as unknown[]), f] })

describe('backup manifest', () => {
  it('reads a good one and verifies its files', async () => {
    const dir = folder()
    const m = readManifest(dir)
    expect(m.db.kind).toBe('sqlite')
    await expect(verifyFiles(dir, m)).resolves.toBeUndefined()
  })

  it('refuses a missing folder, a folder without manifest, and what is not JSON', () => {
    expect(() => readManifest('/nonexistent/backup')).toThrow(/no such backup folder/)
    expect(() => readManifest(mkdtempSync(join(tmpdir(), 'openday-manifest-')))).toThrow(/no manifest\.json/)
    const dir = folder()
    writeFileSync(join(dir, 'manifest.json'), '{"format":')
    expect(() => readManifest(dir)).toThrow(/not JSON/)
  })

  it('refuses another format or version, and unknown fields', () => {
    expect(() => readManifest(folder((m) => ({ ...m, format: 'tarball' })))).toThrow(/not an OpenDay backup manifest/)
    expect(() => readManifest(folder((m) => ({ ...m, version: FORMAT_VERSION + 1 })))).toThrow(/format version 2, this OpenDay reads version 1 only/)
    expect(() => readManifest(folder((m) => ({ ...m, extra: true })))).toThrow(/invalid manifest/)
  })

  it('refuses paths that leave the backup, duplicates, and files outside db/ and data/', () => {
    const entry = { size: 1, sha256: sha('k') }
    expect(() => readManifest(folder(withFile({ ...entry, path: 'data/../../etc/passwd' })))).toThrow(/relative path inside the backup/)
    expect(() => readManifest(folder(withFile({ ...entry, path: '/etc/passwd' })))).toThrow(/relative path inside the backup/)
    expect(() => readManifest(folder(withFile({ ...entry, path: 'data/secret.key' })))).toThrow(/listed twice/)
    expect(() => readManifest(folder(withFile({ ...entry, path: 'elsewhere/x' })))).toThrow(/neither the database nor under data\//)
    expect(() => readManifest(folder((m) => ({ ...m, files: (m.files as unknown[]).slice(1) })))).toThrow(/database snapshot db\/openday\.sqlite is not in the file list/)
  })

  it('finds a missing file, a changed one and a truncated one, all at once', async () => {
    const dir = folder((m) => m, { 'db/openday.sqlite': 'dB' })
    await expect(verifyFiles(dir, readManifest(dir))).rejects.toThrow(/db\/openday\.sqlite: sha256 does not match[\s\S]*data\/secret\.key: missing/)
    const short = folder((m) => m, { 'db/openday.sqlite': 'd', 'data/secret.key': 'k' })
    await expect(verifyFiles(short, readManifest(short))).rejects.toThrow(/1 bytes, the manifest says 2/)
  })
})

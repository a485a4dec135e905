import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { z } from 'zod'

// A backup is a folder: manifest.json, db/ (the database snapshot) and data/ (a copy of DATA_DIR).
// The manifest is the only thing a restore believes, and only after every file it lists is read
// back with the right size and sha256: a backup is hostile input (copied around, edited, truncated).

export const FORMAT = 'openday-backup'
export const FORMAT_VERSION = 1
export const MANIFEST = 'manifest.json'
/** Where the database snapshot lives inside a backup, by kind. */
export const DB_FILE = { sqlite: 'db/openday.sqlite', postgresql: 'db/openday.pgdump' } as const
/** The copy of DATA_DIR inside a backup. */
export const DATA_PREFIX = 'data/'

export class BackupError extends Error {}

/**
 * A path inside the backup: relative, forward slashes, no `.`/`..` segment, no NUL. Checked here so
 * that no manifest can make a restore read or write outside the folders it was given.
 */
const RelPath = z.string().min(1).max(1024).refine((p) => {
  if (p.includes('\0') || p.includes('\\') || isAbsolute(p) || p.startsWith('/')) return false
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
}, 'must be a relative path inside the backup (no "..", no absolute path)')

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex')

export const FileEntry = z.object({
  path: RelPath,
  size: z.number().int().min(0),
  sha256: Sha256,
  /** The data key (or another secret): written 0600, and the backup must be kept like the key. */
  secret: z.boolean().default(false),
}).strict()
export type FileEntry = z.infer<typeof FileEntry>

export const Manifest = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  db: z.object({
    kind: z.enum(['sqlite', 'postgresql']),
    file: RelPath,
    /** Applied migrations (Prisma's _prisma_migrations), in order, as they were in the snapshot. */
    migrations: z.array(z.string().min(1)),
    lastMigration: z.string().nullable(),
    /** Rows of every table, counted in the same snapshot as the dump. */
    rows: z.record(z.string(), z.number().int().min(0)),
  }).strict(),
  /** Whether the data key is among the files (a demo's DATA_DIR/secret.key), and where. */
  key: z.object({ inBackup: z.boolean(), path: RelPath.nullable() }).strict(),
  files: z.array(FileEntry),
}).strict()
export type Manifest = z.infer<typeof Manifest>

/** A stream's bytes copied to `to` (when given) while counted and hashed: what was written is what was summed. */
export async function hashFile(from: string, to?: string, mode?: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256')
  let size = 0
  const tap = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); size += chunk.length; done(null, chunk) } })
  if (to) await pipeline(createReadStream(from), tap, createWriteStream(to, { flags: 'wx', mode: mode ?? 0o600 }))
  else for await (const chunk of createReadStream(from).pipe(tap)) void chunk
  return { size, sha256: hash.digest('hex') }
}

/** `rel` under `root`, refusing anything that would land outside it (defence beside RelPath). */
export function inside(root: string, rel: string): string {
  const base = resolve(root)
  const full = resolve(base, normalize(rel))
  if (full !== base && !full.startsWith(base + sep)) throw new BackupError(`${rel}: outside ${root}`)
  return full
}

/** Reads and validates a backup's manifest; BackupError with the reason otherwise. */
export function readManifest(dir: string): Manifest {
  if (!existsSync(dir)) throw new BackupError(`${dir}: no such backup folder`)
  const file = join(dir, MANIFEST)
  if (!existsSync(file)) throw new BackupError(`${dir}: no ${MANIFEST} (not a backup, or one that did not finish)`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new BackupError(`${file}: not JSON (${(err as Error).message})`)
  }
  // The version first, so an older or newer backup gets that message rather than a list of fields.
  const head = z.object({ format: z.literal(FORMAT), version: z.number().int() }).safeParse(raw)
  if (!head.success) throw new BackupError(`${file}: not an OpenDay backup manifest (want "format": "${FORMAT}")`)
  if (head.data.version !== FORMAT_VERSION) {
    throw new BackupError(`${file}: backup format version ${head.data.version}, this OpenDay reads version ${FORMAT_VERSION} only`)
  }
  const parsed = Manifest.safeParse(raw)
  if (!parsed.success) {
    throw new BackupError(`${file}: invalid manifest:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`)
  }
  const m = parsed.data
  const paths = new Set<string>()
  for (const f of m.files) {
    if (paths.has(f.path)) throw new BackupError(`${file}: ${f.path} is listed twice`)
    paths.add(f.path)
  }
  if (m.db.file !== DB_FILE[m.db.kind]) throw new BackupError(`${file}: db.file must be ${DB_FILE[m.db.kind]} for ${m.db.kind}`)
  if (!paths.has(m.db.file)) throw new BackupError(`${file}: the database snapshot ${m.db.file} is not in the file list`)
  for (const p of paths) {
    if (p !== m.db.file && !p.startsWith(DATA_PREFIX)) throw new BackupError(`${file}: ${p} is neither the database nor under ${DATA_PREFIX}`)
  }
  if (m.key.path !== null && !paths.has(m.key.path)) throw new BackupError(`${file}: the key ${m.key.path} is not in the file list`)
  return m
}

/**
 * Every listed file read back: present, a regular file, the listed size and sha256. Run before a
 * restore writes anything, so a damaged backup is refused whole rather than half restored.
 */
export async function verifyFiles(dir: string, m: Manifest): Promise<void> {
  const bad: string[] = []
  for (const f of m.files) {
    const full = inside(dir, f.path)
    if (!existsSync(full)) { bad.push(`${f.path}: missing`); continue }
    const got = await hashFile(full).catch((err: Error) => ({ size: -1, sha256: err.message }))
    if (got.size !== f.size) bad.push(`${f.path}: ${got.size} bytes, the manifest says ${f.size}`)
    else if (got.sha256 !== f.sha256) bad.push(`${f.path}: sha256 does not match the manifest`)
  }
  if (bad.length) throw new BackupError(`the backup ${dir} is damaged or was changed; nothing was restored:\n  ${bad.slice(0, 20).join('\n  ')}${bad.length > 20 ? `\n  … and ${bad.length - 20} more` : ''}`)
}

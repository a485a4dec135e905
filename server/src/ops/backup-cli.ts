// npm run backup [-- --out DIR] [--database-url URL] [--data-dir DIR]
import { z } from 'zod'
import { REPO_ROOT } from '../config.ts'
import { backup, defaultOut } from './backup.ts'
import { instance, parseFlags, run } from './cli.ts'
import { redact } from './pgtools.ts'

const USAGE = `usage: npm run backup -- [--out DIR] [--database-url URL] [--data-dir DIR]
  A consistent backup of a running OpenDay (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc) and of its
  DATA_DIR (uploads, recordings, a demo's data key), with manifest.json (sha256 of every file).
  --out           a new folder (default backups/<UTC time> in the repository)
  --database-url  default $DATABASE_URL, as the server
  --data-dir      default $DATA_DIR, as the server`

const Flags = z.object({
  out: z.string().min(1).optional(),
  'database-url': z.string().min(1).optional(),
  'data-dir': z.string().min(1).optional(),
  help: z.boolean().optional(),
}).strict()

run(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), { out: { type: 'string' }, 'database-url': { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, Flags)
  if (flags.help) { console.log(USAGE); return 0 }
  const { databaseUrl, dataDir } = instance(flags)
  console.log(`backing up ${redact(databaseUrl)} and ${dataDir}`)
  const r = await backup({ databaseUrl, dataDir, out: flags.out ?? defaultOut(REPO_ROOT), keyFile: process.env.DATA_ENCRYPTION_KEY_FILE, log: (l) => console.log(`  ${l}`) })
  console.log(`backup written: ${r.dir} (${(r.bytes / 1e6).toFixed(1)} MB, ${r.seconds.toFixed(1)} s; manifest.json lists every file with its sha256)`)
  if (r.manifest.key.inBackup) {
    console.log(`WARNING: this backup holds the data key (${r.manifest.key.path}, mode 0600). With it, the personal data in the backup `
      + '(callers\' names and numbers, invitees\' phones) decrypts: keep the key apart (store it separately and remove it from the copy you '
      + 'send off-site), or protect the whole backup as you would the key.')
  } else {
    console.log('The data key is not in this backup (DATA_ENCRYPTION_KEY / DATA_ENCRYPTION_KEY_FILE): a restore needs it. '
      + 'Store it separately from the backup — without it the personal data cannot be read; with it beside the backup, anyone holding both can.')
  }
  return 0
})

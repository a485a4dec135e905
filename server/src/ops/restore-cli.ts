// npm run restore -- --from BACKUP --database-url URL --data-dir DIR [--force]
// npm run restore -- --check [--database-url URL] [--data-dir DIR] [--from BACKUP]
import { resolve } from 'node:path'
import { z } from 'zod'
import { instance, parseFlags, run, UsageError } from './cli.ts'
import { checkIntegrity, formatReport } from './integrity.ts'
import { readManifest } from './manifest.ts'
import { redact } from './pgtools.ts'
import { restore } from './restore.ts'

const USAGE = `usage: npm run restore -- --from BACKUP --database-url URL --data-dir DIR [--force]
       npm run restore -- --check [--database-url URL] [--data-dir DIR] [--from BACKUP]
  Restore: every file of BACKUP is checked against its manifest (sha256) before anything is written;
  the database (an empty SQLite path, or an empty PostgreSQL database that exists) and DATA_DIR (new
  or empty) must hold nothing unless --force; then the integrity check runs against the manifest.
  --check: the integrity check alone, on an instance (default $DATABASE_URL and $DATA_DIR), stopped
  or running; with --from, its migrations and row counts must also equal the backup's.
  The data key: DATA_ENCRYPTION_KEY / DATA_ENCRYPTION_KEY_FILE as for the server, else DATA_DIR/secret.key.`

const Flags = z.object({
  from: z.string().min(1).optional(),
  'database-url': z.string().min(1).optional(),
  'data-dir': z.string().min(1).optional(),
  force: z.boolean().optional(),
  check: z.boolean().optional(),
  help: z.boolean().optional(),
}).strict()
  .refine((f) => f.help || f.check || (f.from && f['database-url'] && f['data-dir']), 'a restore needs --from, --database-url and --data-dir (no default: the target is named, never assumed)')
  .refine((f) => !(f.check && f.force), '--force is for a restore, not --check')

run(USAGE, async () => {
  const flags = parseFlags(process.argv.slice(2), {
    from: { type: 'string' }, 'database-url': { type: 'string' }, 'data-dir': { type: 'string' },
    force: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  }, Flags)
  if (flags.help) { console.log(USAGE); return 0 }
  const { databaseUrl, dataDir } = instance(flags)
  if (flags.check) {
    const manifest = flags.from ? readManifest(resolve(flags.from)) : undefined
    const report = await checkIntegrity({ databaseUrl, dataDir: resolve(dataDir), manifest })
    console.log(formatReport(report))
    console.log(report.ok ? `integrity check passed: ${redact(databaseUrl)}, ${dataDir}` : 'integrity check FAILED')
    return report.ok ? 0 : 1
  }
  if (!flags.from) throw new UsageError('--from is required')
  const r = await restore({ from: resolve(flags.from), databaseUrl, dataDir: resolve(dataDir), force: flags.force ?? false, log: (l) => console.log(`  ${l}`) })
  console.log(formatReport(r.report))
  if (!r.report.ok) { console.log('restored, but the integrity check FAILED: do not start a server on it before the failures above are understood'); return 1 }
  console.log(`restored and checked in ${r.seconds.toFixed(1)} s. Start it with DATABASE_URL=${redact(databaseUrl)} DATA_DIR=${dataDir} npx tsx server/src/main.ts`
    + `${r.manifest.key.inBackup ? '' : ' and DATA_ENCRYPTION_KEY(_FILE) set to the key kept apart from the backup'}`)
  return 0
})

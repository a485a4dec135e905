import { parseArgs, type ParseArgsConfig } from 'node:util'
import { z } from 'zod'
import { ConfigError, loadConfig } from '../config.ts'
import { BackupError } from './manifest.ts'

// What the two ops commands share: strict flags (an unknown or misspelt one is refused, never
// ignored), zod on the values, and one way to fail — a message and a non-zero exit.

/** Bad usage: exit 2, as for a configuration the server refuses. */
export class UsageError extends Error {}

export function parseFlags<S extends z.ZodType>(argv: string[], options: NonNullable<ParseArgsConfig['options']>, schema: S): z.infer<S> {
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const parsed = schema.safeParse(values)
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.length ? `--${i.path.join('.')}: ` : ''}${i.message}`).join('\n'))
  return parsed.data
}

/** DATABASE_URL and DATA_DIR as the server reads them (same defaults, same validation), a flag first. */
export function instance(flags: { 'database-url'?: string | undefined; 'data-dir'?: string | undefined }): { databaseUrl: string; dataDir: string } {
  const c = loadConfig({ DATABASE_URL: flags['database-url'] ?? process.env.DATABASE_URL, DATA_DIR: flags['data-dir'] ?? process.env.DATA_DIR })
  return { databaseUrl: c.DATABASE_URL, dataDir: c.DATA_DIR }
}

/** Runs a command: exit 0, 1 on a refused or failed operation, 2 on bad usage (with the usage). */
export function run(usage: string, main: () => Promise<number>): void {
  main().then((code) => { process.exitCode = code }, (err: unknown) => {
    if (err instanceof UsageError) { console.error(`${err.message}\n\n${usage}`); process.exitCode = 2; return }
    if (err instanceof ConfigError) { console.error(err.message); process.exitCode = 2; return }
    if (err instanceof BackupError) { console.error(`error: ${err.message}`); process.exitCode = 1; return }
    console.error(err)
    process.exitCode = 1
  })
}

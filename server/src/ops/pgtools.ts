import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BackupError } from './manifest.ts'

// pg_dump and pg_restore as scripts/pg.sh finds PostgreSQL: $PG_BIN, else Debian's versioned folder
// (the server's own version, so the dump format matches), else whatever is on PATH.

const DEBIAN_BIN = '/usr/lib/postgresql/15/bin'

export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of [process.env.PG_BIN, DEBIAN_BIN]) if (dir && existsSync(join(dir, name))) return join(dir, name)
  return name
}

/**
 * The connection for a pg tool: the url without its password, which goes in PGPASSWORD instead,
 * so it never shows in the process list.
 */
export function pgConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url)
  const env: Record<string, string> = {}
  if (u.password) { env.PGPASSWORD = decodeURIComponent(u.password); u.password = '' }
  return { dbname: u.toString(), env }
}

/** Runs a pg tool; rejects with its stderr (the tool's own words) when it exits non-zero. */
export function runPgTool(name: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const { dbname, env } = pgConnection(url)
  const bin = pgTool(name)
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${dbname}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => { err += d.toString() })
    child.once('error', (e) => reject(new BackupError(`${bin}: ${e.message} (install postgresql, or set PG_BIN to its bin folder)`)))
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${name} exited ${code}: ${err.trim().split('\n').slice(-10).join('\n')}`))))
  })
}

/** A url with its password hidden, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@')

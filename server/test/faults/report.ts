import { appendFileSync } from 'node:fs'

// The fault suite runs in two forms: short in `npm test` (sizes that fit in a test run, every promise
// still checked), long in `npm run faults` / `npm run bench` (the sizes), whose counts are
// collected here and written to RELIABILITY.md by scripts/reliability.mjs.

export const LONG = process.env.FAULTS_FORM === 'long'
/** The short form's size, or the long form's. */
export const size = (short: number, long: number): number => (LONG ? long : short)
export const DB = process.env.TEST_DB === 'postgresql' ? 'PostgreSQL' : 'SQLite'

export interface FaultFigures {
  /** Which of the faults (1–10) and its name, e.g. "1 kill -9 under load". */
  fault: string
  /** What was injected, for how long, under what load — in words. */
  injected: string
  /** The counts: acked, stored, lost, duplicated, converged clients, times… */
  counts: Record<string, number | string>
  /** A fault that always runs on one database whatever TEST_DB says: written down from that run only. */
  only?: 'SQLite' | 'PostgreSQL'
}

/** Adds one run's figures to the report file when the suite runs under scripts/faults.sh. */
export function record(figures: FaultFigures): void {
  const file = process.env.FAULTS_REPORT
  if (!file || (figures.only && figures.only !== DB)) return
  appendFileSync(file, `${JSON.stringify({ ...figures, db: DB, form: LONG ? 'long' : 'short', at: new Date().toISOString() })}\n`)
}

import { parseArgs } from 'node:util'

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean; help: string }>

/**
 * Parses --flags (numbers stay strings; use num()), prints help for --help and exits. Flags not
 * given are undefined: `default` is only shown in the help (scripts pick full or --quick defaults).
 */
export function flags<S extends FlagSpec>(usage: string, spec: S): Record<keyof S, string | boolean | undefined> {
  const options = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, { type: v.type }]))
  const { values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, allowPositionals: false })
  if (values.help) {
    console.log(usage)
    for (const [k, v] of Object.entries(spec)) console.log(`  --${k}${v.type === 'string' ? ' <v>' : ''}`.padEnd(28) + v.help + (v.default !== undefined ? ` (default ${v.default})` : ''))
    process.exit(0)
  }
  const out: Record<string, string | boolean | undefined> = {}
  for (const k of Object.keys(spec)) out[k] = (values as Record<string, string | boolean | undefined>)[k]
  return out as Record<keyof S, string | boolean | undefined>
}

export function num(v: string | boolean | undefined, fallback: number): number {
  if (v === undefined || typeof v === 'boolean') return fallback
  const n = Number(v)
  if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`)
  return n
}

export function list(v: string | boolean | undefined, fallback: number[]): number[] {
  if (v === undefined || typeof v === 'boolean') return fallback
  return v.split(',').map((x) => num(x.trim(), NaN))
}

/** --quick, --write, --no-write: every script's smoke mode and whether it writes BENCHMARKS.md. */
export function outputFlags(quickHelp: string) {
  return {
    quick: { type: 'boolean', help: `${quickHelp}; prints only unless --write` },
    write: { type: 'boolean', help: 'write BENCHMARKS.md even in --quick mode' },
    'no-write': { type: 'boolean', help: 'only print the figures' },
  } as const satisfies FlagSpec
}

/** Full runs write their sections, --quick runs only with --write, --no-write never. */
export function writes(f: { quick?: unknown; write?: unknown; 'no-write'?: unknown }): boolean {
  return f['no-write'] ? false : f.quick ? Boolean(f.write) : true
}

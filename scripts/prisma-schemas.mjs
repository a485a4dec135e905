// Writes one Prisma schema per provider from prisma/models.prisma (the single source of truth).
// A Prisma schema has exactly one provider, so SQLite and PostgreSQL need a schema (and client,
// and migrations folder) each. `--check` fails if the written files are stale (used by tests).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8')
const check = process.argv.includes('--check')
let stale = false
for (const provider of ['sqlite', 'postgresql']) {
  const out = join(root, 'prisma', provider, 'schema.prisma')
  const text = `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.mjs: do not edit.
generator client {
  provider               = "prisma-client"
  output                 = "../../server/src/generated/${provider}"
  moduleFormat           = "esm"
  importFileExtension    = "ts"
}

datasource db {
  provider = "${provider}"
}

${models}`
  const old = existsSync(out) ? readFileSync(out, 'utf8') : ''
  if (old === text) continue
  if (check) { console.error(`stale: ${out}`); stale = true; continue }
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, text)
  console.log(`wrote ${out}`)
}
if (stale) process.exit(1)

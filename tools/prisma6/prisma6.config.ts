// Config for the Prisma 6.19 CLI, used ONLY for `migrate diff --script`. With engine 'js' and a
// driver adapter, Prisma 6 runs its schema engine as WASM, so no native binary is downloaded
// (Prisma 7's migrate needs the native engine, which cannot be fetched here).
import { defineConfig } from 'prisma/config'

const provider = process.env.DIFF_PROVIDER ?? 'sqlite'
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.DIFF_SCHEMA ?? './schema.prisma',
  async adapter() {
    if (provider === 'postgresql') {
      // The WASM engine opens a connection even for a schema-to-schema diff; any reachable
      // database will do (diff.sh points it at a scratch database of scripts/pg.sh's cluster).
      const { PrismaPg } = await import('@prisma/adapter-pg')
      return new PrismaPg({ connectionString: process.env.DIFF_PG_URL, idleTimeoutMillis: 50 })
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3')
    return new PrismaBetterSQLite3({ url: ':memory:' })
  },
})

// `npm run db:seed`: demo data on the configured database (migrations applied first).
import { ConfigError, loadConfig } from '../config.ts'
import { openDb } from '../db/client.ts'
import { migrate } from '../../../prisma/migrate.ts'
import { createDataCipher, keySource, loadDataKey } from '../lib/crypto.ts'
import { createLogger } from '../lib/logger.ts'
import { seedDemo } from './demo.ts'

try {
  const config = loadConfig()
  // The server's own key (DATA_ENCRYPTION_KEY, its file, or in DEMO_MODE DATA_DIR/secret.key), so it can read the demo calls.
  const cipher = createDataCipher(loadDataKey(config, createLogger(config)))
  await migrate(config.DATABASE_URL)
  const db = await openDb(config.DATABASE_URL)
  try {
    const seeded = await seedDemo(db, { timeZone: config.TIMEZONE, cipher, keySource: keySource(config), dataDir: config.DATA_DIR })
    console.log(seeded ? 'demo data created' : 'demo data already present')
  } finally {
    await db.$disconnect()
  }
} catch (err) {
  // As the server does (main.ts): a setting to fix is a message and exit code 2, not a stack trace.
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message)
  process.exit(2)
}

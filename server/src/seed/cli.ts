// `npm run db:seed`: demo data on the configured database (migrations applied first).
import { loadConfig } from '../config.ts'
import { openDb } from '../db/client.ts'
import { migrate } from '../../../prisma/migrate.ts'
import { createDataCipher, loadDataKey } from '../lib/crypto.ts'
import { createLogger } from '../lib/logger.ts'
import { seedDemo } from './demo.ts'

const config = loadConfig()
await migrate(config.DATABASE_URL)
const db = await openDb(config.DATABASE_URL)
// The server's own key (DATA_ENCRYPTION_KEY, its file, or DATA_DIR/secret.key), so it can read the demo calls.
const cipher = createDataCipher(loadDataKey(config, createLogger(config)))
const seeded = await seedDemo(db, { timeZone: config.TIMEZONE, cipher })
console.log(seeded ? 'demo data created' : 'demo data already present')
await db.$disconnect()

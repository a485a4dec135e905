// `npm run db:seed`: demo data on the configured database (migrations applied first).
import { loadConfig } from '../config.ts'
import { openDb } from '../db/client.ts'
import { migrate } from '../../../prisma/migrate.ts'
import { seedDemo } from './demo.ts'

const config = loadConfig()
await migrate(config.DATABASE_URL)
const db = await openDb(config.DATABASE_URL)
const seeded = await seedDemo(db, { timeZone: config.TIMEZONE })
console.log(seeded ? 'demo data created' : 'demo data already present')
await db.$disconnect()

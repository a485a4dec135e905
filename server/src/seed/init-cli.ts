// `npm run db:init -- [username]`: a new office's empty database (see init.ts), the first admin's
// one-time password printed once. Configuration as the server's (DATABASE_URL, the data key...).
import { Username } from '@openday/protocol'
import { ConfigError, loadConfig } from '../config.ts'
import { openDb } from '../db/client.ts'
import { migrate } from '../../../prisma/migrate.ts'
import { checkDataKey } from '../features/datakey/service.ts'
import { createDataCipher, keySource, loadDataKey } from '../lib/crypto.ts'
import { createLogger } from '../lib/logger.ts'
import { initOffice } from './init.ts'

try {
  const parsed = Username.safeParse(process.argv[2] ?? 'admin')
  if (!parsed.success) throw new ConfigError(`db:init: the username ${parsed.error.issues[0]!.message}`)
  const config = loadConfig()
  const cipher = createDataCipher(loadDataKey(config, createLogger(config)))
  await migrate(config.DATABASE_URL)
  const db = await openDb(config.DATABASE_URL)
  try {
    // As the server and the seed do: a database written under another key is refused here too.
    await checkDataKey(db, cipher, keySource(config))
    // For scripted set-ups (the browser tests): a password from the environment, still one-time.
    const made = await initOffice(db, { username: parsed.data, displayName: '管理员', password: process.env.INIT_ADMIN_PASSWORD || undefined })
    if (!made) console.log('an administrator already exists: nothing created (passwords are reset from /admin/accounts)')
    else console.log(`administrator "${parsed.data}" created. One-time password (shown once; to be replaced at first login):\n\n  ${made.password}\n`)
  } finally {
    await db.$disconnect()
  }
} catch (err) {
  if (!(err instanceof ConfigError)) throw err
  console.error(err.message)
  process.exit(2)
}

import { ConfigError, loadConfig } from './config.ts'
import { createApp } from './app.ts'
import { createLogger } from './lib/logger.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
  const log = createLogger(config)
  let app
  try {
    app = await createApp(config, log)
  } catch (err) {
    // Settings that are only checked when used (key files) fail as clearly as the parsed ones.
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
  const port = await app.listen()
  log.info({ port }, `OpenDay listening on ${config.HOST}:${port} (${config.PUBLIC_URL})`)
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down')
    // Finish what was acknowledged-to-be (in flight), refuse the rest, then close.
    await app.drain(config.SHUTDOWN_GRACE_MS)
    await app.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

import { MediaHost } from '@openday/media'
import type { Logger } from 'pino'
import type { Config } from '../../config.ts'

/**
 * Starts the mediasoup workers. A server whose workers cannot start (no worker binary, no free
 * ports) still serves text sessions: video answers UNAVAILABLE, and the log says why.
 */
export async function startMediaHost(config: Config, log: Logger): Promise<MediaHost | null> {
  if (!config.MEDIA_ENABLED) return null
  try {
    const host = await MediaHost.create({
      ...(config.MEDIA_WORKERS ? { workers: config.MEDIA_WORKERS } : {}),
      listenIp: config.MEDIA_LISTEN_IP,
      ...(config.MEDIA_ANNOUNCED_ADDRESS ? { announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS } : {}),
      rtcMinPort: config.MEDIA_RTC_MIN_PORT,
      rtcMaxPort: config.MEDIA_RTC_MAX_PORT,
      maxConsumersPerRouter: config.MEDIA_MAX_CONSUMERS_PER_ROUTER,
    })
    host.on('workerreplaced', (r) => log.warn({ replaced: r }, 'media worker replaced'))
    log.info({ workers: host.pool.workers.length }, 'media workers started')
    return host
  } catch (err) {
    log.error({ err }, 'media workers failed to start: video sessions are unavailable')
    return null
  }
}

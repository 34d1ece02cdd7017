/** Picks the bus from the config: Redis Streams when REDIS_URL is set, otherwise the embedded LocalBus. */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { LocalBus, type Bus } from './bus.js';

/** The configured bus. Never waits for Redis: an instance starts (degraded) while Redis is down and joins when it is back. */
export async function openBus(config: Config, logger: Logger): Promise<Bus> {
  if (!config.redisUrl) return new LocalBus();
  // Loaded only when configured: the embedded mode starts without ioredis.
  const { RedisStreamBus } = await import('./redis-bus.js');
  return new RedisStreamBus({ url: config.redisUrl, prefix: config.redisPrefix, instanceId: config.instanceId, logger });
}

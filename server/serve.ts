/**
 * What the entry point (main.ts) runs: config from the environment -> store (SQLite, or PostgreSQL with
 * DATABASE_URL) and bus (Redis with REDIS_URL) -> createServer -> listen, and a graceful shutdown on SIGTERM/SIGINT
 * (exit 0 within 10 s). Logs the listening `url` (a JSON line unless logs are pretty). Resolves once listening.
 */
import type { CodeCache } from './boot/code-cache.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { firstLanAddress, roomAddress } from './http/room-address.js';
import { createLogger, usePrettyLogs } from './logger.js';
import { openStore, type OpenedStore } from './persistence/open-store.js';
import { openBus } from './scale/open-bus.js';
import { createServer } from './server.js';
import { SHUTDOWN_BUDGET } from './shutdown-budget.js';

/** What the entry knows of the start: the built server's code cache (boot/code-cache.ts), none from the sources. */
export interface StartInfo {
  codeCache?: CodeCache;
}

export async function serve(start: StartInfo = {}): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`journeyroom: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, usePrettyLogs(config.logFormat, process.stdout.isTTY === true));
  let opened: OpenedStore;
  try {
    opened = await openStore(config, logger);
  } catch (error) {
    const where = config.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : `the database in ${config.dataDir}`;
    process.stderr.write(`journeyroom: cannot open ${where}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const bus = await openBus(config, logger);
  const server = createServer({ config, store: opened.store, logger, bus, storeInfo: { kind: opened.kind, ping: opened.ping } });
  const { port, url } = await server.listen();
  const { codeCache } = start;
  logger.info({ url, port, store: opened.kind, where: opened.where, redis: config.redisUrl ? 'on' : 'off', codeCache: codeCache?.status }, `Journeyroom listening on ${url}`);
  // What a facilitator at this machine hands out: say it at start, with what to fix when it will not work.
  const room = roomAddress({ protocol: 'http', host: `localhost:${port}` }, { publicUrl: config.publicUrl, bindHost: config.host, lanAddress: () => firstLanAddress() });
  if (room.problem) logger.warn({ roomUrl: room.baseUrl }, room.problem);
  else logger.info({ roomUrl: room.baseUrl }, `Other devices in the room join at ${room.baseUrl}`);
  // Whatever the log level, say where we listen: people and scripts (tests, benchmark) read this line.
  if (!logger.isLevelEnabled('info')) process.stdout.write(`${JSON.stringify({ msg: `Journeyroom listening on ${url}`, url, port })}\n`);
  // The next start reads what this one compiled (scripts/warm-start-cache.mjs makes the first at build time).
  if (codeCache && codeCache.status !== 'used') {
    codeCache.save().then(
      () => logger.info({ codeCache: 'saved', file: codeCache.file }, 'code cache saved: the next start compiles less'),
      (error: unknown) => logger.warn({ codeCache: 'not saved', err: error, file: codeCache.file }, 'code cache not saved: every start compiles the whole server'),
    );
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BUDGET.totalMs);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

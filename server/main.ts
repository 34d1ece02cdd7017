/**
 * Entry point only: config from the environment -> SQLite store -> createServer -> listen, and a graceful
 * shutdown on SIGTERM/SIGINT (exit 0 within 10 s). Logs the listening `url` (a JSON line unless logs are pretty).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, usePrettyLogs } from './logger.js';
import { SqliteStore } from './persistence/sqlite-store.js';
import { createServer } from './server.js';
import { SHUTDOWN_BUDGET } from './shutdown-budget.js';

async function main(): Promise<void> {
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
  const file = path.join(config.dataDir, 'journeyroom.sqlite');
  let store: SqliteStore;
  try {
    await fs.mkdir(config.dataDir, { recursive: true });
    store = await SqliteStore.open(file, logger);
  } catch (error) {
    process.stderr.write(`journeyroom: cannot open the database ${file}: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const server = createServer({ config, store, logger });
  const { port, url } = await server.listen();
  logger.info({ url, port, dataDir: config.dataDir }, `Journeyroom listening on ${url}`);
  // Whatever the log level, say where we listen: people and scripts (tests, benchmark) read this line.
  if (!logger.isLevelEnabled('info')) process.stdout.write(`${JSON.stringify({ msg: `Journeyroom listening on ${url}`, url, port })}\n`);

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

main().catch((error: unknown) => {
  process.stderr.write(`journeyroom: failed to start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});

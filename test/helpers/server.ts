/** Starts a real Journeyroom server on port 0 with a real SQLite file in a temp dir; teardown registered by the caller's test. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { defaultConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import type { BoardStore } from '../../server/persistence/board-store.js';
import { SqliteStore } from '../../server/persistence/sqlite-store.js';
import { createServer, type JourneyroomServer } from '../../server/server.js';

/** A running test server. */
export interface TestServer {
  server: JourneyroomServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  config: Config;
  close(): Promise<void>;
}

/** A fresh temp data dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-int-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts a server (port 0, 127.0.0.1, silent logs); closes it after the test unless closed before. */
export async function startServer(
  overrides: Partial<Config> = {},
  dataDir?: string,
  lanAddress?: () => string | undefined,
  /** Lets a test hold or observe the real store's calls (e.g. a slow load). */
  wrapStore: (store: BoardStore) => BoardStore = (store) => store,
): Promise<TestServer> {
  const dir = dataDir ?? (await tempDir());
  const config = defaultConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    clientDir: path.join(dir, 'no-client'),
    ...overrides,
  });
  const logger = createLogger(config.logLevel);
  const store = await SqliteStore.open(path.join(dir, 'journeyroom.sqlite'), logger);
  const server = createServer({ config, store: wrapStore(store), logger, lanAddress });
  const { url } = await server.listen();
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= server.close());
  onTestFinished(close);
  return { server, url, wsUrl: url.replace(/^http/, 'ws') + '/ws', dataDir: dir, config, close };
}

/** Starts the real Journeyroom server in-process for browser tests: port 0, a temp DATA_DIR, the built client. */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { SqliteStore } from '../../server/persistence/sqlite-store.js';
import { createServer, type JourneyroomServer } from '../../server/server.js';

export interface RunningServer {
  url: string;
  server: JourneyroomServer;
  dataDir: string;
  close(): Promise<void>;
}

/** The built client the server serves; `npm run test:e2e` builds it first. */
export const CLIENT_DIR = path.resolve('dist/client');

/** What a test may change about the server: the bind address, PUBLIC_URL, and the machine's LAN address. */
export interface ServerOptions {
  host?: string;
  publicUrl?: string;
  lanAddress?: () => string | undefined;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`no client build in ${CLIENT_DIR}: run "npm run build" (npm run test:e2e does)`);
  }
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'journeyroom-e2e-'));
  const logger = createLogger(process.env.E2E_LOG_LEVEL ?? 'silent');
  const store = await SqliteStore.open(path.join(dataDir, 'journeyroom.sqlite'), logger);
  const config = defaultConfig({ port: 0, host: options.host ?? '127.0.0.1', publicUrl: options.publicUrl, dataDir, clientDir: CLIENT_DIR, logLevel: 'silent' });
  const server = createServer({ config, store, logger, lanAddress: options.lanAddress });
  const { url } = await server.listen();
  let closed: Promise<void> | undefined;
  return {
    url,
    server,
    dataDir,
    close: () =>
      (closed ??= (async () => {
        await server.close();
        await fsp.rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

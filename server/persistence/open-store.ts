/**
 * Picks the store from the config: PostgreSQL when DATABASE_URL is set (several instances may share it),
 * otherwise the embedded SQLite file in DATA_DIR (the default: nothing else to run).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BoardStore } from './board-store.js';
import { SqliteStore } from './sqlite-store.js';

/** The opened store and a one-line description of where it keeps data (for the start-up log). */
export interface OpenedStore {
  store: BoardStore;
  /** `postgres` or `sqlite` */
  kind: 'postgres' | 'sqlite';
  where: string;
  /** True when the store answers now (health); SQLite is a local file and always answers. */
  ping: () => Promise<boolean>;
}

/** Opens the configured store, creating or migrating its schema. Rejects with a StoreError. */
export async function openStore(config: Config, logger: Logger): Promise<OpenedStore> {
  if (config.databaseUrl) {
    // Loaded only when configured: the embedded mode starts without pg.
    const { PgStore } = await import('./pg/pg-store.js');
    const store = await PgStore.open({ connectionString: config.databaseUrl, schema: config.databaseSchema, logger });
    return { store, kind: 'postgres', where: `PostgreSQL schema ${config.databaseSchema}`, ping: () => store.ping() };
  }
  const file = path.join(config.dataDir, 'journeyroom.sqlite');
  await fs.mkdir(config.dataDir, { recursive: true });
  const store = await SqliteStore.open(file, logger);
  return { store, kind: 'sqlite', where: file, ping: () => Promise.resolve(true) };
}

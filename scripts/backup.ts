/**
 * Online backup: writes a consistent, compacted copy of the database with SQLite's `VACUUM INTO` while the
 * server keeps running (WAL lets this reader see one committed state), then checks the copy.
 *
 *   npm run backup                          # -> ./data/backups/journeyroom-<timestamp>.sqlite
 *   npm run backup -- /path/to/copy.sqlite  # DATA_DIR is honoured like the server does
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { loadConfig } from '../server/config.js';

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function exec(db: sqlite3.Database, sql: string, params: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
}

function get(db: sqlite3.Database, sql: string): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve, reject) => db.get(sql, (error, row) => (error ? reject(error) : resolve(row as Record<string, unknown> | undefined))));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const source = path.join(config.dataDir, 'journeyroom.sqlite');
  if (!existsSync(source)) throw new Error(`no database at ${source} (set DATA_DIR)`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'backups', `journeyroom-${stamp}.sqlite`));
  if (existsSync(target)) throw new Error(`${target} already exists; choose another name`);
  mkdirSync(path.dirname(target), { recursive: true });

  const db = await open(source, sqlite3.OPEN_READONLY);
  try {
    await exec(db, 'PRAGMA busy_timeout = 5000');
    await exec(db, 'VACUUM INTO ?', [target]);
  } finally {
    await close(db);
  }
  const copy = await open(target, sqlite3.OPEN_READONLY);
  try {
    const check = await get(copy, 'PRAGMA quick_check');
    if (check?.quick_check !== 'ok') throw new Error(`the copy failed its integrity check: ${JSON.stringify(check)}`);
    const boards = await get(copy, 'SELECT COUNT(*) AS n FROM boards');
    console.log(JSON.stringify({ backup: target, boards: boards?.n ?? 0, integrity: 'ok' }));
  } finally {
    await close(copy);
  }
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runBoardStoreContract } from './board-store.contract.js';
import { sampleBoard } from './contract-fixture.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { PAGE_CACHE_KIB, SqliteStore } from './sqlite-store.js';
import { closeDatabase, exec, openDatabase, run } from './sqlite-driver.js';
import { STORE_ERROR } from './store-error.js';
import { at } from '../../test/helpers/doc-address.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-sqlite-'));
  dirs.push(dir);
  return dir;
}

/** Opens a store and registers its close for the end of the current test. */
async function openStore(file: string, hooks?: Parameters<typeof SqliteStore.open>[2]): Promise<SqliteStore> {
  const store = await SqliteStore.open(file, undefined, hooks);
  onTestFinished(() => store.close());
  return store;
}

runBoardStoreContract('SqliteStore', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-sqlite-'));
  const store = await SqliteStore.open(path.join(dir, 'journeyroom.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
});

const append = (n: number) => ({ doc: at('board-0001', 'board'), update: Uint8Array.of(n) });

describe('SqliteStore on disk', () => {
  it('keeps data across close and reopen of the same file', async () => {
    const file = path.join(await tempDir(), 'nested', 'data', 'journeyroom.db');
    const first = await SqliteStore.open(file);
    await first.createBoard(sampleBoard(), [{ doc: at('board-0001', 'session'), update: Uint8Array.of(9) }]);
    await first.write({ appends: [append(1), append(2)], compactions: [] });
    await first.close();

    const second = await openStore(file);
    expect(await second.getBoard('board-0001')).toEqual(sampleBoard());
    expect(await second.loadDoc(at('board-0001', 'board'))).toEqual({ snapshot: null, updates: [Uint8Array.of(1), Uint8Array.of(2)] });
    expect((await second.loadDoc(at('board-0001', 'session'))).snapshot).toEqual(Uint8Array.of(9));
  });

  it('runs with WAL, synchronous=FULL, foreign keys, a busy timeout, a small page cache and the current user_version', async () => {
    const store = await openStore(path.join(await tempDir(), 'journeyroom.db'));
    expect(await store.pragma('journal_mode')).toBe('wal');
    expect(await store.pragma('synchronous')).toBe(2); // FULL
    expect(await store.pragma('foreign_keys')).toBe(1);
    expect(await store.pragma('busy_timeout')).toBe(5000);
    expect(await store.pragma('cache_size')).toBe(-PAGE_CACHE_KIB); // negative: KiB, not pages
    expect(await store.pragma('user_version')).toBe(SCHEMA_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it.each([
    ['a garbage header', 0],
    ['a garbage page', 4096],
  ])('refuses a corrupt file (%s) at open and leaves it untouched', async (_label, offset) => {
    const dir = await tempDir();
    const good = path.join(dir, 'good.db');
    const store = await SqliteStore.open(good);
    await store.createBoard(sampleBoard(), []);
    await store.write({ appends: Array.from({ length: 50 }, (_, i) => append(i)), compactions: [] });
    await store.close();

    const bad = path.join(dir, 'bad.db');
    await fs.copyFile(good, bad);
    const handle = await fs.open(bad, 'r+');
    await handle.write(Buffer.alloc(4096, 0xa5), 0, 4096, offset);
    await handle.close();
    const before = await fs.readFile(bad);

    const refused = SqliteStore.open(bad);
    await expect(refused).rejects.toMatchObject({ code: STORE_ERROR.corrupt });
    await expect(refused).rejects.toThrow(bad);
    expect((await fs.readFile(bad)).equals(before)).toBe(true);
    await expect(fs.access(`${bad}-wal`)).rejects.toThrow();
  });

  it('refuses a file written by a newer schema version', async () => {
    const file = path.join(await tempDir(), 'future.db');
    const db = await openDatabase(file, true);
    await run(db, `PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    await closeDatabase(db);
    await expect(SqliteStore.open(file)).rejects.toMatchObject({ code: STORE_ERROR.futureVersion });
  });

  it('refuses a data path it cannot write', async () => {
    const dir = await tempDir();
    const blocker = path.join(dir, 'not-a-dir');
    await fs.writeFile(blocker, 'x');
    await expect(SqliteStore.open(path.join(blocker, 'journeyroom.db'))).rejects.toMatchObject({ code: STORE_ERROR.notWritable });
    await expect(SqliteStore.open(dir)).rejects.toMatchObject({ code: STORE_ERROR.notWritable });
  });

  it('rolls a failed transaction back completely and keeps working', async () => {
    let failNext = false;
    const store = await openStore(path.join(await tempDir(), 'journeyroom.db'), {
      beforeCommit: () => {
        if (failNext) throw new Error('injected failure before COMMIT');
      },
    });
    await store.write({ appends: [append(1)], compactions: [] });

    failNext = true;
    await expect(
      store.write({
        appends: [append(2), { ...append(3), doc: at('board-0001', 'session') }],
        compactions: [{ doc: at('board-0001', 'board'), snapshot: Uint8Array.of(1, 2) }],
      }),
    ).rejects.toMatchObject({ code: STORE_ERROR.io, message: expect.stringContaining('injected failure') });
    await expect(store.createBoard(sampleBoard(), [])).rejects.toMatchObject({ code: STORE_ERROR.io });
    failNext = false;

    expect(await store.loadDoc(at('board-0001', 'board'))).toEqual({ snapshot: null, updates: [Uint8Array.of(1)] });
    expect(await store.countUpdates(at('board-0001', 'session'))).toBe(0);
    expect(await store.getBoard('board-0001')).toBeUndefined();
    await store.write({ appends: [append(4)], compactions: [] });
    expect(await store.countUpdates(at('board-0001', 'board'))).toBe(2);
  });

  it('stores a commit of appends only (one statement) whole or not at all, in order', async () => {
    const file = path.join(await tempDir(), 'journeyroom.db');
    await (await SqliteStore.open(file)).close();
    // A row SQLite refuses in the middle of a batch: the rows before it in the same commit must not stay.
    const db = await openDatabase(file, false);
    await exec(db, "CREATE TRIGGER refuse_ff BEFORE INSERT ON doc_updates WHEN NEW.data = x'ff' BEGIN SELECT RAISE(ABORT, 'refused row'); END;");
    await closeDatabase(db);
    const store = await openStore(file);
    const board = at('board-0001', 'board');
    await store.write({ appends: [append(1)], compactions: [] });

    await expect(
      store.write({ appends: [append(2), { doc: at('board-0001', 'session'), update: Uint8Array.of(3) }, { doc: board, update: Uint8Array.of(0xff) }], compactions: [] }),
    ).rejects.toMatchObject({ code: STORE_ERROR.io, message: expect.stringContaining('refused row') });
    expect(await store.loadDoc(board)).toEqual({ snapshot: null, updates: [Uint8Array.of(1)] });
    expect(await store.countUpdates(at('board-0001', 'session'))).toBe(0);

    await store.write({ appends: [append(4), append(5)], compactions: [] });
    expect(await store.loadDoc(board)).toEqual({ snapshot: null, updates: [Uint8Array.of(1), Uint8Array.of(4), Uint8Array.of(5)] });
  });

  it('migrates a version-1 file to checkpoints and attendance and keeps its boards', async () => {
    const file = path.join(await tempDir(), 'v1.db');
    const db = await openDatabase(file, true);
    const v1 = MIGRATIONS[0];
    if (!v1) throw new Error('no first migration');
    await exec(db, v1.sql);
    await run(db, 'PRAGMA user_version = 1');
    const h = sampleBoard().tokenHashes;
    await run(db, 'INSERT INTO boards VALUES (?, ?, ?, ?, ?, ?)', ['board-0001', 'Old board', 1, h.facilitator, h.participant, h.projector]);
    await closeDatabase(db);

    const store = await openStore(file);
    expect(await store.pragma('user_version')).toBe(SCHEMA_VERSION);
    expect((await store.getBoard('board-0001'))?.title).toBe('Old board');
    await store.createCheckpoint({ id: 'cp-1', boardId: 'board-0001', name: 'After migration', createdAt: 2, boardState: Uint8Array.of(1), sessionState: Uint8Array.of(2) });
    const session = await store.recordJoin('board-0001', 'member-a', 10);
    await store.recordLeave(session, 20);
    expect(await store.listCheckpoints('board-0001')).toHaveLength(1);
    expect(await store.listAttendance('board-0001')).toEqual([{ id: session, boardId: 'board-0001', memberId: 'member-a', joinedAt: 10, leftAt: 20 }]);
  });
});

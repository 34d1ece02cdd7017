// Series links on every store implementation: the same read/write behaviour on the memory and SQLite stores.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { seriesDocAddress } from '../../shared/protocol.js';
import type { BoardStore } from '../persistence/board-store.js';
import { MemoryStore } from '../persistence/memory-store.js';
import { SqliteStore } from '../persistence/sqlite-store.js';
import { readSeriesLink, standaloneLink, writeSeriesLink } from './series-link.js';

const stores: [string, () => Promise<BoardStore>][] = [
  ['MemoryStore', () => Promise.resolve(new MemoryStore())],
  [
    'SqliteStore',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jr-series-'));
      onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
      return SqliteStore.open(path.join(dir, 'journeyroom.sqlite'));
    },
  ],
];

describe.each(stores)('series links on the %s', (_name, open) => {
  it('reads a board without links as a series of one, then keeps what is written, field by field', async () => {
    const store = await open();
    onTestFinished(() => store.close());
    expect(await readSeriesLink(store, 'board-0001')).toEqual(standaloneLink('board-0001'));
    await writeSeriesLink(store, 'board-0001', { nextBoardId: 'board-0002' });
    await writeSeriesLink(store, 'board-0002', { seriesId: 'board-0001', position: 2, previousBoardId: 'board-0001' });
    expect(await readSeriesLink(store, 'board-0001')).toEqual({ seriesId: 'board-0001', position: 1, previousBoardId: '', nextBoardId: 'board-0002' });
    expect(await readSeriesLink(store, 'board-0002')).toEqual({ seriesId: 'board-0001', position: 2, previousBoardId: 'board-0001', nextBoardId: '' });
    await writeSeriesLink(store, 'board-0002', { nextBoardId: 'board-0003' });
    expect(await readSeriesLink(store, 'board-0002')).toMatchObject({ position: 2, previousBoardId: 'board-0001', nextBoardId: 'board-0003' });
    expect(await store.countUpdates(seriesDocAddress('board-0002'))).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { runBoardStoreContract } from './board-store.contract.js';
import { MemoryStore } from './memory-store.js';
import { at } from '../../test/helpers/doc-address.js';

runBoardStoreContract('MemoryStore', async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});

describe('MemoryStore test hook', () => {
  it('failWrites makes writes reject and change nothing until cleared', async () => {
    const store = new MemoryStore();
    const append = { appends: [{ doc: at('board-0001', 'board'), update: Uint8Array.of(1) }], compactions: [] };
    store.failWrites(new Error('disk full'));
    await expect(store.write(append)).rejects.toThrow('disk full');
    expect(await store.countUpdates(at('board-0001', 'board'))).toBe(0);
    store.failWrites(null);
    await store.write(append);
    expect(await store.countUpdates(at('board-0001', 'board'))).toBe(1);
    expect(store.commits).toBe(1);
  });
});

/** The contract of the checkpoints part of the storage port. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointRecord, CheckpointStore } from './checkpoint-store.js';
import { bytes, sampleCheckpoint, type ContractFixture } from './contract-fixture.js';
import { STORE_ERROR } from './store-error.js';

/** Registers the CheckpointStore contract tests for one implementation. */
export function runCheckpointStoreContract(name: string, makeStore: () => Promise<ContractFixture<CheckpointStore>>): void {
  describe(`CheckpointStore contract: ${name}`, () => {
    let store: CheckpointStore;
    let addBoard: (id: string) => Promise<void>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, addBoard, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('stores checkpoints with both states, lists them oldest first, refuses duplicates and unknown boards', async () => {
      await addBoard('board-0001');
      await addBoard('board-0002');
      const late = sampleCheckpoint('board-0001', 'cp-late', 2000);
      const early = { ...sampleCheckpoint('board-0001', 'cp-early', 1000), name: 'End of session 1 — \u00e9', boardState: bytes(9, 8, 7) };
      await store.createCheckpoint(late);
      await store.createCheckpoint(early);
      await store.createCheckpoint(sampleCheckpoint('board-0002', 'cp-other'));
      expect(await store.listCheckpoints('board-0001')).toEqual([
        { id: 'cp-early', boardId: 'board-0001', name: 'End of session 1 — \u00e9', createdAt: 1000 },
        { id: 'cp-late', boardId: 'board-0001', name: 'Checkpoint cp-late', createdAt: 2000 },
      ]);
      expect(await store.getCheckpoint('board-0001', 'cp-early')).toEqual(early);
      expect(await store.getCheckpoint('board-0001', 'cp-other')).toBeUndefined();
      expect(await store.listCheckpoints('board-none')).toEqual([]);
      await expect(store.createCheckpoint({ ...late, name: 'again' })).rejects.toMatchObject({ code: STORE_ERROR.exists });
      expect((await store.getCheckpoint('board-0001', 'cp-late'))?.name).toBe('Checkpoint cp-late');
      await expect(store.createCheckpoint(sampleCheckpoint('board-none', 'cp-x'))).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      const bad = { ...sampleCheckpoint('board-0001', 'cp-bad'), boardState: 'not bytes' } as unknown as CheckpointRecord;
      await expect(store.createCheckpoint(bad)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.getCheckpoint('board-0001', 'cp-bad')).toBeUndefined();
    });

    it('keeps its own copy of checkpoint states', async () => {
      await addBoard('board-0001');
      const checkpoint = sampleCheckpoint('board-0001', 'cp-1');
      await store.createCheckpoint(checkpoint);
      checkpoint.boardState[0] = 99;
      const loaded = await store.getCheckpoint('board-0001', 'cp-1');
      expect(loaded?.boardState).toEqual(bytes(1, 2, 3));
      loaded?.sessionState.fill(0);
      expect((await store.getCheckpoint('board-0001', 'cp-1'))?.sessionState).toEqual(bytes(4, 5));
    });
  });
}

/**
 * The contract every BoardStore implementation passes (memory and SQLite run the same suites): the suite of
 * each part of the port, then the lifecycle every part shares (close).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocAddress } from '../../shared/protocol.js';
import { runAttendanceStoreContract } from './attendance-store.contract.js';
import { runBoardDirectoryContract } from './board-directory.contract.js';
import type { BoardStore } from './board-store.js';
import { runCheckpointStoreContract } from './checkpoint-store.contract.js';
import { bytes, sampleBoard, sampleCheckpoint, sampleMember } from './contract-fixture.js';
import { runDocumentStoreContract } from './document-store.contract.js';
import { STORE_ERROR } from './store-error.js';

/** A fresh, empty store and how to dispose of it. */
export interface StoreFixture {
  store: BoardStore;
  cleanup: () => Promise<void>;
}

/** Registers every part's contract and the lifecycle contract for one implementation. */
export function runBoardStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  const fixture = async (): Promise<StoreFixture & { addBoard: (id: string) => Promise<void> }> => {
    const made = await makeStore();
    return { ...made, addBoard: (id) => made.store.createBoard(sampleBoard(id), []) };
  };
  runDocumentStoreContract(name, fixture);
  runBoardDirectoryContract(name, fixture);
  runCheckpointStoreContract(name, fixture);
  runAttendanceStoreContract(name, fixture);

  describe(`BoardStore lifecycle contract: ${name}`, () => {
    let store: BoardStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('close is idempotent and every later call of every part rejects with code closed', async () => {
      await store.createBoard(sampleBoard(), []);
      await Promise.all([store.close(), store.close()]);
      await store.close();
      const closed = { code: STORE_ERROR.closed };
      const doc = boardDocAddress('board-0001');
      await expect(store.getBoard('board-0001')).rejects.toMatchObject(closed);
      await expect(store.createBoard(sampleBoard('board-0002'), [])).rejects.toMatchObject(closed);
      await expect(store.addMember(sampleMember('board-0001', 'member-a'))).rejects.toMatchObject(closed);
      await expect(store.getMember('board-0001', 'member-a')).rejects.toMatchObject(closed);
      await expect(store.listMembers('board-0001')).rejects.toMatchObject(closed);
      await expect(store.loadDoc(doc)).rejects.toMatchObject(closed);
      await expect(store.write({ appends: [], compactions: [] })).rejects.toMatchObject(closed);
      await expect(store.countUpdates(doc)).rejects.toMatchObject(closed);
      await expect(store.listPrivateDocMembers('board-0001')).rejects.toMatchObject(closed);
      await expect(store.createCheckpoint(sampleCheckpoint('board-0001', 'cp-1'))).rejects.toMatchObject(closed);
      await expect(store.listCheckpoints('board-0001')).rejects.toMatchObject(closed);
      await expect(store.getCheckpoint('board-0001', 'cp-1')).rejects.toMatchObject(closed);
      await expect(store.recordJoin('board-0001', 'member-a', 1)).rejects.toMatchObject(closed);
      await expect(store.recordLeave(1, 1)).rejects.toMatchObject(closed);
      await expect(store.listAttendance('board-0001')).rejects.toMatchObject(closed);
    });

    it('finishes operations already started before close resolves', async () => {
      const writes = [1, 2, 3].map((n) => store.write({ appends: [{ doc: boardDocAddress('board-0001'), update: bytes(n) }], compactions: [] }));
      await store.close();
      await expect(Promise.all(writes)).resolves.toBeDefined();
    });
  });
}

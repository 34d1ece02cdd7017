/** The contract of the documents part of the storage port (update log, snapshots, atomic batches). */
import { describe, expect, it } from 'vitest';
import { boardDocAddress, privateDocAddress, sessionDocAddress, type DocAddress } from '../../shared/protocol.js';
import { bytes, eachTestFixture, type ContractFixture } from './contract-fixture.js';
import type { DocumentStore } from './document-store.js';
import { STORE_ERROR } from './store-error.js';

const BOARD = boardDocAddress('board-0001');
const SESSION = sessionDocAddress('board-0001');

/** Registers the DocumentStore contract tests for one implementation. */
export function runDocumentStoreContract(name: string, makeStore: () => Promise<ContractFixture<DocumentStore>>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    const fixture = eachTestFixture(makeStore);

    it('loads an unknown doc as empty', async () => {
      const { store } = fixture();
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: null, updates: [] });
      expect(await store.countUpdates(BOARD)).toBe(0);
    });

    it('round-trips appends in order, per doc', async () => {
      const { store } = fixture();
      await store.write({
        appends: [
          { doc: BOARD, update: bytes(1) },
          { doc: SESSION, update: bytes(7) },
          { doc: BOARD, update: bytes(2, 2) },
        ],
        compactions: [],
      });
      await store.write({ appends: [{ doc: BOARD, update: bytes(3) }], compactions: [] });
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: null, updates: [bytes(1), bytes(2, 2), bytes(3)] });
      expect(await store.loadDoc(SESSION)).toEqual({ snapshot: null, updates: [bytes(7)] });
      expect(await store.countUpdates(BOARD)).toBe(3);
      expect(await store.countUpdates(SESSION)).toBe(1);
    });

    it('stores a large batch (hundreds of updates over several docs) completely and in order', async () => {
      const { store } = fixture();
      const board = Array.from({ length: 450 }, (_, i) => bytes(i % 256, (i >> 8) + 1));
      const session = Array.from({ length: 30 }, (_, i) => bytes(i, 3));
      const appends = board.flatMap((update, i) => (i < session.length ? [{ doc: BOARD, update }, { doc: SESSION, update: session[i]! }] : [{ doc: BOARD, update }]));
      await store.write({ appends, compactions: [] });
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: null, updates: board });
      expect(await store.loadDoc(SESSION)).toEqual({ snapshot: null, updates: session });
      expect(await store.countUpdates(BOARD)).toBe(450);
    });

    it('keeps its own copy of the bytes it was given', async () => {
      const { store } = fixture();
      const update = bytes(5, 5);
      await store.write({ appends: [{ doc: BOARD, update }], compactions: [] });
      update[0] = 99;
      const loaded = await store.loadDoc(BOARD);
      expect(loaded.updates).toEqual([bytes(5, 5)]);
      loaded.updates[0]?.fill(42);
      expect((await store.loadDoc(BOARD)).updates).toEqual([bytes(5, 5)]);
    });

    it('compaction replaces the snapshot and clears the log; same-batch appends of that doc are dropped, others kept', async () => {
      const { store } = fixture();
      await store.write({
        appends: [
          { doc: BOARD, update: bytes(1) },
          { doc: BOARD, update: bytes(2) },
          { doc: SESSION, update: bytes(7) },
        ],
        compactions: [],
      });
      await store.write({
        appends: [
          { doc: BOARD, update: bytes(3) },
          { doc: SESSION, update: bytes(8) },
        ],
        compactions: [{ doc: BOARD, snapshot: bytes(1, 2, 3) }],
      });
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: bytes(1, 2, 3), updates: [] });
      expect(await store.countUpdates(BOARD)).toBe(0);
      expect(await store.loadDoc(SESSION)).toEqual({ snapshot: null, updates: [bytes(7), bytes(8)] });

      await store.write({ appends: [{ doc: BOARD, update: bytes(4) }], compactions: [] });
      await store.write({ appends: [], compactions: [{ doc: BOARD, snapshot: bytes(9) }] });
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: bytes(9), updates: [] });
    });

    it('a batch with an invalid part writes none of it', async () => {
      const { store } = fixture();
      await store.write({ appends: [{ doc: BOARD, update: bytes(1) }], compactions: [] });
      const badDoc = { kind: 'private', boardId: 'board-0001', memberId: '' } as DocAddress;
      await expect(
        store.write({ appends: [{ doc: BOARD, update: bytes(2) }], compactions: [{ doc: badDoc, snapshot: bytes(3) }] }),
      ).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      await expect(
        store.write({ appends: [{ doc: BOARD, update: [1, 2] as unknown as Uint8Array }], compactions: [] }),
      ).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      const unknownKind = { kind: 'secret', boardId: 'board-0001' } as unknown as DocAddress;
      await expect(store.write({ appends: [{ doc: unknownKind, update: bytes(2) }], compactions: [] })).rejects.toMatchObject({
        code: STORE_ERROR.invalid,
      });
      await expect(store.loadDoc(unknownKind)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.loadDoc(BOARD)).toEqual({ snapshot: null, updates: [bytes(1)] });
    });

    it("lists the member ids of a board's stored private docs, sorted, without LIKE wildcards", async () => {
      const { store, addBoard } = fixture();
      await addBoard('board-0001');
      await store.write({
        appends: [
          { doc: privateDocAddress('board-0001', 'member-b'), update: bytes(1) },
          { doc: privateDocAddress('board-0001', 'member_a'), update: bytes(1) },
          { doc: BOARD, update: bytes(1) },
          { doc: privateDocAddress('board-0002', 'member-c'), update: bytes(1) },
        ],
        compactions: [{ doc: privateDocAddress('board-0001', 'member-d'), snapshot: bytes(2) }],
      });
      expect(await store.listPrivateDocMembers('board-0001')).toEqual(['member-b', 'member-d', 'member_a']);
      expect(await store.listPrivateDocMembers('board-none')).toEqual([]);
      expect(await store.listPrivateDocMembers('board_0001')).toEqual([]);
    });
  });
}

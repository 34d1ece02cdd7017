/**
 * The contract every BoardStore implementation passes (memory and SQLite run the same suite), so rooms and
 * routes can rely on one behaviour whatever the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRecord, BoardStore, CheckpointRecord, MemberRecord } from './board-store.js';
import { STORE_ERROR } from './store-error.js';

/** A fresh, empty store and how to dispose of it. */
export interface StoreFixture {
  store: BoardStore;
  cleanup: () => Promise<void>;
}

/** Builds a board record for tests. */
export function sampleBoard(id = 'board-0001', title = 'Checkout journey'): BoardRecord {
  return {
    id,
    title,
    createdAt: 1_700_000_000_000,
    tokenHashes: { facilitator: `f-${id}`, participant: `p-${id}`, projector: `r-${id}` },
    joinCode: `JC${id.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`.slice(0, 32),
  };
}

/** Builds a member record for tests. */
export function sampleMember(boardId: string, id: string, joinedAt = 1_700_000_000_500): MemberRecord {
  return { id, boardId, keyHash: `k-${id}`, name: `Name ${id}`, role: 'customer', department: 'Sales', joinedAt };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** Builds a checkpoint record for tests. */
export function sampleCheckpoint(boardId: string, id: string, createdAt = 1_700_000_001_000): CheckpointRecord {
  return { id, boardId, name: `Checkpoint ${id}`, createdAt, boardState: bytes(1, 2, 3), sessionState: bytes(4, 5) };
}

/** Registers the BoardStore contract tests for one implementation. */
export function runBoardStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`BoardStore contract: ${name}`, () => {
    let store: BoardStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('creates a board and reads it back; unknown ids are undefined', async () => {
      const board = sampleBoard();
      await store.createBoard(board, []);
      expect(await store.getBoard(board.id)).toEqual(board);
      expect(await store.getBoard('board-none')).toBeUndefined();
    });

    it('finds a board by its join code and rotates credentials; a taken code is refused', async () => {
      const a = sampleBoard('board-000a');
      const b = sampleBoard('board-000b');
      await store.createBoard(a, []);
      await store.createBoard(b, []);
      expect((await store.findBoardByJoinCode(a.joinCode))?.id).toBe(a.id);
      expect(await store.findBoardByJoinCode('NOSUCHCODE')).toBeUndefined();
      await store.updateCredentials(a.id, { tokenHashes: { participant: 'p-new' }, joinCode: 'NEWCODE42' });
      const after = await store.getBoard(a.id);
      expect(after?.tokenHashes).toEqual({ ...a.tokenHashes, participant: 'p-new' });
      expect(after?.joinCode).toBe('NEWCODE42');
      expect(await store.findBoardByJoinCode(a.joinCode)).toBeUndefined();
      await expect(store.updateCredentials(b.id, { joinCode: 'NEWCODE42' })).rejects.toMatchObject({ code: STORE_ERROR.exists });
      await expect(store.updateCredentials('board-none', { joinCode: 'OTHER123' })).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      await expect(store.updateCredentials(a.id, { joinCode: 'bad code' })).rejects.toThrow(/join code/);
      expect((await store.getBoard(b.id))?.joinCode).toBe(b.joinCode);
    });

    it('stores the initial docs of a board as loadable state', async () => {
      await store.createBoard(sampleBoard(), [
        { docKey: 'board', update: bytes(1, 2, 3) },
        { docKey: 'session', update: bytes(4) },
      ]);
      const board = await store.loadDoc('board-0001', 'board');
      expect([...(board.snapshot ?? []), ...board.updates.flatMap((u) => [...u])]).toEqual([1, 2, 3]);
      const session = await store.loadDoc('board-0001', 'session');
      expect([...(session.snapshot ?? []), ...session.updates.flatMap((u) => [...u])]).toEqual([4]);
    });

    it('rejects a duplicate board id with code exists and keeps the first board', async () => {
      await store.createBoard(sampleBoard('board-0001', 'First'), [{ docKey: 'board', update: bytes(1) }]);
      await expect(store.createBoard(sampleBoard('board-0001', 'Second'), [{ docKey: 'board', update: bytes(9) }])).rejects.toMatchObject({
        code: STORE_ERROR.exists,
      });
      expect((await store.getBoard('board-0001'))?.title).toBe('First');
      expect((await store.loadDoc('board-0001', 'board')).snapshot).toEqual(bytes(1));
    });

    it('rejects malformed records with code invalid and writes nothing', async () => {
      const bad = { ...sampleBoard(), title: { toString: () => 'x' } } as unknown as BoardRecord;
      await expect(store.createBoard(bad, [])).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.getBoard('board-0001')).toBeUndefined();
      await expect(
        store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update: [1, 2] as unknown as Uint8Array }], compactions: [] }),
      ).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.countUpdates('board-0001', 'board')).toBe(0);
    });

    it('adds, gets and lists members; duplicates and unknown boards are refused', async () => {
      await store.createBoard(sampleBoard(), []);
      await store.createBoard(sampleBoard('board-0002'), []);
      const late = sampleMember('board-0001', 'member-b', 2);
      const early = sampleMember('board-0001', 'member-a', 1);
      await store.addMember(late);
      await store.addMember(early);
      await store.addMember(sampleMember('board-0002', 'member-a', 1));
      expect(await store.getMember('board-0001', 'member-b')).toEqual(late);
      expect(await store.getMember('board-0001', 'member-zz')).toBeUndefined();
      expect(await store.listMembers('board-0001')).toEqual([early, late]);
      expect(await store.listMembers('board-none')).toEqual([]);
      await expect(store.addMember(sampleMember('board-0001', 'member-a', 5))).rejects.toMatchObject({ code: STORE_ERROR.exists });
      await expect(store.addMember(sampleMember('board-none', 'member-c'))).rejects.toMatchObject({ code: STORE_ERROR.notFound });
    });

    it('loads an unknown doc as empty', async () => {
      expect(await store.loadDoc('board-0001', 'board')).toEqual({ snapshot: null, updates: [] });
      expect(await store.countUpdates('board-0001', 'board')).toBe(0);
    });

    it('round-trips appends in order, per doc', async () => {
      await store.write({
        appends: [
          { boardId: 'board-0001', docKey: 'board', update: bytes(1) },
          { boardId: 'board-0001', docKey: 'session', update: bytes(7) },
          { boardId: 'board-0001', docKey: 'board', update: bytes(2, 2) },
        ],
        compactions: [],
      });
      await store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update: bytes(3) }], compactions: [] });
      expect(await store.loadDoc('board-0001', 'board')).toEqual({ snapshot: null, updates: [bytes(1), bytes(2, 2), bytes(3)] });
      expect(await store.loadDoc('board-0001', 'session')).toEqual({ snapshot: null, updates: [bytes(7)] });
      expect(await store.countUpdates('board-0001', 'board')).toBe(3);
      expect(await store.countUpdates('board-0001', 'session')).toBe(1);
    });

    it('keeps its own copy of the bytes it was given', async () => {
      const update = bytes(5, 5);
      await store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update }], compactions: [] });
      update[0] = 99;
      const loaded = await store.loadDoc('board-0001', 'board');
      expect(loaded.updates).toEqual([bytes(5, 5)]);
      loaded.updates[0]?.fill(42);
      expect((await store.loadDoc('board-0001', 'board')).updates).toEqual([bytes(5, 5)]);
    });

    it('compaction replaces the snapshot and clears the log; same-batch appends of that doc are dropped, others kept', async () => {
      await store.write({
        appends: [
          { boardId: 'board-0001', docKey: 'board', update: bytes(1) },
          { boardId: 'board-0001', docKey: 'board', update: bytes(2) },
          { boardId: 'board-0001', docKey: 'session', update: bytes(7) },
        ],
        compactions: [],
      });
      await store.write({
        appends: [
          { boardId: 'board-0001', docKey: 'board', update: bytes(3) },
          { boardId: 'board-0001', docKey: 'session', update: bytes(8) },
        ],
        compactions: [{ boardId: 'board-0001', docKey: 'board', snapshot: bytes(1, 2, 3) }],
      });
      expect(await store.loadDoc('board-0001', 'board')).toEqual({ snapshot: bytes(1, 2, 3), updates: [] });
      expect(await store.countUpdates('board-0001', 'board')).toBe(0);
      expect(await store.loadDoc('board-0001', 'session')).toEqual({ snapshot: null, updates: [bytes(7), bytes(8)] });

      await store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update: bytes(4) }], compactions: [] });
      await store.write({ appends: [], compactions: [{ boardId: 'board-0001', docKey: 'board', snapshot: bytes(9) }] });
      expect(await store.loadDoc('board-0001', 'board')).toEqual({ snapshot: bytes(9), updates: [] });
    });

    it('a batch with an invalid part writes none of it', async () => {
      await store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update: bytes(1) }], compactions: [] });
      await expect(
        store.write({
          appends: [{ boardId: 'board-0001', docKey: 'board', update: bytes(2) }],
          compactions: [{ boardId: 'board-0001', docKey: '', snapshot: bytes(3) }],
        }),
      ).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.loadDoc('board-0001', 'board')).toEqual({ snapshot: null, updates: [bytes(1)] });
    });

    it('close is idempotent and every later call rejects with code closed', async () => {
      await store.createBoard(sampleBoard(), []);
      await Promise.all([store.close(), store.close()]);
      await store.close();
      const closed = { code: STORE_ERROR.closed };
      await expect(store.getBoard('board-0001')).rejects.toMatchObject(closed);
      await expect(store.createBoard(sampleBoard('board-0002'), [])).rejects.toMatchObject(closed);
      await expect(store.addMember(sampleMember('board-0001', 'member-a'))).rejects.toMatchObject(closed);
      await expect(store.getMember('board-0001', 'member-a')).rejects.toMatchObject(closed);
      await expect(store.listMembers('board-0001')).rejects.toMatchObject(closed);
      await expect(store.loadDoc('board-0001', 'board')).rejects.toMatchObject(closed);
      await expect(store.write({ appends: [], compactions: [] })).rejects.toMatchObject(closed);
      await expect(store.countUpdates('board-0001', 'board')).rejects.toMatchObject(closed);
    });

    it('lists the stored doc keys of a board by prefix, sorted, without LIKE wildcards', async () => {
      await store.createBoard(sampleBoard(), [{ docKey: 'board', update: bytes(1) }]);
      await store.write({
        appends: [
          { boardId: 'board-0001', docKey: 'private:member-b', update: bytes(1) },
          { boardId: 'board-0001', docKey: 'private:member-a', update: bytes(1) },
          { boardId: 'board-0001', docKey: 'private_x', update: bytes(1) },
          { boardId: 'board-0002', docKey: 'private:member-c', update: bytes(1) },
        ],
        compactions: [{ boardId: 'board-0001', docKey: 'private:member-d', snapshot: bytes(2) }],
      });
      expect(await store.listDocKeys('board-0001', 'private:')).toEqual(['private:member-a', 'private:member-b', 'private:member-d']);
      expect(await store.listDocKeys('board-0001', 'private_')).toEqual(['private_x']);
      expect(await store.listDocKeys('board-0001', '')).toEqual(['board', 'private:member-a', 'private:member-b', 'private:member-d', 'private_x']);
      expect(await store.listDocKeys('board-none', 'private:')).toEqual([]);
    });

    it('stores checkpoints with both states, lists them oldest first, refuses duplicates and unknown boards', async () => {
      await store.createBoard(sampleBoard(), []);
      await store.createBoard(sampleBoard('board-0002'), []);
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
      await store.createBoard(sampleBoard(), []);
      const checkpoint = sampleCheckpoint('board-0001', 'cp-1');
      await store.createCheckpoint(checkpoint);
      checkpoint.boardState[0] = 99;
      const loaded = await store.getCheckpoint('board-0001', 'cp-1');
      expect(loaded?.boardState).toEqual(bytes(1, 2, 3));
      loaded?.sessionState.fill(0);
      expect((await store.getCheckpoint('board-0001', 'cp-1'))?.sessionState).toEqual(bytes(4, 5));
    });

    it('records attendance sessions: join returns an id, the first leave wins, lists by join time', async () => {
      await store.createBoard(sampleBoard(), []);
      await store.createBoard(sampleBoard('board-0002'), []);
      const second = await store.recordJoin('board-0001', 'member-b', 2000);
      const first = await store.recordJoin('board-0001', 'member-a', 1000);
      const other = await store.recordJoin('board-0002', 'member-a', 1500);
      expect(new Set([first, second, other]).size).toBe(3);
      await store.recordLeave(first, 5000);
      await store.recordLeave(first, 9000);
      expect(await store.listAttendance('board-0001')).toEqual([
        { id: first, boardId: 'board-0001', memberId: 'member-a', joinedAt: 1000, leftAt: 5000 },
        { id: second, boardId: 'board-0001', memberId: 'member-b', joinedAt: 2000, leftAt: null },
      ]);
      expect(await store.listAttendance('board-none')).toEqual([]);
      await expect(store.recordJoin('board-none', 'member-a', 1)).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      await expect(store.recordLeave(987654, 1)).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      await expect(store.recordLeave(0, 1)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      await expect(store.recordJoin('board-0001', 'member-a', Number.NaN)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.listAttendance('board-0001')).toHaveLength(2);
    });

    it('the checkpoint, attendance and doc-key calls reject with code closed after close', async () => {
      await store.createBoard(sampleBoard(), []);
      await store.close();
      const closed = { code: STORE_ERROR.closed };
      await expect(store.listDocKeys('board-0001', 'private:')).rejects.toMatchObject(closed);
      await expect(store.createCheckpoint(sampleCheckpoint('board-0001', 'cp-1'))).rejects.toMatchObject(closed);
      await expect(store.listCheckpoints('board-0001')).rejects.toMatchObject(closed);
      await expect(store.getCheckpoint('board-0001', 'cp-1')).rejects.toMatchObject(closed);
      await expect(store.recordJoin('board-0001', 'member-a', 1)).rejects.toMatchObject(closed);
      await expect(store.recordLeave(1, 1)).rejects.toMatchObject(closed);
      await expect(store.listAttendance('board-0001')).rejects.toMatchObject(closed);
    });

    it('finishes operations already started before close resolves', async () => {
      const writes = [1, 2, 3].map((n) => store.write({ appends: [{ boardId: 'board-0001', docKey: 'board', update: bytes(n) }], compactions: [] }));
      await store.close();
      await expect(Promise.all(writes)).resolves.toBeDefined();
    });
  });
}

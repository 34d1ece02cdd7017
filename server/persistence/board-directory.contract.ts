/** The contract of the board directory part of the storage port (boards, credentials, members). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardDocAddress, sessionDocAddress } from '../../shared/protocol.js';
import type { BoardDirectory, BoardRecord } from './board-directory.js';
import { bytes, sampleBoard, sampleMember, type ContractFixture } from './contract-fixture.js';
import type { DocumentStore } from './document-store.js';
import { STORE_ERROR } from './store-error.js';

/** Registers the BoardDirectory contract tests for one implementation (it also loads docs, to see createBoard's). */
export function runBoardDirectoryContract(name: string, makeStore: () => Promise<ContractFixture<BoardDirectory & Pick<DocumentStore, 'loadDoc'>>>): void {
  describe(`BoardDirectory contract: ${name}`, () => {
    let store: BoardDirectory & Pick<DocumentStore, 'loadDoc'>;
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
        { doc: boardDocAddress('board-0001'), update: bytes(1, 2, 3) },
        { doc: sessionDocAddress('board-0001'), update: bytes(4) },
      ]);
      const board = await store.loadDoc(boardDocAddress('board-0001'));
      expect([...(board.snapshot ?? []), ...board.updates.flatMap((u) => [...u])]).toEqual([1, 2, 3]);
      const session = await store.loadDoc(sessionDocAddress('board-0001'));
      expect([...(session.snapshot ?? []), ...session.updates.flatMap((u) => [...u])]).toEqual([4]);
    });

    it('refuses initial docs of another board, or the same doc twice, with code invalid and writes nothing', async () => {
      await expect(store.createBoard(sampleBoard(), [{ doc: boardDocAddress('board-0002'), update: bytes(1) }])).rejects.toMatchObject({
        code: STORE_ERROR.invalid,
      });
      const twice = [
        { doc: boardDocAddress('board-0001'), update: bytes(1) },
        { doc: boardDocAddress('board-0001'), update: bytes(2) },
      ];
      await expect(store.createBoard(sampleBoard(), twice)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.getBoard('board-0001')).toBeUndefined();
    });

    it('rejects a duplicate board id with code exists and keeps the first board', async () => {
      await store.createBoard(sampleBoard('board-0001', 'First'), [{ doc: boardDocAddress('board-0001'), update: bytes(1) }]);
      await expect(
        store.createBoard(sampleBoard('board-0001', 'Second'), [{ doc: boardDocAddress('board-0001'), update: bytes(9) }]),
      ).rejects.toMatchObject({ code: STORE_ERROR.exists });
      expect((await store.getBoard('board-0001'))?.title).toBe('First');
      expect((await store.loadDoc(boardDocAddress('board-0001'))).snapshot).toEqual(bytes(1));
    });

    it('rejects malformed records with code invalid and writes nothing', async () => {
      const bad = { ...sampleBoard(), title: { toString: () => 'x' } } as unknown as BoardRecord;
      await expect(store.createBoard(bad, [])).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.getBoard('board-0001')).toBeUndefined();
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
  });
}

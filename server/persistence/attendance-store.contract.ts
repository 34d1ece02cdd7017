/** The contract of the attendance part of the storage port. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceStore } from './attendance-store.js';
import type { ContractFixture } from './contract-fixture.js';
import { STORE_ERROR } from './store-error.js';

/** Registers the AttendanceStore contract tests for one implementation. */
export function runAttendanceStoreContract(name: string, makeStore: () => Promise<ContractFixture<AttendanceStore>>): void {
  describe(`AttendanceStore contract: ${name}`, () => {
    let store: AttendanceStore;
    let addBoard: (id: string) => Promise<void>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, addBoard, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    it('records visits: join returns an id, the first leave wins, lists by join time', async () => {
      await addBoard('board-0001');
      await addBoard('board-0002');
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
    });

    it('refuses unknown boards and visits, and malformed ids and times', async () => {
      await addBoard('board-0001');
      await expect(store.recordJoin('board-none', 'member-a', 1)).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      await expect(store.recordLeave(987654, 1)).rejects.toMatchObject({ code: STORE_ERROR.notFound });
      await expect(store.recordLeave(0, 1)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      await expect(store.recordJoin('board-0001', 'member-a', Number.NaN)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      await expect(store.recordJoin('board-0001', '', 1)).rejects.toMatchObject({ code: STORE_ERROR.invalid });
      expect(await store.listAttendance('board-0001')).toEqual([]);
    });
  });
}

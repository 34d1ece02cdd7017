import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { sampleBoard } from '../persistence/contract-fixture.js';
import { MemoryStore } from '../persistence/memory-store.js';
import { AttendanceTracker } from './attendance-tracker.js';

describe('AttendanceTracker', () => {
  it('records a join and, once, its leave, even when the leave comes before the join is stored', async () => {
    const store = new MemoryStore();
    await store.createBoard(sampleBoard(), []);
    let clock = 1000;
    const tracker = new AttendanceTracker(store, createLogger('silent'), () => clock);
    const leave = tracker.connected('board-0001', 'member-a');
    clock = 4000;
    leave();
    leave();
    await tracker.settle();
    expect(await store.listAttendance('board-0001')).toEqual([{ id: 1, boardId: 'board-0001', memberId: 'member-a', joinedAt: 1000, leftAt: 4000 }]);
    expect(tracker.liveVisitIds().size).toBe(0);
  });

  it('keeps live session ids while connected and survives a failing store', async () => {
    const store = new MemoryStore();
    await store.createBoard(sampleBoard(), []);
    const tracker = new AttendanceTracker(store, createLogger('silent'));
    tracker.connected('board-0001', 'member-a');
    await tracker.settle();
    expect([...tracker.liveVisitIds()]).toEqual([1]);
    store.failWrites(new Error('disk full'));
    const leave = tracker.connected('board-0001', 'member-b');
    leave();
    await tracker.settle();
    expect(await store.listAttendance('board-0001')).toHaveLength(1);
    // An unknown board is refused by the store and only logged.
    store.failWrites(null);
    tracker.connected('board-none', 'member-c')();
    await tracker.settle();
    expect([...tracker.liveVisitIds()]).toEqual([1]);
  });
});

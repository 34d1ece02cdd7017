import { describe, expect, it } from 'vitest';
import { foldAttendance, unionLength, type AttendanceMember } from './attendance.js';

const members: AttendanceMember[] = [
  { id: 'ana', name: 'Ana', role: 'customer', department: '' },
  { id: 'bob', name: 'Bob', role: 'stakeholder', department: 'Support' },
];

describe('attendance', () => {
  it('counts overlapping connections of one member once', () => {
    const entries = foldAttendance(
      [
        { memberId: 'ana', joinedAt: 1000, leftAt: 5000 },
        { memberId: 'ana', joinedAt: 2000, leftAt: 3000 }, // second tab inside the first
        { memberId: 'ana', joinedAt: 4000, leftAt: 7000 }, // overlaps the end
        { memberId: 'ana', joinedAt: 9000, leftAt: 10_000 }, // a later, separate visit
        { memberId: 'bob', joinedAt: 500, leftAt: null },
      ],
      members,
      { now: 8000 },
    );
    expect(entries).toEqual([
      { memberId: 'bob', name: 'Bob', role: 'stakeholder', department: 'Support', firstJoinedAt: 500, lastSeenAt: 8000, totalMs: 7500 },
      { memberId: 'ana', name: 'Ana', role: 'customer', department: '', firstJoinedAt: 1000, lastSeenAt: 10_000, totalMs: 7000 },
    ]);
  });

  it('an open interval no connection owns any more counts no time; unknown members are kept', () => {
    const entries = foldAttendance(
      [
        { id: 1, memberId: 'ana', joinedAt: 1000, leftAt: null },
        { id: 2, memberId: 'ghost', joinedAt: 2000, leftAt: null },
      ],
      members,
      { now: 9000, liveVisitIds: new Set([2]) },
    );
    expect(entries.map((e) => [e.memberId, e.name, e.totalMs, e.lastSeenAt])).toEqual([
      ['ana', 'Ana', 0, 1000],
      ['ghost', 'Unknown', 7000, 9000],
    ]);
  });

  it('ignores bad intervals and merges touching ranges', () => {
    expect(unionLength([[0, 10], [10, 20], [30, 25], [5, 6]])).toBe(20);
    expect(foldAttendance([{ memberId: 'ana', joinedAt: Number.NaN, leftAt: 5 }], members, { now: 10 })).toEqual([]);
    expect(foldAttendance([{ memberId: 'ana', joinedAt: 10, leftAt: 5 }], members, { now: 10 })[0]?.totalMs).toBe(0);
  });
});

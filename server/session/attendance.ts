/**
 * Attendance: connection intervals (one per board-doc connection) folded into one entry per member —
 * first join, last seen, and total connected time. Overlapping intervals of one member (two tabs, a
 * reconnect before the old socket timed out) count once.
 */
import type { AttendanceEntry } from '../../shared/session/schema.js';

/** One connection of a member to a board: `leftAt` is null while connected (or when the server died). */
export interface ConnectionInterval {
  /** the store's visit id, if any (see `liveVisitIds`) */
  id?: number;
  memberId: string;
  joinedAt: number;
  leftAt: number | null;
}

/** The member fields attendance shows. */
export interface AttendanceMember {
  id: string;
  name: string;
  role: AttendanceEntry['role'];
  department: string;
}

export interface FoldOptions {
  /** the time open intervals run to */
  now: number;
  /**
   * Ids of intervals whose connection is open right now. When given, an open interval not in this set
   * was left by a server that stopped without recording the leave: it counts from join to join (zero
   * time) rather than growing forever. When omitted, every open interval runs to `now`.
   */
  liveVisitIds?: ReadonlySet<number>;
}

/** Length of the union of [start, end) ranges. */
export function unionLength(ranges: readonly (readonly [number, number])[]): number {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let curStart = Number.NaN;
  let curEnd = Number.NaN;
  for (const [start, end] of sorted) {
    if (Number.isNaN(curStart) || start > curEnd) {
      if (!Number.isNaN(curStart)) total += curEnd - curStart;
      curStart = start;
      curEnd = end;
    } else if (end > curEnd) {
      curEnd = end;
    }
  }
  if (!Number.isNaN(curStart)) total += curEnd - curStart;
  return total;
}

function intervalEnd(interval: ConnectionInterval, options: FoldOptions): number {
  if (interval.leftAt !== null) return Math.max(interval.joinedAt, interval.leftAt);
  const dead = options.liveVisitIds !== undefined && (interval.id === undefined || !options.liveVisitIds.has(interval.id));
  return dead ? interval.joinedAt : Math.max(interval.joinedAt, options.now);
}

/**
 * One entry per member with at least one interval, ordered by first join (then member id). Members that
 * are not in `members` appear as "Unknown" so no time is dropped; intervals with non-finite times are ignored.
 */
export function foldAttendance(
  intervals: readonly ConnectionInterval[],
  members: readonly AttendanceMember[],
  options: FoldOptions,
): AttendanceEntry[] {
  const byMember = new Map<string, [number, number][]>();
  for (const interval of intervals) {
    if (!Number.isFinite(interval.joinedAt) || (interval.leftAt !== null && !Number.isFinite(interval.leftAt))) continue;
    const list = byMember.get(interval.memberId) ?? [];
    list.push([interval.joinedAt, intervalEnd(interval, options)]);
    byMember.set(interval.memberId, list);
  }
  const info = new Map(members.map((member) => [member.id, member]));
  const entries: AttendanceEntry[] = [];
  for (const [memberId, ranges] of byMember) {
    const member = info.get(memberId);
    entries.push({
      memberId,
      name: member?.name ?? 'Unknown',
      role: member?.role ?? 'stakeholder',
      department: member?.department ?? '',
      firstJoinedAt: ranges.reduce((min, r) => Math.min(min, r[0]), Number.POSITIVE_INFINITY),
      lastSeenAt: ranges.reduce((max, r) => Math.max(max, r[1]), Number.NEGATIVE_INFINITY),
      totalMs: unionLength(ranges),
    });
  }
  return entries.sort((a, b) => a.firstJoinedAt - b.firstJoinedAt || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

import { describe, expect, it } from 'vitest';
import { CEILING_FACTOR, LOG_SHARE_OF_SNAPSHOT, compactionDue } from './compaction-rule.js';

describe('compactionDue', () => {
  it('a board without a snapshot, or a small one, compacts at the minimum number of rows', () => {
    expect(compactionDue({ updates: 499, bytes: 50_000, snapshotBytes: 0 }, 500)).toBe(false);
    expect(compactionDue({ updates: 500, bytes: 10_000, snapshotBytes: 0 }, 500)).toBe(true);
    expect(compactionDue({ updates: 500, bytes: 10_000, snapshotBytes: 40_000 }, 500)).toBe(true);
  });

  it('a big board waits until its log holds a quarter of its snapshot', () => {
    const snapshotBytes = 1_000_000;
    expect(compactionDue({ updates: 500, bytes: 20_000, snapshotBytes }, 500)).toBe(false);
    expect(compactionDue({ updates: 5000, bytes: snapshotBytes * LOG_SHARE_OF_SNAPSHOT - 1, snapshotBytes }, 500)).toBe(false);
    expect(compactionDue({ updates: 5000, bytes: snapshotBytes * LOG_SHARE_OF_SNAPSHOT, snapshotBytes }, 500)).toBe(true);
  });

  it('however big the board, the log is compacted at the ceiling of rows', () => {
    const snapshotBytes = 50_000_000;
    expect(compactionDue({ updates: 500 * CEILING_FACTOR - 1, bytes: 200_000, snapshotBytes }, 500)).toBe(false);
    expect(compactionDue({ updates: 500 * CEILING_FACTOR, bytes: 200_000, snapshotBytes }, 500)).toBe(true);
  });

  it('a few big rows are never compacted before the minimum', () => {
    expect(compactionDue({ updates: 3, bytes: 10_000_000, snapshotBytes: 1000 }, 500)).toBe(false);
  });
});

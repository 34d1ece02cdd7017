/**
 * When a doc's update log is folded into its snapshot. Compacting encodes the whole doc on the event loop, which
 * costs in proportion to the board (about 7-20 ms for 2,000 notes and 35-60 ms for 10,000 on the benchmark
 * machine) and stalls every room of the instance meanwhile; replaying a log at load costs about 1 µs per
 * keystroke-sized update whatever the board's size (docs/benchmarks.md, "Compaction in proportion to the board").
 * So a small board compacts every `minUpdates` as it always did, and a big one waits until its log holds a
 * quarter of its snapshot's bytes, but never beyond `CEILING_FACTOR × minUpdates` rows: the compaction's cost per
 * update stays about the same for every board size, and the log a restart replays stays short.
 */

/** A big board compacts once its log holds this share of its snapshot's bytes. */
export const LOG_SHARE_OF_SNAPSHOT = 0.25;
/** However big the board, its log is compacted at this many times the minimum number of rows. */
export const CEILING_FACTOR = 20;

/** The size of a doc's stored state and what is about to be appended to it. */
export interface LogSize {
  /** log rows, stored and about to be */
  updates: number;
  /** their bytes */
  bytes: number;
  /** bytes of the doc's stored snapshot (0: none yet) */
  snapshotBytes: number;
}

/** Whether a commit that appends to this log should compact it instead (`minUpdates`: COMPACT_AFTER_UPDATES). */
export function compactionDue(log: LogSize, minUpdates: number): boolean {
  if (log.updates < minUpdates) return false;
  if (log.updates >= minUpdates * CEILING_FACTOR) return true;
  return log.bytes >= log.snapshotBytes * LOG_SHARE_OF_SNAPSHOT;
}

/**
 * The one shutdown budget: how the stop grace period is split between the steps of a graceful shutdown
 * (server.ts close(): room flush, then the write queue's last attempt, then the store; serve.ts exits by `totalMs`).
 */
export const SHUTDOWN_BUDGET = {
  /** hard deadline: the process exits by then (Docker's default stop grace period) */
  totalMs: 10_000,
  /** longest wait for the final compacting flush of every loaded doc */
  roomFlushMs: 6_000,
  /** longest wait for the write queue's last attempt at what the room flush left pending */
  queueCloseMs: 2_500,
} as const;

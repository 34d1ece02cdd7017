/**
 * Tells a sustained rate of events from a burst: true once every slot of the last `forMs` held at least its share
 * of `perSecond`. The write queue spaces its commits only then (write-queue.ts): a steady stream of edits from many
 * typists is committed in batches, while a burst (a paste, a reconnecting client's offline edits) and a quiet
 * board's edit are committed as soon as they can be.
 */

/** Length of one counting slot. */
export const SLOT_MS = 250;

export class SustainedRate {
  /** Start of the slot being counted (ms, the caller's clock). */
  private slotStart = -Infinity;
  private inSlot = 0;
  /** Consecutive busy slots just before the current one. */
  private busySlots = 0;
  private readonly perSlot: number;
  private readonly slotsNeeded: number;

  /** `perSecond` 0 with `forMs` 0: always sustained. */
  constructor(perSecond: number, forMs: number) {
    this.perSlot = (perSecond * SLOT_MS) / 1000;
    this.slotsNeeded = Math.ceil(forMs / SLOT_MS);
  }

  /** Counts one event at `now` (ms, monotonic). */
  count(now: number): void {
    this.advance(now);
    this.inSlot++;
  }

  /** True when each of the slots of the last `forMs` before the current one was busy. */
  sustained(now: number): boolean {
    this.advance(now);
    return this.busySlots >= this.slotsNeeded;
  }

  private advance(now: number): void {
    if (now < this.slotStart + SLOT_MS) return;
    if (this.slotStart === -Infinity) {
      this.slotStart = now;
      return;
    }
    const closed = Math.floor((now - this.slotStart) / SLOT_MS);
    // The slot that just closed extends the run if it was busy; any later closed slot saw nothing.
    this.busySlots = closed === 1 && this.inSlot >= this.perSlot ? this.busySlots + 1 : 0;
    this.slotStart += closed * SLOT_MS;
    this.inSlot = 0;
  }
}

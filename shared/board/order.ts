/**
 * Fractional order keys (rocicorp's fractional-indexing) with a tie-break on id, so that every peer sorts
 * the same way even when two peers concurrently produced the same key.
 */
import { generateKeyBetween } from 'fractional-indexing';

/** Anything sortable by (order, id). */
export interface Ordered {
  id: string;
  order: string;
}

/** Compares by order key, then by id; plain code-unit comparison, as the keys are ASCII. */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** Returns a new sorted array. */
export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

/**
 * A key strictly between `before` and `after` (either may be null for the ends).
 * Keys written by a buggy or hostile peer may be invalid or out of order: then we fall back to a key
 * after `before` alone, then to a fresh first key, so a user action never fails on bad data.
 */
export function keyBetween(before: string | null, after: string | null): string {
  try {
    if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
    return generateKeyBetween(before, after);
  } catch {
    try {
      return generateKeyBetween(before, null);
    } catch {
      return generateKeyBetween(null, null);
    }
  }
}

/** A key after every item of `items` (which need not be sorted). */
export function keyAfterAll(items: readonly Ordered[]): string {
  const sorted = sortOrdered(items);
  const last = sorted[sorted.length - 1];
  return keyBetween(last ? last.order : null, null);
}

/**
 * The key that puts an item at position `index` among `items` once the item itself (`movingId`) is left
 * out. `index` is clamped to the list.
 */
export function keyForIndex(items: readonly Ordered[], index: number, movingId?: string): string {
  const others = sortOrdered(items.filter((item) => item.id !== movingId));
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1];
  const after = others[at];
  return keyBetween(before ? before.order : null, after ? after.order : null);
}

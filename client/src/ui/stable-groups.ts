/**
 * Groups items by a key and keeps each group's array from the previous grouping when it holds the same
 * items in the same order. A board re-read keeps unchanged notes' identity (IncrementalBoardReader), so a
 * keystroke in one note changes one cell's array and every other cell can be skipped by identity.
 */

/** `items` grouped by `keyOf`, in their order; a group equal item by item to `previous`'s is that array. */
export function groupStable<T>(items: Iterable<T>, keyOf: (item: T) => string, previous: ReadonlyMap<string, readonly T[]>): Map<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const result = new Map<string, readonly T[]>();
  for (const [key, group] of groups) {
    const before = previous.get(key);
    result.set(key, before && sameItems(before, group) ? before : group);
  }
  return result;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A big board's cells are rendered in parts of a few notes each, so a part far from the viewport can stay a
 * placeholder until it comes near (see LazyPartsController). Creating 2,000 note elements with their shadow
 * trees is most of opening such a board; a part (five notes, about a laptop screen's height) is small enough
 * that a cell of fifty notes, ten screens tall, renders only what is near. Pure: which part a note falls in and what a placeholder says.
 */

/** Notes per part. */
export const PART_SIZE = 5;

/** Below this many notes on the board every part is rendered at once: nothing to save, no placeholder flash. */
export const LAZY_FROM_NOTES = 200;

/** The cell's notes cut into parts of PART_SIZE, in order (an empty cell has no parts). */
export function splitParts<T>(notes: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < notes.length; start += PART_SIZE) parts.push(notes.slice(start, start + PART_SIZE));
  return parts;
}

/** The part that holds the note at `index` in its cell. */
export const partOf = (index: number): number => Math.floor(index / PART_SIZE);

/** What a placeholder part shows and says: "Notes 6–10 of 54" ("Note 51 of 51" for a part of one). */
export function partLabel(part: number, size: number, total: number): string {
  const first = part * PART_SIZE + 1;
  return size === 1 ? `Note ${first} of ${total}` : `Notes ${first}–${first + size - 1} of ${total}`;
}

/** How <jr-board> cuts a big cell into parts rendered one by one, and what a part not rendered yet says. */
import { describe, expect, it } from 'vitest';
import { PART_SIZE, partLabel, partOf, splitParts } from '../../client/src/ui/note-parts.js';

const notes = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

describe('note parts', () => {
  it('cuts a cell into parts of PART_SIZE in order, the last one shorter', () => {
    const parts = splitParts(notes(2 * PART_SIZE + 2));
    expect(parts.map((part) => part.length)).toEqual([PART_SIZE, PART_SIZE, 2]);
    expect(parts.flat()).toEqual(notes(2 * PART_SIZE + 2));
    expect(splitParts([])).toEqual([]);
  });

  it('finds the part of a note by its place in the cell', () => {
    expect(partOf(0)).toBe(0);
    expect(partOf(PART_SIZE - 1)).toBe(0);
    expect(partOf(PART_SIZE)).toBe(1);
    const parts = splitParts(notes(3 * PART_SIZE));
    for (const index of [0, PART_SIZE + 1, 3 * PART_SIZE - 1]) expect(parts[partOf(index)]).toContain(index);
  });

  it('labels a placeholder with the notes it stands for, counted from 1', () => {
    expect(partLabel(1, PART_SIZE, 17)).toBe(`Notes ${PART_SIZE + 1}–${2 * PART_SIZE} of 17`);
    expect(partLabel(3, 2, 17)).toBe(`Notes ${3 * PART_SIZE + 1}–${3 * PART_SIZE + 2} of 17`);
    expect(partLabel(3, 1, 16)).toBe(`Note ${3 * PART_SIZE + 1} of 16`);
  });
});

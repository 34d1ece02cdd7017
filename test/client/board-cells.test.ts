/** BoardCells and editingByCell: what lets the grid and the outline skip every cell a change did not touch. */
import { describe, expect, it } from 'vitest';
import type { Note } from '../../shared/board/schema.js';
import { BoardCells, cellKey, editingByCell } from '../../client/src/ui/board-cells.js';

/** A note with what the grouping reads (its id and cell) and a text, to tell a re-read from the original. */
const note = (id: string, stageId: string, laneId: string, text = id): Note => ({ id, stageId, laneId, text }) as Note;

describe('board cells', () => {
  it('keeps the arrays of the cells a re-read did not change, notes and drafts alike', () => {
    const cells = new BoardCells();
    const [a, b, c] = [note('a', 's1', 'l1'), note('b', 's1', 'l2'), note('c', 's1', 'l1')];
    const first = cells.groupNotes([a, b, c]);
    expect(first.get(cellKey('s1', 'l1'))).toEqual([a, c]);
    // a keystroke in b: a new object for b, the others as they were
    const b2 = note('b', 's1', 'l2', 'b!');
    const second = cells.groupNotes([a, b2, c]);
    expect(second.get(cellKey('s1', 'l1'))).toBe(first.get(cellKey('s1', 'l1')));
    expect(second.get(cellKey('s1', 'l2'))).toEqual([b2]);
    expect(cells.notesByCell).toBe(second);
    // b moved to another cell: both cells change
    const b3 = note('b', 's2', 'l2', 'b!');
    const third = cells.groupNotes([a, b3, c]);
    expect(third.get(cellKey('s1', 'l2'))).toBeUndefined();
    expect(third.get(cellKey('s2', 'l2'))).toEqual([b3]);

    const draft = { id: 'd', stageId: 's1', laneId: 'l1' } as unknown as Parameters<BoardCells['groupDrafts']>[0][number];
    const drafts = cells.groupDrafts([draft]);
    expect(cells.groupDrafts([draft]).get(cellKey('s1', 'l1'))).toBe(drafts.get(cellKey('s1', 'l1')));
  });

  it('says per cell who edits which note, as a string that is equal when nothing changed', () => {
    const notes = [note('a', 's1', 'l1'), note('b', 's1', 'l2'), note('c', 's1', 'l1')];
    expect(editingByCell(notes, new Map()).size).toBe(0);
    const editing = editingByCell(notes, new Map([['a', ['Bo']], ['c', ['Cy', 'Di']], ['gone', ['Ed']]]));
    expect([...editing.keys()]).toEqual([cellKey('s1', 'l1')]);
    expect(editing.get(cellKey('s1', 'l1'))).toBe(editingByCell(notes, new Map([['a', ['Bo']], ['c', ['Cy', 'Di']]])).get(cellKey('s1', 'l1')));
    expect(editing.get(cellKey('s1', 'l1'))).not.toBe(editingByCell(notes, new Map([['a', ['Bo']]])).get(cellKey('s1', 'l1')));
  });
});

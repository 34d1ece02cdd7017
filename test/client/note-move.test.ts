/** Keyboard moves of a note: slots across stages, lanes and cell positions, edges, and how a slot is read out. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Author } from '../../shared/board/schema.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote, initBoard } from '../../shared/board/write.js';
import { BLANK_TEMPLATE } from '../../shared/board/template.js';
import { currentSlot, describeSlot, nextSlot, type Slot } from '../../client/src/ui/note-move.js';

const ada: Author = { id: 'm-ada', name: 'Ada', role: 'customer', department: '' };

/** A 2 stages × 2 lanes board: cell (S1, L1) holds a, b, c; (S2, L1) holds d. */
function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Moves', createdAt: 1, template: { ...BLANK_TEMPLATE, stages: ['S1', 'S2'], lanes: [{ title: 'L1', kind: 'doing' }, { title: 'L2', kind: 'pains' }] } });
  const empty = readBoard(doc);
  const [s1, s2] = empty.stages.map((s) => s.id);
  const [l1, l2] = empty.lanes.map((l) => l.id);
  for (const id of ['a', 'b', 'c']) addNote(doc, { stageId: s1 ?? '', laneId: l1 ?? '', text: id, author: ada, id });
  addNote(doc, { stageId: s2 ?? '', laneId: l1 ?? '', text: 'd', author: ada, id: 'd' });
  return { snapshot: readBoard(doc), s1: s1 ?? '', s2: s2 ?? '', l1: l1 ?? '', l2: l2 ?? '' };
}

describe('note moves by keyboard', () => {
  it('starts from the note’s own position in its cell', () => {
    const { snapshot, s1, l1 } = board();
    const b = snapshot.notes.find((n) => n.id === 'b');
    expect(b && currentSlot(snapshot, b)).toEqual({ stageId: s1, laneId: l1, index: 1 });
    expect(describeSlot(snapshot, { stageId: s1, laneId: l1, index: 1 }, 'b')).toBe('S1, L1, position 2 of 3');
  });

  it('moves within the cell and on into the neighbouring lane, and across stages keeping the position if it can', () => {
    const { snapshot, s1, s2, l1, l2 } = board();
    const at: Slot = { stageId: s1, laneId: l1, index: 2 };
    expect(nextSlot(snapshot, at, 'ArrowUp', 'c')).toEqual({ stageId: s1, laneId: l1, index: 1 });
    expect(nextSlot(snapshot, at, 'ArrowDown', 'c')).toEqual({ stageId: s1, laneId: l2, index: 0 });
    expect(nextSlot(snapshot, { stageId: s1, laneId: l2, index: 0 }, 'ArrowUp', 'c')).toEqual({ stageId: s1, laneId: l1, index: 2 });
    expect(nextSlot(snapshot, at, 'ArrowRight', 'c')).toEqual({ stageId: s2, laneId: l1, index: 1 });
    expect(nextSlot(snapshot, { stageId: s2, laneId: l1, index: 0 }, 'ArrowLeft', 'd')).toEqual({ stageId: s1, laneId: l1, index: 0 });
    expect(nextSlot(snapshot, { stageId: s1, laneId: l1, index: 1 }, 'Home', 'b')).toEqual({ stageId: s1, laneId: l1, index: 0 });
    expect(nextSlot(snapshot, { stageId: s1, laneId: l1, index: 0 }, 'End', 'a')).toEqual({ stageId: s1, laneId: l1, index: 2 });
  });

  it('stays put at the edges of the board and for other keys', () => {
    const { snapshot, s1, s2, l1, l2 } = board();
    const topLeft: Slot = { stageId: s1, laneId: l1, index: 0 };
    const bottomRight: Slot = { stageId: s2, laneId: l2, index: 0 };
    expect(nextSlot(snapshot, topLeft, 'ArrowLeft', 'a')).toBe(topLeft);
    expect(nextSlot(snapshot, topLeft, 'ArrowUp', 'a')).toBe(topLeft);
    expect(nextSlot(snapshot, bottomRight, 'ArrowRight', 'd')).toBe(bottomRight);
    expect(nextSlot(snapshot, bottomRight, 'ArrowDown', 'd')).toBe(bottomRight);
    expect(nextSlot(snapshot, topLeft, 'x', 'a')).toBe(topLeft);
  });
});

/**
 * Where a note goes when it is moved by keyboard: pure functions over a BoardSnapshot, so the board element
 * only wires keys to them and announces the result.
 */
import type { Note } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';

/** A place in the grid: a cell and a position among its notes (the moving note left out). */
export interface Slot {
  stageId: string;
  laneId: string;
  index: number;
}

/** How many notes a cell holds, the moving note left out. */
export function cellCount(snapshot: BoardSnapshot, stageId: string, laneId: string, movingId: string): number {
  return snapshot.notes.filter((n) => n.stageId === stageId && n.laneId === laneId && n.id !== movingId).length;
}

/** "Pay, Pain points, position 2 of 3": a slot as a screen reader hears it. */
export function describeSlot(snapshot: BoardSnapshot, slot: Slot, movingId: string): string {
  const stage = snapshot.stages.find((s) => s.id === slot.stageId)?.title ?? 'stage';
  const lane = snapshot.lanes.find((l) => l.id === slot.laneId)?.title ?? 'lane';
  const total = cellCount(snapshot, slot.stageId, slot.laneId, movingId) + 1;
  return `${stage}, ${lane}, position ${slot.index + 1} of ${total}`;
}

/** The slot a note is in now, by its (order, id) among the other notes of its cell. */
export function currentSlot(snapshot: BoardSnapshot, note: Note): Slot {
  const index = snapshot.notes
    .filter((n) => n.stageId === note.stageId && n.laneId === note.laneId && n.id !== note.id)
    .findIndex((n) => n.order > note.order || (n.order === note.order && n.id > note.id));
  return { stageId: note.stageId, laneId: note.laneId, index: index < 0 ? cellCount(snapshot, note.stageId, note.laneId, note.id) : index };
}

/**
 * The slot a key moves to: left/right to the neighbouring stage, up/down within the cell and on into the
 * neighbouring lane, Home/End to the ends of the cell. Returns `from` itself at the edge of the board or
 * for any other key.
 */
export function nextSlot(snapshot: BoardSnapshot, from: Slot, key: string, movingId: string): Slot {
  const stageIds = snapshot.stages.map((s) => s.id);
  const laneIds = snapshot.lanes.map((l) => l.id);
  const { stageId, laneId, index } = from;
  const stageAt = stageIds.indexOf(stageId);
  const laneAt = laneIds.indexOf(laneId);
  const count = (s: string, l: string) => cellCount(snapshot, s, l, movingId);
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const s = stageIds[stageAt + (key === 'ArrowLeft' ? -1 : 1)];
    return s ? { stageId: s, laneId, index: Math.min(index, count(s, laneId)) } : from;
  }
  if (key === 'ArrowUp') {
    if (index > 0) return { stageId, laneId, index: index - 1 };
    const l = laneIds[laneAt - 1];
    return l ? { stageId, laneId: l, index: count(stageId, l) } : from;
  }
  if (key === 'ArrowDown') {
    if (index < count(stageId, laneId)) return { stageId, laneId, index: index + 1 };
    const l = laneIds[laneAt + 1];
    return l ? { stageId, laneId: l, index: 0 } : from;
  }
  if (key === 'Home') return { stageId, laneId, index: 0 };
  if (key === 'End') return { stageId, laneId, index: count(stageId, laneId) };
  return from;
}

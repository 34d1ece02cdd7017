import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../board/snapshot.js';
import { addNote, initBoard, setVotes } from '../board/write.js';
import type { Author } from '../board/schema.js';
import { CLOSED_VOTE } from './read.js';
import type { VoteState } from './schema.js';
import { canPlaceDot, canRemoveDot, dotsUsed, voteLaneIds } from './vote.js';

const ana: Author = { id: 'member-ana', name: 'Ana', role: 'customer', department: '' };

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Vote', createdAt: 1 });
  const snap = readBoard(doc);
  const stage = snap.stages[0]!.id;
  const pains = snap.lanes.find((l) => l.kind === 'pains')!.id;
  const doing = snap.lanes.find((l) => l.kind === 'doing')!.id;
  const painNote = addNote(doc, { stageId: stage, laneId: pains, text: 'slow', author: ana });
  const otherPain = addNote(doc, { stageId: stage, laneId: pains, text: 'rude', author: ana });
  const doingNote = addNote(doc, { stageId: stage, laneId: doing, text: 'call', author: ana });
  return { doc, pains, painNote, otherPain, doingNote };
}

const open: VoteState = { ...CLOSED_VOTE, laneIds: [], status: 'open', dotsPerPerson: 2, openedAt: 1 };

describe('dot voting rules', () => {
  it('defaults to the pain and opportunity lanes', () => {
    const { doc } = board();
    const lanes = readBoard(doc).lanes;
    const kinds = voteLaneIds(open, lanes).map((id) => lanes.find((l) => l.id === id)?.kind);
    expect(kinds).toEqual(['pains', 'opportunities']);
    expect(voteLaneIds({ ...open, laneIds: ['x'] }, lanes)).toEqual(['x']);
  });

  it('counts dots over the whole board and stops at the cap', () => {
    const { doc, painNote, otherPain, doingNote } = board();
    const check = (noteId: string) => {
      const snap = readBoard(doc);
      return canPlaceDot({ vote: open, notes: snap.notes, lanes: snap.lanes, noteId, participantId: 'p1' });
    };
    expect(check(painNote)).toEqual({ ok: true, left: 1 });
    setVotes(doc, painNote, 'p1', 1);
    expect(check(otherPain)).toEqual({ ok: true, left: 0 });
    setVotes(doc, otherPain, 'p1', 1);
    expect(dotsUsed(readBoard(doc).notes, 'p1')).toBe(2);
    expect(dotsUsed(readBoard(doc).notes, 'p2')).toBe(0);
    expect(check(painNote)).toEqual({ ok: false, reason: 'no_dots_left' });
    expect(check(doingNote)).toEqual({ ok: false, reason: 'lane_not_in_vote' });
    expect(check('missing')).toEqual({ ok: false, reason: 'note_not_found' });
    const snap = readBoard(doc);
    expect(canPlaceDot({ vote: CLOSED_VOTE, notes: snap.notes, lanes: snap.lanes, noteId: painNote, participantId: 'p2' })).toEqual({
      ok: false,
      reason: 'vote_closed',
    });
  });

  it('a dot can be removed only by its owner while the vote is open', () => {
    const { doc, painNote } = board();
    setVotes(doc, painNote, 'p1', 1);
    const note = readBoard(doc).notes.find((n) => n.id === painNote);
    expect(canRemoveDot(open, note, 'p1')).toBe(true);
    expect(canRemoveDot(open, note, 'p2')).toBe(false);
    expect(canRemoveDot(CLOSED_VOTE, note, 'p1')).toBe(false);
  });
});

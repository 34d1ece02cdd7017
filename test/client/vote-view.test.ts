/** VoteView shows the right dots during an open vote and keeps unchanged notes as the same objects. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { VoteView } from '../../client/src/facilitation/vote-view.js';
import { readBoard, type BoardSnapshot } from '../../shared/board/snapshot.js';
import { addNote, initBoard, laneIds, setNoteText, setVotes, stageIds } from '../../shared/board/write.js';
import { IncrementalBoardReader } from '../../shared/board/incremental-read.js';

const author = { id: 'a', name: 'Ann', role: 'stakeholder' as const, department: 'Support' };

function board(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Board', createdAt: 1 });
  const [stage] = stageIds(doc);
  const [lane] = laneIds(doc);
  const ids = ['one', 'two', 'three'].map((text) => addNote(doc, { stageId: stage!, laneId: lane!, text, author }));
  return { doc, ids };
}

const dotsOf = (snapshot: BoardSnapshot, id: string): Record<string, number> | undefined => snapshot.notes.find((n) => n.id === id)?.votes;

describe('VoteView', () => {
  it("shows the person's own ballot over the stored dots, and the facilitator's running tally when given", () => {
    const { doc, ids } = board();
    setVotes(doc, ids[0]!, 'me', 1);
    setVotes(doc, ids[0]!, 'other', 2);
    const snapshot = readBoard(doc);
    const mine = new VoteView().apply(snapshot, { me: 'me', ballot: { [ids[0]!]: 3, [ids[1]!]: 1 } });
    expect(dotsOf(mine, ids[0]!)).toEqual({ other: 2, me: 3 });
    expect(dotsOf(mine, ids[1]!)).toEqual({ me: 1 });
    expect(dotsOf(mine, ids[2]!)).toEqual({});
    const facilitator = new VoteView().apply(snapshot, { tally: { [ids[2]!]: { x: 2 } }, ballot: {} });
    expect(dotsOf(facilitator, ids[0]!)).toEqual({});
    expect(dotsOf(facilitator, ids[2]!)).toEqual({ x: 2 });
  });

  it('keeps every unchanged note the same object while someone types, and renews only what changed', () => {
    const { doc, ids } = board();
    const reader = new IncrementalBoardReader(doc);
    const view = new VoteView();
    const first = view.apply(reader.read(), { me: 'me', ballot: { [ids[0]!]: 1 } });
    setNoteText(doc, ids[1]!, 'two, edited');
    const second = view.apply(reader.read(), { me: 'me', ballot: { [ids[0]!]: 1 } });
    const byId = (s: BoardSnapshot, id: string) => s.notes.find((n) => n.id === id);
    expect(byId(second, ids[0]!)).toBe(byId(first, ids[0]!));
    expect(byId(second, ids[2]!)).toBe(byId(first, ids[2]!));
    expect(byId(second, ids[1]!)).not.toBe(byId(first, ids[1]!));
    expect(byId(second, ids[1]!)?.text).toBe('two, edited');
    // A ballot change renews that note only.
    const third = view.apply(reader.read(), { me: 'me', ballot: { [ids[0]!]: 2 } });
    expect(byId(third, ids[0]!)).not.toBe(byId(second, ids[0]!));
    expect(dotsOf(third, ids[0]!)).toEqual({ me: 2 });
    expect(byId(third, ids[2]!)).toBe(byId(second, ids[2]!));
  });
});

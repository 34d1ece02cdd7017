/** The facilitator's vote ranking: capped dots in board order, only the voting lanes, ties share a rank. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import { addNote, initBoard, laneIds, moveStage, setVotes, stageIds } from '../../shared/board/write.js';
import type { Author } from '../../shared/board/schema.js';
import type { VoteState } from '../../shared/session/schema.js';
import { cappedCounts, notesInBoardOrder, rankVotes } from '../../client/src/facilitation/vote-ranking.js';

const ada: Author = { id: 'm-ada', name: 'Ada', role: 'stakeholder', department: 'Billing' };

function vote(patch: Partial<VoteState> = {}): VoteState {
  return { status: 'open', laneIds: [], dotsPerPerson: 3, hideCounts: false, openedAt: 1, closedAt: null, ...patch };
}

/** A default-template board; returns the doc and the ids of its stages and lanes by title. */
function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Checkout', createdAt: 1 });
  const snapshot = readBoard(doc);
  const stage = (title: string) => snapshot.stages.find((s) => s.title === title)?.id ?? '';
  const lane = (kind: string) => snapshot.lanes.find((l) => l.kind === kind)?.id ?? '';
  return { doc, stage, lane, stages: stageIds(doc), lanes: laneIds(doc) };
}

describe('rankVotes', () => {
  it('ranks the voting lanes’ notes by counted dots, ties sharing a rank in board order', () => {
    const { doc, stages, lane } = board();
    const [first, second] = stages;
    const pain1 = addNote(doc, { stageId: second ?? '', laneId: lane('pains'), text: 'Card declined', author: ada, id: 'p1' });
    const pain2 = addNote(doc, { stageId: first ?? '', laneId: lane('pains'), text: 'Slow page', author: ada, id: 'p2' });
    const idea = addNote(doc, { stageId: first ?? '', laneId: lane('opportunities'), text: 'Apple Pay', author: ada, id: 'o1' });
    const doing = addNote(doc, { stageId: first ?? '', laneId: lane('doing'), text: 'Browses', author: ada, id: 'd1' });
    setVotes(doc, pain1, 'v1', 1);
    setVotes(doc, pain2, 'v2', 1);
    setVotes(doc, idea, 'v1', 2);
    setVotes(doc, idea, 'v2', 1);
    setVotes(doc, doing, 'v3', 3);

    const ranking = rankVotes(readBoard(doc), vote());
    expect(ranking.map((r) => [r.note.id, r.rank, r.dots, r.voters])).toEqual([
      ['o1', 1, 3, 2],
      ['p2', 2, 1, 1],
      ['p1', 2, 1, 1],
    ]);
    expect(ranking[0]?.laneTitle).toBe(readBoard(doc).lanes.find((l) => l.kind === 'opportunities')?.title);
    expect(ranking[0]?.stageTitle).toBe(readBoard(doc).stages[0]?.title);
  });

  it('counts at most the cap per person, taking their dots in board order', () => {
    const { doc, stages, lane } = board();
    const [first, second] = stages;
    const late = addNote(doc, { stageId: second ?? '', laneId: lane('pains'), text: 'Late', author: ada, id: 'late' });
    const early = addNote(doc, { stageId: first ?? '', laneId: lane('pains'), text: 'Early', author: ada, id: 'early' });
    setVotes(doc, late, 'v1', 2);
    setVotes(doc, early, 'v1', 2);
    const snapshot = readBoard(doc);
    expect(cappedCounts(snapshot, vote({ dotsPerPerson: 3 }))).toEqual(new Map([['early', 2], ['late', 1]]));
    expect(rankVotes(snapshot, vote({ dotsPerPerson: 2 })).map((r) => r.note.id)).toEqual(['early']);
  });

  it('ranks only the lanes the vote is on, and nothing when no dot counts', () => {
    const { doc, stages, lane } = board();
    const pain = addNote(doc, { stageId: stages[0] ?? '', laneId: lane('pains'), text: 'Pain', author: ada });
    const doing = addNote(doc, { stageId: stages[0] ?? '', laneId: lane('doing'), text: 'Doing', author: ada });
    expect(rankVotes(readBoard(doc), vote())).toEqual([]);
    setVotes(doc, pain, 'v1', 1);
    setVotes(doc, doing, 'v1', 1);
    expect(rankVotes(readBoard(doc), vote({ laneIds: [lane('doing')] })).map((r) => r.note.text)).toEqual(['Doing']);
  });
});

describe('notesInBoardOrder', () => {
  it('orders notes by stage, then lane, then cell order, following moves', () => {
    const { doc, stages, lane } = board();
    const [first, second] = stages;
    addNote(doc, { stageId: second ?? '', laneId: lane('doing'), text: 'b', author: ada, id: 'b' });
    addNote(doc, { stageId: first ?? '', laneId: lane('pains'), text: 'a2', author: ada, id: 'a2' });
    addNote(doc, { stageId: first ?? '', laneId: lane('doing'), text: 'a1', author: ada, id: 'a1' });
    addNote(doc, { stageId: first ?? '', laneId: lane('doing'), text: 'a0', author: ada, id: 'a0', index: 0 });
    expect(notesInBoardOrder(readBoard(doc)).map((n) => n.id)).toEqual(['a0', 'a1', 'a2', 'b']);
    moveStage(doc, second ?? '', 0);
    expect(notesInBoardOrder(readBoard(doc)).map((n) => n.id)).toEqual(['b', 'a0', 'a1', 'a2']);
  });
});

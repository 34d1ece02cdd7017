import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/board/doc.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { addLane, addNote, initBoard, removeLane, removeStage, setNoteText } from '../../shared/board/write.js';
import type { Author } from '../../shared/board/schema.js';
import { addDraft, readDrafts } from '../../shared/session/drafts.js';
import { revealDrafts } from './reveal.js';

const ana: Author = { id: 'member-ana', name: 'Ana', role: 'customer', department: '' };
const bob: Author = { id: 'member-bob', name: 'Bob', role: 'stakeholder', department: 'Support' };

function setup() {
  const board = new Y.Doc();
  initBoard(board, { title: 'Reveal', createdAt: 1 });
  const snap = readBoard(board);
  const stage = (i: number) => snap.stages[i]!.id;
  const lane = (kind: string) => snap.lanes.find((l) => l.kind === kind)!.id;
  return { board, stage, lane };
}

describe('revealDrafts', () => {
  it('moves every draft onto the board in one transaction and clears the drafts', () => {
    const { board, stage, lane } = setup();
    addNote(board, { stageId: stage(0), laneId: lane('pains'), text: 'existing', author: bob });
    const anaDoc = new Y.Doc();
    const bobDoc = new Y.Doc();
    const a1 = addDraft(anaDoc, { stageId: stage(0), laneId: lane('pains'), laneKind: 'pains', text: 'slow refunds', author: ana, createdAt: 100 });
    const a2 = addDraft(anaDoc, { stageId: stage(1), laneId: lane('feeling'), laneKind: 'feeling', text: 'anxious', author: ana, emotion: -2, createdAt: 110 });
    setNoteText(anaDoc, a1, 'very slow refunds');
    const b1 = addDraft(bobDoc, { stageId: stage(0), laneId: lane('pains'), laneKind: 'pains', text: 'hold music', author: bob, createdAt: 90 });

    let boardUpdates = 0;
    board.on('update', () => (boardUpdates += 1));
    const result = revealDrafts(board, [
      { memberId: ana.id, doc: anaDoc },
      { memberId: bob.id, doc: bobDoc },
    ], 'reveal');

    expect(boardUpdates).toBe(1);
    expect(result).toMatchObject({ revealed: 3, relocated: 0, alreadyOnBoard: 0, skipped: [], byMember: { [ana.id]: 2, [bob.id]: 1 } });
    const notes = readBoard(board).notes;
    // Revealed notes never keep the draft's id (the member chose it; others may have seen it).
    expect(notes.some((n) => [a1, a2, b1].includes(n.id))).toBe(false);
    const byText = new Map(notes.map((n) => [n.text, n]));
    const byId = { get: (id: string) => byText.get(id === a1 ? 'very slow refunds' : id === a2 ? 'anxious' : 'hold music') };
    expect(byId.get(a1)).toMatchObject({ text: 'very slow refunds', authorId: ana.id, authorName: 'Ana', authorRole: 'customer', createdAt: 100 });
    expect(byId.get(a2)).toMatchObject({ text: 'anxious', emotion: -2, stageId: stage(1) });
    expect(byId.get(b1)).toMatchObject({ text: 'hold music', department: 'Support' });
    // Revealed notes go after the notes already in the cell.
    const cell = notes.filter((n) => n.stageId === stage(0) && n.laneId === lane('pains')).map((n) => n.text);
    expect(cell[0]).toBe('existing');
    expect(readDrafts(anaDoc)).toEqual([]);
    expect(readDrafts(bobDoc)).toEqual([]);
  });

  it('relocates drafts whose stage or lane was removed, keeps the ones it cannot place, and stamps the member', () => {
    const { board, stage, lane } = setup();
    const doc = new Y.Doc();
    const movedStage = addDraft(doc, { stageId: stage(2), laneId: lane('pains'), laneKind: 'pains', text: 'a', author: ana, createdAt: 1 });
    const opportunities = lane('opportunities');
    const movedLane = addDraft(doc, { stageId: stage(0), laneId: opportunities, laneKind: 'opportunities', text: 'b', author: ana, createdAt: 2 });
    const tooLong = addDraft(doc, { stageId: stage(0), laneId: lane('pains'), laneKind: 'pains', text: 'c', author: ana, createdAt: 3 });
    const noCell = addDraft(doc, { stageId: stage(0), laneId: lane('doing'), laneKind: 'doing', text: 'd', author: ana, createdAt: 4 });
    // A member may write anything into their private doc: an over-long text and a forged author.
    const tooLongText = boardRoots(doc).notes.get(tooLong)!.get('text') as Y.Text;
    tooLongText.insert(1, 'x'.repeat(2500));
    boardRoots(doc).notes.get(movedStage)!.set('authorName', 'The CEO');
    removeStage(board, stage(2));
    const ideas = addLane(board, 'Ideas', 'opportunities');
    removeLane(board, opportunities);
    removeLane(board, lane('doing'));

    const result = revealDrafts(board, [{ memberId: ana.id, doc, author: ana }], 'reveal');
    expect(result.revealed).toBe(2);
    expect(result.relocated).toBe(2);
    expect(result.skipped).toEqual([
      { memberId: ana.id, noteId: tooLong, reason: 'invalid_text' },
      { memberId: ana.id, noteId: noCell, reason: 'no_cell' },
    ]);
    const notes = new Map(readBoard(board).notes.map((n) => [n.text, n]));
    expect(notes.get('a')).toMatchObject({ stageId: stage(0), authorName: 'Ana' });
    expect(notes.get('b')).toMatchObject({ stageId: stage(0), laneId: ideas, text: 'b' });
    expect([movedStage, movedLane].some((id) => readBoard(board).notes.some((n) => n.id === id))).toBe(false);
    expect(readDrafts(doc).map((d) => d.id).sort()).toEqual([tooLong, noCell].sort());
  });

  it('a second reveal after an interrupted one does not duplicate notes', () => {
    const { board, stage, lane } = setup();
    const doc = new Y.Doc();
    addDraft(doc, { stageId: stage(0), laneId: lane('pains'), laneKind: 'pains', text: 'once', author: ana, createdAt: 1 });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const stableIds = (memberId: string, draftId: string): string => `${memberId}-${draftId}`.slice(0, 64);
    revealDrafts(board, [{ memberId: ana.id, doc }], undefined, stableIds);
    // The private doc's clearing was lost (say the server died before storing it): reveal the old copy again.
    const result = revealDrafts(board, [{ memberId: ana.id, doc: copy }], undefined, stableIds);
    expect(result).toMatchObject({ revealed: 0, alreadyOnBoard: 1 });
    expect(readBoard(board).notes.filter((n) => n.text === 'once')).toHaveLength(1);
    expect(readDrafts(copy)).toEqual([]);
  });
});

/**
 * Undo and redo of one's own changes (client/src/session/own-undo.ts through BoardActions): two peers
 * synced like the server does it; A's moves, texts, feelings, moments of truth, dots, causes and deletions
 * are undone and redone step by step, and B's concurrent edits always survive.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Author } from '../../shared/board/schema.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { initBoard, linkCause, setVotes } from '../../shared/board/write.js';
import { BoardActions } from '../../client/src/session/board-actions.js';

const ada: Author = { id: 'm-ada', name: 'Ada', role: 'customer', department: '' };
const bo: Author = { id: 'm-bo', name: 'Bo', role: 'stakeholder', department: 'Billing' };
/** What a remote update carries as origin (the y-websocket provider in the browser). */
const REMOTE = { source: 'remote' };

/** Two docs that exchange every local update, as two browsers on one board do. */
function peers() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, update, REMOTE));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, update, REMOTE));
  initBoard(a, { title: 'Undo', createdAt: 1 });
  const errors: string[] = [];
  const actionsA = new BoardActions(a, { source: 'a' }, ada, (m) => errors.push(m));
  const actionsB = new BoardActions(b, { source: 'b' }, bo, (m) => errors.push(m));
  const snapshot = readBoard(a);
  return { a, b, actionsA, actionsB, errors, stages: snapshot.stages, lanes: snapshot.lanes };
}

const note = (doc: Y.Doc, id: string) => readBoard(doc).notes.find((n) => n.id === id);

describe('undo and redo of one’s own changes', () => {
  it('walks back moves, texts, feelings, moments of truth, dots and causes one step each, never B’s edits', () => {
    const { a, b, actionsA, actionsB, errors, stages, lanes } = peers();
    const [discover, buy] = stages;
    const doing = lanes.find((l) => l.kind === 'doing');
    const feeling = lanes.find((l) => l.kind === 'feeling');
    if (!discover || !buy || !doing || !feeling) throw new Error('template changed');
    const id = actionsA.addNote(discover.id, doing.id) ?? '';
    actionsA.setNoteText(id, 'Compares prices');
    // B types into A's note, and adds a note of their own
    actionsB.setNoteText(id, 'Compares prices online');
    const bNote = actionsB.addNote(discover.id, feeling.id) ?? '';
    actionsB.setNoteText(bNote, 'Unsure');
    actionsA.setMomentOfTruth(id, true);
    actionsA.moveNote(id, { stageId: buy.id, laneId: doing.id });
    const mood = actionsA.addNote(buy.id, feeling.id) ?? '';
    actionsA.setEmotion(mood, -1);
    a.transact(() => setVotes(a, id, ada.id, 2), actionsA.origin);
    a.transact(() => linkCause(a, id, bNote), actionsA.origin);
    expect(errors).toEqual([]);

    const undo = () => expect(actionsA.history.undo()).toBe(true);
    undo(); // cause
    expect(note(b, id)?.causes).toEqual([]);
    undo(); // dots
    expect(note(b, id)?.votes).toEqual({});
    undo(); // feeling
    expect(note(b, mood)?.emotion).toBeNull();
    undo(); // the feeling note itself
    expect(note(b, mood)).toBeUndefined();
    undo(); // move
    expect(note(b, id)?.stageId).toBe(discover.id);
    undo(); // moment of truth
    expect(note(b, id)?.momentOfTruth).toBe(false);
    undo(); // A's typing: B's " online" stays
    expect(note(b, id)?.text).toBe(' online');
    // A created the note: undoing that removes it, B's typing in it included (it was inside A's note).
    undo();
    expect(note(b, id)).toBeUndefined();
    expect(actionsA.history.state.canUndo).toBe(false);
    // B's own note and text never moved
    expect(note(a, bNote)?.text).toBe('Unsure');

    // redo brings everything back in order
    for (let i = 0; i < 8; i++) expect(actionsA.history.redo()).toBe(true);
    const back = note(b, id);
    expect(back?.text).toBe('Compares prices online');
    expect(back?.momentOfTruth).toBe(true);
    expect(back?.stageId).toBe(buy.id);
    expect(back?.votes).toEqual({ [ada.id]: 2 });
    expect(back?.causes).toEqual([bNote]);
    expect(note(b, mood)?.emotion).toBe(-1);
    expect(actionsA.history.state).toEqual({ canUndo: true, canRedo: false });
    // B's history holds only B's changes
    expect(actionsB.history.undo()).toBe(true);
    expect(note(a, bNote)?.text).toBe('');
    expect(note(a, id)?.text).toBe('Compares prices online');
  });

  it('lets the deletion toast undo exactly the deletion, and only while it is the latest change', () => {
    const { b, actionsA, stages, lanes } = peers();
    const [discover] = stages;
    const [lane] = lanes;
    if (!discover || !lane) throw new Error('template changed');
    const first = actionsA.addNote(discover.id, lane.id) ?? '';
    const second = actionsA.addNote(discover.id, lane.id) ?? '';
    expect(actionsA.deleteNote(first)).toBe(true);
    const deletion = actionsA.lastDeletion();
    expect(deletion).toBeDefined();
    if (!deletion) return;
    expect(actionsA.undoDeletion(deletion)).toBe(true);
    expect(note(b, first)).toBeDefined();
    // a later change makes the toast's undo refuse (Ctrl+Z still walks back step by step)
    expect(actionsA.deleteNote(first)).toBe(true);
    const again = actionsA.lastDeletion();
    actionsA.setMomentOfTruth(second, true);
    expect(again && actionsA.undoDeletion(again)).toBe(false);
    expect(note(b, first)).toBeUndefined();
    expect(note(b, second)?.momentOfTruth).toBe(true);
  });

  it('keeps typing in one step, and a change right after typing in a step of its own', () => {
    const { actionsA, stages, lanes } = peers();
    const [discover] = stages;
    const [lane] = lanes;
    if (!discover || !lane) throw new Error('template changed');
    const id = actionsA.addNote(discover.id, lane.id) ?? '';
    actionsA.setNoteText(id, 'C');
    actionsA.setNoteText(id, 'Co');
    actionsA.setNoteText(id, 'Compares');
    actionsA.setMomentOfTruth(id, true);
    actionsA.setNoteText(id, 'Compares prices');
    actionsA.history.undo();
    expect(note(actionsA.doc, id)?.text).toBe('Compares');
    actionsA.history.undo();
    expect(note(actionsA.doc, id)?.momentOfTruth).toBe(false);
    expect(note(actionsA.doc, id)?.text).toBe('Compares');
    actionsA.history.undo();
    expect(note(actionsA.doc, id)?.text).toBe('');
  });
});

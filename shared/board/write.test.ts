import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLanes, readNotes, readStages } from './read.js';
import { readBoard } from './snapshot.js';
import { BLANK_TEMPLATE, DEFAULT_TEMPLATE } from './template.js';
import {
  BoardWriteError,
  addLane,
  addNote,
  addStage,
  deleteNote,
  initBoard,
  linkCause,
  moveLane,
  moveNote,
  moveStage,
  removeLane,
  removeStage,
  renameStage,
  setEmotion,
  setMomentOfTruth,
  setNoteText,
  setOwnerDepartment,
  setVotes,
  unlinkCause,
  updatePersona,
} from './write.js';
import type { Author } from './schema.js';

const ana: Author = { id: 'member-ana', name: 'Ana', role: 'customer', department: '' };

function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Home insurance', persona: { name: 'Maria' }, createdAt: 1_700_000_000_000 });
  return doc;
}

describe('initBoard', () => {
  it('creates meta, persona, and the default template in order', () => {
    const board = readBoard(newBoard());
    expect(board.meta).toEqual({ title: 'Home insurance', createdAt: 1_700_000_000_000, schemaVersion: 2 });
    expect(board.persona.name).toBe('Maria');
    expect(board.stages.map((s) => s.title)).toEqual(DEFAULT_TEMPLATE.stages);
    expect(board.lanes.map((l) => l.kind)).toEqual(['doing', 'thinking', 'feeling', 'touchpoints', 'pains', 'opportunities']);
    expect(board.problems).toEqual([]);
  });

  it('supports the blank template', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'x', template: BLANK_TEMPLATE, createdAt: 0 });
    expect(readStages(doc).map((s) => s.title)).toEqual(['Stage 1', 'Stage 2', 'Stage 3']);
  });

  it('rejects an empty or oversized title and cleans control characters', () => {
    expect(() => initBoard(new Y.Doc(), { title: '   ', createdAt: 0 })).toThrow(BoardWriteError);
    expect(() => initBoard(new Y.Doc(), { title: 'x'.repeat(201), createdAt: 0 })).toThrow(/at most 200/);
    const doc = new Y.Doc();
    initBoard(doc, { title: ' a\u0000b\tc ', createdAt: 0 });
    expect(readBoard(doc).meta.title).toBe('a b c');
  });
});

describe('notes', () => {
  it('adds, edits, moves, flags and deletes a note', () => {
    const doc = newBoard();
    const [s1, s2] = readStages(doc);
    const feeling = readLanes(doc).find((l) => l.kind === 'feeling')!;
    const id = addNote(doc, { stageId: s1!.id, laneId: feeling.id, text: 'Worried', author: ana, emotion: -2 });
    setNoteText(doc, id, 'Worried about the price');
    setMomentOfTruth(doc, id, true);
    moveNote(doc, id, { stageId: s2!.id, laneId: feeling.id });
    let note = readNotes(doc)[0]!;
    expect(note).toMatchObject({ text: 'Worried about the price', stageId: s2!.id, emotion: -2, momentOfTruth: true, authorName: 'Ana', authorRole: 'customer' });
    setEmotion(doc, id, null);
    note = readNotes(doc)[0]!;
    expect(note.emotion).toBeNull();
    expect(() => setEmotion(doc, id, 3)).toThrow(BoardWriteError);
    deleteNote(doc, id);
    expect(readNotes(doc)).toEqual([]);
  });

  it('keeps concurrent text edits from two peers (minimal diff)', () => {
    const a = newBoard();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const stage = readStages(a)[0]!.id;
    const lane = readLanes(a)[0]!.id;
    const id = addNote(a, { stageId: stage, laneId: lane, text: 'call support', author: ana });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setNoteText(a, id, 'I call support');
    setNoteText(b, id, 'call support twice');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readNotes(a)[0]!.text).toBe('I call support twice');
    expect(readNotes(b)[0]!.text).toBe('I call support twice');
  });

  it('orders notes within a cell by index', () => {
    const doc = newBoard();
    const stage = readStages(doc)[0]!.id;
    const lane = readLanes(doc)[0]!.id;
    const n1 = addNote(doc, { stageId: stage, laneId: lane, text: '1', author: ana });
    const n2 = addNote(doc, { stageId: stage, laneId: lane, text: '2', author: ana });
    const n0 = addNote(doc, { stageId: stage, laneId: lane, text: '0', author: ana, index: 0 });
    expect(readNotes(doc).map((n) => n.id)).toEqual([n0, n1, n2]);
    moveNote(doc, n0, { stageId: stage, laneId: lane, index: 2 });
    expect(readNotes(doc).map((n) => n.id)).toEqual([n1, n2, n0]);
  });

  it('refuses notes in unknown cells and over-long text', () => {
    const doc = newBoard();
    const lane = readLanes(doc)[0]!.id;
    expect(() => addNote(doc, { stageId: 'nope', laneId: lane, author: ana })).toThrow(/not found/);
    const stage = readStages(doc)[0]!.id;
    expect(() => addNote(doc, { stageId: stage, laneId: lane, text: 'x'.repeat(2001), author: ana })).toThrow(/at most 2000/);
  });

  it('votes, causes and owners; removing a note drops dangling cause links', () => {
    const doc = newBoard();
    const stage = readStages(doc)[0]!.id;
    const lanes = readLanes(doc);
    const pains = lanes.find((l) => l.kind === 'pains')!.id;
    const doing = lanes.find((l) => l.kind === 'doing')!.id;
    const pain = addNote(doc, { stageId: stage, laneId: pains, text: 'Invoice unclear', author: ana });
    const cause = addNote(doc, { stageId: stage, laneId: doing, text: 'Reads invoice', author: ana });
    linkCause(doc, pain, cause);
    setOwnerDepartment(doc, pain, 'Billing');
    setVotes(doc, pain, 'p1', 2);
    setVotes(doc, pain, 'p2', 1);
    setVotes(doc, pain, 'p2', 0);
    let note = readNotes(doc).find((n) => n.id === pain)!;
    expect(note).toMatchObject({ causes: [cause], ownerDepartment: 'Billing', votes: { p1: 2 } });
    expect(() => linkCause(doc, pain, pain)).toThrow(/itself/);
    expect(() => setVotes(doc, pain, 'p1', -1)).toThrow(BoardWriteError);
    unlinkCause(doc, pain, cause);
    linkCause(doc, pain, cause);
    deleteNote(doc, cause);
    note = readNotes(doc).find((n) => n.id === pain)!;
    expect(note.causes).toEqual([]);
  });
});

describe('stages and lanes', () => {
  it('adds, renames, reorders and removes stages; removing a stage removes its notes', () => {
    const doc = newBoard();
    const id = addStage(doc, 'Renew', 0);
    expect(readStages(doc)[0]!.title).toBe('Renew');
    renameStage(doc, id, 'Renewal');
    moveStage(doc, id, 99);
    const stages = readStages(doc);
    expect(stages[stages.length - 1]!.title).toBe('Renewal');
    const lane = readLanes(doc)[0]!.id;
    addNote(doc, { stageId: id, laneId: lane, text: 'x', author: ana });
    removeStage(doc, id);
    expect(readStages(doc).map((s) => s.title)).toEqual(DEFAULT_TEMPLATE.stages);
    expect(readNotes(doc)).toEqual([]);
  });

  it('adds, reorders and removes lanes', () => {
    const doc = newBoard();
    const id = addLane(doc, 'Emotions of staff', 'custom', 1);
    expect(readLanes(doc)[1]!.id).toBe(id);
    moveLane(doc, id, 0);
    expect(readLanes(doc)[0]!.id).toBe(id);
    removeLane(doc, id);
    expect(readLanes(doc).some((l) => l.id === id)).toBe(false);
  });

  it('never removes the last stage or lane', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'x', template: { id: 't', name: 't', stages: ['only'], lanes: [{ title: 'l', kind: 'doing' }] }, createdAt: 0 });
    expect(() => removeStage(doc, readStages(doc)[0]!.id)).toThrow(/at least one/);
    expect(() => removeLane(doc, readLanes(doc)[0]!.id)).toThrow(/at least one/);
  });

  it('concurrent reorders of the same stages never duplicate or lose one', () => {
    const a = newBoard();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ids = readStages(a).map((s) => s.id);
    moveStage(a, ids[0]!, 5);
    moveStage(a, ids[3]!, 0);
    moveStage(b, ids[0]!, 2);
    moveStage(b, ids[5]!, 0);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ra = readStages(a).map((s) => s.id);
    expect(ra).toEqual(readStages(b).map((s) => s.id));
    expect([...ra].sort()).toEqual([...ids].sort());
  });
});

describe('persona and readers', () => {
  it('updates only the given persona fields and validates them', () => {
    const doc = newBoard();
    updatePersona(doc, { goals: 'Be covered\nwithout fuss' });
    expect(readBoard(doc).persona).toEqual({ name: 'Maria', description: '', goals: 'Be covered\nwithout fuss', quote: '' });
    expect(() => updatePersona(doc, { name: 'x'.repeat(81) })).toThrow(BoardWriteError);
  });

  it('reads hostile values without throwing and reports them', () => {
    const doc = newBoard();
    doc.getMap('notes').set('bad1', 'not a map' as never);
    const n = new Y.Map<unknown>();
    n.set('stageId', 'ghost');
    n.set('laneId', 'ghost');
    doc.getMap('notes').set('orphan', n as never);
    const lane = new Y.Map<unknown>();
    lane.set('kind', 'weird');
    lane.set('title', 7);
    doc.getMap('lanes').set('odd', lane as never);
    const board = readBoard(doc);
    expect(board.notes).toEqual([]);
    expect(board.lanes.find((l) => l.id === 'odd')).toMatchObject({ kind: 'custom', title: 'Untitled lane' });
    expect(board.problems.length).toBeGreaterThanOrEqual(3);
  });
});

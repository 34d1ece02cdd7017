import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, removeAction, setActionSources, updateAction } from './action-write.js';
import { ACTION, isDueDate, readActions } from './actions.js';
import { boardRoots } from './doc.js';
import { docSchemaVersion, migrateBoard } from './migrate.js';
import { SCHEMA_VERSION } from './schema.js';
import { readBoard } from './snapshot.js';
import { BoardWriteError, addNote, initBoard, laneIds, stageIds } from './write.js';

function newBoard(): { doc: Y.Doc; noteId: string } {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Invoicing', createdAt: 1_700_000_000_000 });
  const noteId = addNote(doc, {
    stageId: stageIds(doc)[0]!,
    laneId: laneIds(doc)[4]!,
    text: 'VAT hidden until checkout',
    author: { id: 'm1', name: 'Maja', role: 'customer', department: '' },
    createdAt: 1,
  });
  return { doc, noteId };
}

describe('action items', () => {
  it('adds an action with its source notes and reads it back', () => {
    const { doc, noteId } = newBoard();
    const id = addAction(doc, { title: '  Show VAT on pricing ', department: 'Marketing', owner: 'Lena', dueDate: '2026-12-15', sources: [noteId, noteId], createdAt: 5 });
    expect(readActions(doc)).toEqual([
      {
        id,
        title: 'Show VAT on pricing',
        description: '',
        department: 'Marketing',
        owner: 'Lena',
        dueDate: '2026-12-15',
        status: 'open',
        sources: [noteId],
        createdAt: 5,
        authorName: '',
        carriedFrom: '',
      },
    ]);
    expect(readBoard(doc).actions).toHaveLength(1);
  });

  it('updates only the given fields, replaces sources, removes', () => {
    const { doc, noteId } = newBoard();
    const id = addAction(doc, { title: 'Fix it', sources: [noteId], createdAt: 1 });
    updateAction(doc, id, { status: 'in_progress', owner: 'Sam' });
    expect(readActions(doc)[0]).toMatchObject({ title: 'Fix it', status: 'in_progress', owner: 'Sam', sources: [noteId] });
    setActionSources(doc, id, []);
    expect(readActions(doc)[0]?.sources).toEqual([]);
    removeAction(doc, id);
    expect(readActions(doc)).toEqual([]);
  });

  it('refuses bad input before changing anything', () => {
    const { doc } = newBoard();
    const before = Y.encodeStateVector(doc);
    expect(() => addAction(doc, { title: '   ' })).toThrow(BoardWriteError);
    expect(() => addAction(doc, { title: 'x'.repeat(201) })).toThrow(/at most 200/);
    expect(() => addAction(doc, { title: 'ok', dueDate: '2026-02-30' })).toThrow(/due date/);
    expect(() => addAction(doc, { title: 'ok', dueDate: 'tomorrow' })).toThrow(/due date/);
    expect(() => addAction(doc, { title: 'ok', status: 'finished' as never })).toThrow(/status/);
    expect(() => addAction(doc, { title: 'ok', sources: ['no-such-note'] })).toThrow(/not found/);
    const id = addAction(doc, { title: 'ok' });
    const after = Y.encodeStateVector(doc);
    expect(() => updateAction(doc, id, { colour: 'red' } as never)).toThrow(BoardWriteError);
    expect(() => updateAction(doc, 'missing', { status: 'done' })).toThrow(/not found/);
    expect(Y.encodeStateVector(doc)).toEqual(after);
    expect(after).not.toEqual(before);
  });

  it('reads hostile values as defaults and reports them', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    boardRoots(doc).actions.set('a1', map);
    map.set(ACTION.status, 'exploded');
    map.set(ACTION.dueDate, '2026-13-01');
    map.set(ACTION.title, 42);
    boardRoots(doc).actions.set('a2', 'not a map' as never);
    const problems: string[] = [];
    const actions = readActions(doc, (p) => problems.push(p));
    expect(actions).toMatchObject([{ id: 'a1', title: 'Untitled action', status: 'open', dueDate: '' }]);
    expect(problems.sort()).toEqual(['action a1: invalid due date', 'action a1: unknown status "exploded"', 'action a2: not a map']);
  });

  it('knows real calendar days', () => {
    expect(isDueDate('')).toBe(true);
    expect(isDueDate('2028-02-29')).toBe(true);
    expect(isDueDate('2027-02-29')).toBe(false);
    expect(isDueDate('2027-2-1')).toBe(false);
  });
});

describe('schema migration v1 -> v2', () => {
  it('stamps a v1 board with the current version once, and keeps everything else', () => {
    const { doc } = newBoard();
    boardRoots(doc).meta.set('schemaVersion', 1);
    const before = readBoard(doc);
    expect(docSchemaVersion(doc)).toBe(1);
    expect(migrateBoard(doc, 'test')).toEqual([2]);
    expect(docSchemaVersion(doc)).toBe(SCHEMA_VERSION);
    const after = readBoard(doc);
    expect({ ...after, meta: { ...after.meta, schemaVersion: 1 } }).toEqual({ ...before, schemaVersion: 2 });
    const vector = Y.encodeStateVector(doc);
    expect(migrateBoard(doc, 'test')).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(vector);
  });

  it('leaves uninitialised docs and docs from a newer server alone', () => {
    expect(migrateBoard(new Y.Doc())).toEqual([]);
    const newer = new Y.Doc();
    boardRoots(newer).meta.set('schemaVersion', 9);
    expect(migrateBoard(newer)).toEqual([]);
    expect(docSchemaVersion(newer)).toBe(9);
  });

  it('a board without the version field counts as v1', () => {
    const doc = new Y.Doc();
    boardRoots(doc).meta.set('title', 'Old');
    expect(migrateBoard(doc)).toEqual([2]);
  });
});

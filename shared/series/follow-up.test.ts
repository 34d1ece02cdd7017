import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction } from '../board/action-write.js';
import { readBoard } from '../board/snapshot.js';
import { addNote, initBoard, laneIds, linkCause, setEmotion, setMomentOfTruth, setVotes, stageIds } from '../board/write.js';
import { SCHEMA_VERSION } from '../board/schema.js';
import { buildFollowUp, followUpTitle } from './follow-up.js';

const maja = { id: 'm1', name: 'Maja', role: 'customer' as const, department: '' };

/** A finished first session: a pain caused by a doing note, a feeling, an opportunity, and four actions. */
function firstSession() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Invoicing', persona: { name: 'Maja', goals: 'Get paid' }, createdAt: 1 });
  const [discover] = stageIds(doc);
  const lanes = laneIds(doc); // doing, thinking, feeling, touchpoints, pains, opportunities
  const cell = (lane: number) => ({ stageId: discover!, laneId: lanes[lane]! });
  const doing = addNote(doc, { ...cell(0), id: 'doing', text: 'Reads the pricing page', author: maja, createdAt: 2 });
  const pain = addNote(doc, { ...cell(4), id: 'pain', text: 'VAT hidden', author: maja, createdAt: 3 });
  const feel = addNote(doc, { ...cell(2), id: 'feel', text: 'Annoyed', author: maja, createdAt: 4 });
  const opp = addNote(doc, { ...cell(5), id: 'opp', text: 'Show VAT', author: maja, createdAt: 5 });
  setEmotion(doc, feel, -2);
  linkCause(doc, pain, doing);
  setVotes(doc, pain, 'm1', 3);
  setMomentOfTruth(doc, pain, true);
  addAction(doc, { id: 'a-open', title: 'Show VAT', status: 'open', sources: [pain, opp], department: 'Marketing', createdAt: 6 });
  addAction(doc, { id: 'a-prog', title: 'Rewrite page', status: 'in_progress', owner: 'Lena', dueDate: '2027-01-31', createdAt: 7 });
  addAction(doc, { id: 'a-done', title: 'Done already', status: 'done', createdAt: 8 });
  addAction(doc, { id: 'a-drop', title: 'Not doing', status: 'dropped', createdAt: 9 });
  return readBoard(doc);
}

describe('buildFollowUp', () => {
  const previous = firstSession();

  it('keeps persona, stages and lanes with their ids and order, and starts at the current schema', () => {
    const { doc } = buildFollowUp(previous, { title: 'Invoicing · session 2', notes: 'none', previousBoardId: 'b1', createdAt: 100 });
    const next = readBoard(doc);
    expect(next.meta).toEqual({ title: 'Invoicing · session 2', createdAt: 100, schemaVersion: SCHEMA_VERSION });
    expect(next.persona).toEqual(previous.persona);
    expect(next.stages).toEqual(previous.stages);
    expect(next.lanes).toEqual(previous.lanes);
    expect(next.notes).toEqual([]);
  });

  it('carries the unfinished actions with their status and lineage, and records the sources left behind', () => {
    const { doc, carried } = buildFollowUp(previous, { title: 'S2', notes: 'none', previousBoardId: 'b1', createdAt: 100 });
    const actions = readBoard(doc).actions!;
    expect(carried).toEqual({ notes: 0, actions: 2 });
    expect(actions.map((a) => [a.id, a.status, a.carriedFrom, a.sources])).toEqual([
      ['a-open', 'open', 'b1', []],
      ['a-prog', 'in_progress', 'b1', []],
    ]);
    expect(actions[0]!.description).toBe('From “Invoicing”:\n- “Show VAT”\n- “VAT hidden”');
    expect(actions[1]).toMatchObject({ owner: 'Lena', dueDate: '2027-01-31', description: '' });
  });

  it('with pains only: the pain points keep their ids, flags and text, lose votes and links to notes left behind', () => {
    const { doc, carried } = buildFollowUp(previous, { title: 'S2', notes: 'pains', previousBoardId: 'b1', createdAt: 100 });
    const next = readBoard(doc);
    expect(carried.notes).toBe(1);
    expect(next.notes.map((n) => [n.id, n.text, n.momentOfTruth, n.votes, n.causes])).toEqual([['pain', 'VAT hidden', true, {}, []]]);
    expect(next.actions!.find((a) => a.id === 'a-open')).toMatchObject({ sources: ['pain'], description: 'From “Invoicing”:\n- “Show VAT”' });
  });

  it('with all notes: everything comes back, cause links between carried notes too, votes cleared', () => {
    const { doc, carried } = buildFollowUp(previous, { title: 'S2', notes: 'all', previousBoardId: 'b1', createdAt: 100 });
    const next = readBoard(doc);
    expect(carried.notes).toBe(4);
    const pain = next.notes.find((n) => n.id === 'pain')!;
    expect(pain.causes).toEqual(['doing']);
    expect(pain.votes).toEqual({});
    expect(next.notes.find((n) => n.id === 'feel')!.emotion).toBe(-2);
    expect(next.actions!.find((a) => a.id === 'a-open')).toMatchObject({ sources: ['opp', 'pain'], description: '' });
  });

  it('names the next session without piling up suffixes', () => {
    expect(followUpTitle('Invoicing', 2)).toBe('Invoicing · session 2');
    expect(followUpTitle('Invoicing · session 2', 3)).toBe('Invoicing · session 3');
    expect(followUpTitle('x'.repeat(200), 2)).toHaveLength(200);
  });
});

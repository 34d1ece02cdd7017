import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadBoard, loadSummaryInput } from '../../test/fixtures/load.js';
import { readBoard } from './snapshot.js';
import { buildSummary, EMPTY_NOTE_LABEL, noteLabel } from './summary.js';
import { walkCauses } from './summary-causes.js';
import { countCappedVotes } from './summary-votes.js';
import type { Note } from './schema.js';
import { addNote, initBoard, laneIds, linkCause, setMomentOfTruth, setOwnerDepartment, setVotes, stageIds, updatePersona } from './write.js';

const workshop = () => buildSummary(loadSummaryInput('workshop'));

function note(id: string, extra: Partial<Note> = {}): Note {
  return {
    id,
    text: id,
    stageId: 's',
    laneId: 'l',
    order: 'a0',
    authorId: 'a',
    authorName: 'A',
    authorRole: 'stakeholder',
    department: '',
    createdAt: 0,
    emotion: null,
    momentOfTruth: false,
    votes: {},
    causes: [],
    ownerDepartment: '',
    ...extra,
  };
}

describe('buildSummary on the workshop fixture', () => {
  it('carries title, persona, dates and checkpoints', () => {
    const s = workshop();
    expect(s.title).toBe('Invoicing journey — Q4 workshop');
    expect(s.persona.name).toBe('Maja Kovač');
    expect(s.dates.boardCreatedAt).toBe(Date.UTC(2026, 10, 20, 9));
    expect(s.dates.firstAttendanceAt).toBe(Date.UTC(2026, 10, 20, 9));
    expect(s.checkpoints.map((c) => c.id)).toEqual(['cp-1', 'cp-2']);
    expect(s.checkpoint).toBeNull();
  });

  it('lays out stages by lanes in board order, custom lanes included', () => {
    const s = workshop();
    expect(s.stages.map((st) => st.title)).toEqual(['Discover', 'Buy', 'Onboard', 'Use', 'Get help', 'Pay']);
    const onboard = s.stages[2]!;
    expect(onboard.lanes.map((c) => c.laneKind)).toEqual(['doing', 'thinking', 'feeling', 'touchpoints', 'pains', 'opportunities', 'custom']);
    expect(onboard.lanes.find((c) => c.laneKind === 'custom')?.notes.map((n) => n.id)).toEqual(['b3']);
    expect(s.stages[4]!.metrics.map((m) => m.metric)).toEqual(['Contact volume', 'CSAT']);
  });

  it('computes the emotion curve from feeling notes with an emotion', () => {
    const s = workshop();
    expect(s.emotionCurve.map((p) => [p.mean, p.count])).toEqual([
      [1.5, 2],
      [-1, 1],
      [-1.5, 2],
      [1.5, 2],
      [-2, 2],
      [-1, 1],
    ]);
    expect(s.atAGlance.lowestEmotionStage?.stageTitle).toBe('Get help');
  });

  it('caps every participant at N dots across the board, in board order (SUM-VOTE-1)', () => {
    const s = workshop();
    const votes = Object.fromEntries(s.notes.filter((n) => n.rawVotes > 0).map((n) => [n.id, [n.votes, n.rawVotes]]));
    expect(votes).toEqual({ x1: [2, 2], x2: [3, 3], x3: [4, 4], o3: [3, 3], o4: [1, 2], x5: [4, 7], o5: [1, 3], x6: [0, 6] });
  });

  it('ranks pains by counted votes, ties share a rank and break on raw votes then board order', () => {
    const s = workshop();
    expect(s.pains.map((p) => [p.note.id, p.rank])).toEqual([
      ['x5', 1],
      ['x3', 1],
      ['x2', 3],
      ['x1', 4],
      ['x6', 5],
      ['e6', 5],
    ]);
    expect(s.atAGlance.topPains.map((p) => p.note.id)).toEqual(['x5', 'x3', 'x2']);
  });

  it('follows causes upstream through cycles, skipping dangling links (SUM-CAUSE-1)', () => {
    const s = workshop();
    const x5 = s.pains.find((p) => p.note.id === 'x5')!;
    expect(x5.causes.map((c) => [c.noteId, c.depth, c.stageTitle])).toEqual([
      ['m5', 1, 'Get help'],
      ['x6', 1, 'Pay'],
    ]);
    expect(x5.danglingCauses).toBe(1);
    const x6 = s.pains.find((p) => p.note.id === 'x6')!;
    expect(x6.causes.map((c) => [c.noteId, c.depth, c.viaNoteId])).toEqual([
      ['x5', 1, 'x6'],
      ['m5', 2, 'x5'],
    ]);
    expect(x6.note.causeIds).toEqual(['x5']);
  });

  it('breaks pains down by owning department (SUM-DEPT-1)', () => {
    const s = workshop();
    expect(s.departments.map((d) => [d.department, d.owned, d.viaCauses, d.pains, d.votes])).toEqual([
      ['Marketing', 2, 1, 2, 5],
      ['Billing', 1, 1, 2, 4],
      ['Support', 1, 2, 2, 4],
      ['Engineering', 0, 1, 1, 4],
      ['Product', 1, 0, 1, 4],
    ]);
    expect(s.painsWithoutDepartment).toBe(1);
    expect(s.pains.find((p) => p.note.id === 'x3')?.departments).toEqual(['Engineering', 'Product']);
  });

  it('lists opportunities with owners, moments of truth, voices and attendance', () => {
    const s = workshop();
    expect(s.opportunities.map((o) => [o.note.id, o.rank, o.ownerDepartment])).toEqual([
      ['o3', 1, 'Product'],
      ['o5', 2, 'Billing'],
      ['o4', 2, 'Product'],
      ['o6', 4, ''],
    ]);
    expect(s.momentsOfTruth.map((m) => m.noteId)).toEqual(['d3', 'x3', 'd5', 'x6']);
    expect(s.voices.rows.map((r) => [r.label, r.notes, r.people])).toEqual([
      ['Customers', 24, 2],
      ['Marketing', 4, 1],
      ['Product', 4, 1],
      ['Billing', 3, 1],
      ['Support', 3, 1],
      ['Facilitator', 1, 1],
    ]);
    expect(s.voices.people).toBe(7);
    expect(s.attendance.total).toBe(7);
    expect(s.attendance.byRole).toEqual({ customer: 2, stakeholder: 4, facilitator: 1 });
    expect(s.atAGlance.participants).toBe(7);
  });

  it('reports metrics for unknown stages instead of showing them', () => {
    expect(workshop().problems).toContain('metrics for unknown stage st-gone left out');
  });

  it('is deterministic and does not mutate its input', () => {
    const input = loadSummaryInput('workshop');
    const before = JSON.stringify(input);
    expect(JSON.stringify(buildSummary(input))).toBe(JSON.stringify(buildSummary(input)));
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('buildSummary on odd boards', () => {
  it('handles an empty board', () => {
    const s = buildSummary({ board: loadBoard('empty'), generatedAt: 1 });
    expect(s.title).toBe('Untitled journey');
    expect(s.dates.boardCreatedAt).toBeNull();
    expect(s.pains).toEqual([]);
    expect(s.emotionCurve).toEqual([{ stageId: 's1', stageTitle: 'Stage 1', mean: null, count: 0 }]);
    expect(s.atAGlance).toMatchObject({ lowestEmotionStage: null, participants: 0, momentsOfTruth: 0, notes: 0 });
    expect(s.vote.dotsPerPerson).toBe(3);
  });

  it('drops notes in unknown stages with a reason and survives cycles and dangling links', () => {
    const s = buildSummary({ board: loadBoard('hostile'), generatedAt: 1 });
    expect(s.notes.map((n) => n.id)).not.toContain('n10');
    expect(s.problems.some((p) => p.includes('n10'))).toBe(true);
    const n1 = s.pains.find((p) => p.note.id === 'n1')!;
    expect(n1.causes.map((c) => c.noteId)).toEqual(['n2']);
    const n2 = s.pains.find((p) => p.note.id === 'n2')!;
    expect(n2.danglingCauses).toBe(1);
  });

  it('labels empty notes', () => {
    expect(noteLabel('  ')).toBe(EMPTY_NOTE_LABEL);
    expect(noteLabel(' x ')).toBe('x');
  });
});

describe('countCappedVotes', () => {
  it('ignores dots past the cap and junk values', () => {
    const notes = [note('a', { votes: { p: 10, q: 1 } }), note('b', { votes: { p: 5, q: -3, r: 1.5 } })];
    const votes = countCappedVotes(notes, 3);
    expect(votes.get('a')).toEqual({ counted: 4, raw: 11, voters: 2 });
    expect(votes.get('b')).toEqual({ counted: 0, raw: 5, voters: 0 });
  });
});

describe('walkCauses', () => {
  it('walks a 100,000-note chain iteratively and stops at the limit', () => {
    const byId = new Map<string, Note>();
    for (let i = 0; i < 100_000; i++) byId.set(`n${i}`, note(`n${i}`, { causes: i + 1 < 100_000 ? [`n${i + 1}`] : ['n0'] }));
    const walk = walkCauses('n0', byId, new Map(), 100_000);
    expect(walk.steps).toHaveLength(99_999);
    expect(walk.steps.at(-1)?.depth).toBe(99_999);
    const limited = walkCauses('n0', byId);
    expect(limited.steps).toHaveLength(50);
    expect(limited.truncated).toBe(true);
  });
});

describe('readBoard -> buildSummary on a real Y.Doc', () => {
  it('summarises a board written through write.ts', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Real doc', createdAt: 1000, persona: { name: 'Zoë' } });
    updatePersona(doc, { quote: 'Make it simple' });
    const [discover, buy] = stageIds(doc);
    const lanes = laneIds(doc);
    const feeling = lanes[2]!;
    const pains = lanes[4]!;
    const author = { id: 'p1', name: 'Ana', role: 'stakeholder' as const, department: 'Support' };
    const customer = { id: 'c1', name: 'Cleo', role: 'customer' as const, department: '' };
    addNote(doc, { id: 'f1', stageId: discover!, laneId: feeling, text: 'Happy', author: customer, emotion: 2, createdAt: 1 });
    addNote(doc, { id: 'f2', stageId: discover!, laneId: feeling, text: 'Meh', author: customer, emotion: -1, createdAt: 2 });
    addNote(doc, { id: 'cause', stageId: discover!, laneId: pains, text: 'Unclear docs', author, createdAt: 3 });
    addNote(doc, { id: 'pain', stageId: buy!, laneId: pains, text: 'Calls support', author: customer, createdAt: 4 });
    linkCause(doc, 'pain', 'cause');
    linkCause(doc, 'cause', 'pain');
    setOwnerDepartment(doc, 'pain', 'Support');
    setOwnerDepartment(doc, 'cause', 'Product');
    setMomentOfTruth(doc, 'pain', true);
    setVotes(doc, 'pain', 'c1', 2);
    setVotes(doc, 'cause', 'c1', 5);
    const s = buildSummary({ board: readBoard(doc), generatedAt: 5000 });
    expect(s.title).toBe('Real doc');
    expect(s.persona).toMatchObject({ name: 'Zoë', quote: 'Make it simple' });
    expect(s.emotionCurve[0]).toMatchObject({ mean: 0.5, count: 2 });
    // board order: 'cause' (Discover) before 'pain' (Buy), so c1's 3 dots are all used on 'cause'.
    expect(s.pains.map((p) => [p.note.id, p.note.votes, p.rank])).toEqual([
      ['cause', 3, 1],
      ['pain', 0, 2],
    ]);
    const pain = s.pains.find((p) => p.note.id === 'pain')!;
    expect(pain.causes.map((c) => [c.noteId, c.stageTitle])).toEqual([['cause', 'Discover']]);
    expect(pain.departments).toEqual(['Product', 'Support']);
    expect(s.momentsOfTruth.map((m) => m.noteId)).toEqual(['pain']);
    expect(s.problems).toEqual([]);
  });
});

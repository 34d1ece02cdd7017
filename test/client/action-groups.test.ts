/** actionGroups resolves only the notes actions name, and reads exactly what resolving every note would. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { actionGroups } from '../../client/src/ui/action-groups.js';
import { addAction, setActionSources } from '../../shared/board/action-write.js';
import { readBoard } from '../../shared/board/snapshot.js';
import { summariseActions } from '../../shared/board/summary-actions.js';
import { addNote, deleteNote, initBoard, laneIds, moveNote, stageIds } from '../../shared/board/write.js';

const author = { id: 'a', name: 'Ann', role: 'stakeholder' as const, department: 'Support' };

describe('actionGroups', () => {
  it('equals the summary over every note of the board: sources in board order, missing ones counted', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Board', createdAt: 1 });
    const [s1, s2] = stageIds(doc);
    const lanes = laneIds(doc);
    const notes = Array.from({ length: 12 }, (_, i) => addNote(doc, { stageId: i % 2 ? s1! : s2!, laneId: lanes[i % lanes.length]!, text: `note ${i}`, author }));
    const a = addAction(doc, { title: 'Fix invoices', department: 'Billing', sources: [notes[7]!, notes[2]!, notes[9]!] });
    addAction(doc, { title: 'Call back', department: ' billing ', sources: [notes[4]!] });
    addAction(doc, { title: 'Unsourced', status: 'in_progress' });
    moveNote(doc, notes[9]!, { stageId: s1!, laneId: lanes[0]!, index: 0 });
    deleteNote(doc, notes[4]!);
    setActionSources(doc, a, [notes[7]!, notes[2]!, notes[9]!, notes[11]!]);

    const board = readBoard(doc);
    const stages = new Map(board.stages.map((s) => [s.id, s.title]));
    const laneOf = new Map(board.lanes.map((l) => [l.id, l]));
    const everyNote = board.notes.map((n) => ({ id: n.id, text: n.text, stageTitle: stages.get(n.stageId) ?? '', laneTitle: laneOf.get(n.laneId)?.title ?? '', laneKind: laneOf.get(n.laneId)?.kind ?? ('custom' as const) }));
    const groups = actionGroups(board);
    expect(groups).toEqual(summariseActions(board.actions ?? [], everyNote));
    expect(groups.total).toBe(3);
    const fix = groups.groups.flatMap((g) => g.actions).find((x) => x.title === 'Fix invoices')!;
    expect(fix.sources.map((s) => s.text)).toHaveLength(4);
    expect(groups.groups.flatMap((g) => g.actions).find((x) => x.title === 'Call back')!.missingSources).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setNoteText } from '../board/write.js';
import type { Author } from '../board/schema.js';
import { addDraft, countDrafts, readDrafts } from './drafts.js';
import { SessionWriteError } from './write.js';

const ana: Author = { id: 'member-ana', name: 'Ana', role: 'customer', department: '' };

describe('drafts', () => {
  it('adds drafts to a private doc that has no stages or lanes and reads them back in creation order', () => {
    const doc = new Y.Doc();
    const second = addDraft(doc, { stageId: 'stage-1', laneId: 'lane-1', laneKind: 'pains', text: 'b', author: ana, createdAt: 20 });
    const first = addDraft(doc, { stageId: 'stage-1', laneId: 'lane-1', laneKind: 'pains', text: 'a', author: ana, createdAt: 10 });
    setNoteText(doc, first, 'a, edited');
    const drafts = readDrafts(doc);
    expect(drafts.map((d) => [d.id, d.text, d.laneKind])).toEqual([
      [first, 'a, edited', 'pains'],
      [second, 'b', 'pains'],
    ]);
    expect(countDrafts(doc)).toBe(2);
  });

  it('refuses bad ids, kinds and text', () => {
    const doc = new Y.Doc();
    const base = { stageId: 'stage-1', laneId: 'lane-1', laneKind: 'pains' as const, author: ana, createdAt: 1 };
    expect(() => addDraft(doc, { ...base, stageId: '../x' })).toThrow(SessionWriteError);
    expect(() => addDraft(doc, { ...base, laneKind: 'nope' as 'pains' })).toThrow(SessionWriteError);
    expect(() => addDraft(doc, { ...base, text: 'x'.repeat(5000) })).toThrow(SessionWriteError);
    expect(countDrafts(doc)).toBe(0);
  });
});

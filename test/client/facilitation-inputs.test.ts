/**
 * sameFacilitationInputs lets the board keep its facilitation object (and so skip every note) while someone
 * types: it must say "same" only when boardFacilitation would read the same, and say so for plain typing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom as random } from '../helpers/seeded-random.js';
import { sameFacilitationInputs, type FacilitationInputsMemo } from '../../client/src/facilitation/facilitation-inputs.js';
import { boardFacilitation } from '../../client/src/facilitation/board-facilitation.js';
import { IncrementalBoardReader } from '../../shared/board/incremental-read.js';
import type { BoardSnapshot } from '../../shared/board/snapshot.js';
import { addNote, deleteNote, initBoard, laneIds, linkCause, moveNote, setNoteText, setVotes, stageIds, unlinkCause } from '../../shared/board/write.js';
import { readSession } from '../../shared/session/read.js';
import { initSession } from '../../shared/session/write.js';

const author = { id: 'a', name: 'Ann', role: 'stakeholder' as const, department: 'Support' };

function setup() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Board', createdAt: 1 });
  const sessionDoc = new Y.Doc();
  initSession(sessionDoc);
  const session = readSession(sessionDoc);
  const reader = new IncrementalBoardReader(doc);
  const facilitation = (board: BoardSnapshot) => boardFacilitation({ board, session, role: 'participant', memberId: 'm1', canEdit: true });
  return { doc, reader, facilitation };
}

describe('sameFacilitationInputs', () => {
  it('is true for typing in a note no cause link touches, false for a cause’s text, a link, a vote or a move', () => {
    const { doc, reader } = setup();
    const [stage, other] = stageIds(doc);
    const lane = laneIds(doc)[0]!;
    const plain = addNote(doc, { stageId: stage!, laneId: lane, text: 'plain', author });
    const effect = addNote(doc, { stageId: stage!, laneId: lane, text: 'effect', author });
    const cause = addNote(doc, { stageId: stage!, laneId: lane, text: 'cause', author });
    linkCause(doc, effect, cause);
    let before = reader.read();
    // Threaded as the workspace does: kept while the answers are "same", a new one after a "different".
    let memo: FacilitationInputsMemo = {};
    const step = (edit: () => void): boolean => {
      edit();
      const after = reader.read();
      const same = sameFacilitationInputs(before, after, memo);
      if (!same) memo = {};
      before = after;
      return same;
    };
    expect(step(() => setNoteText(doc, plain, 'plain text'))).toBe(true);
    expect(step(() => setNoteText(doc, cause, 'cause, reworded'))).toBe(false);
    expect(step(() => setNoteText(doc, effect, 'effect, reworded'))).toBe(false);
    expect(step(() => unlinkCause(doc, effect, cause))).toBe(false);
    expect(step(() => setNoteText(doc, cause, 'no longer a cause'))).toBe(true);
    expect(step(() => setVotes(doc, plain, 'm1', 2))).toBe(false);
    expect(step(() => moveNote(doc, plain, { stageId: other!, laneId: lane, index: 0 }))).toBe(false);
    expect(step(() => deleteNote(doc, plain))).toBe(false);
  });

  it.each([1, 2, 3])('whenever it says same, boardFacilitation reads the same (random edits, seed %i)', (seed) => {
    const rnd = random(seed);
    const { doc, reader, facilitation } = setup();
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const ids = (): string[] => [...doc.getMap('notes').keys()];
    let before = reader.read();
    let memo: FacilitationInputsMemo = {};
    let same = 0;
    for (let step = 0; step < 200; step++) {
      const action = rnd();
      const notes = ids();
      if (action < 0.2 || notes.length < 2) addNote(doc, { stageId: pick(stageIds(doc)), laneId: pick(laneIds(doc)), text: `n${step}`, author });
      else if (action < 0.75) setNoteText(doc, pick(notes), `t${step}`);
      else if (action < 0.85) {
        const [effect, cause] = [pick(notes), pick(notes)];
        if (effect !== cause) linkCause(doc, effect, cause);
      }
      else if (action < 0.9) setVotes(doc, pick(notes), pick(['m1', 'm2']), Math.floor(rnd() * 3));
      else if (action < 0.95) moveNote(doc, pick(notes), { stageId: pick(stageIds(doc)), laneId: pick(laneIds(doc)), index: 0 });
      else deleteNote(doc, pick(notes));
      const after = reader.read();
      if (sameFacilitationInputs(before, after, memo)) {
        same++;
        expect(facilitation(after)).toEqual(facilitation(before));
      } else {
        memo = {};
      }
      before = after;
    }
    expect(same).toBeGreaterThan(20);
  });
});

/** IncrementalBoardReader gives exactly readBoard's snapshot after any sequence of edits, local or remote. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom as random } from '../../test/helpers/seeded-random.js';
import { boardRoots } from './doc.js';
import { IncrementalBoardReader } from './incremental-read.js';
import { readBoard } from './snapshot.js';
import { addNote, deleteNote, initBoard, laneIds, moveNote, removeStage, setEmotion, setMomentOfTruth, setNoteText, setVotes, stageIds } from './write.js';

const author = { id: 'a', name: 'Ann', role: 'stakeholder' as const, department: 'Support' };

describe('IncrementalBoardReader', () => {
  it.each([1, 2, 3])('equals readBoard after every step of a random edit sequence (seed %i)', (seed) => {
    const rnd = random(seed);
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Board', createdAt: 1 });
    // A second peer: its edits arrive as remote updates.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u, 'remote'));
    doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(remote, u, 'local'));
    const reader = new IncrementalBoardReader(doc);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const notes = (): string[] => [...doc.getMap('notes').keys()];
    for (let step = 0; step < 150; step++) {
      const target = rnd() < 0.5 ? doc : remote;
      const action = rnd();
      const ids = notes();
      if (action < 0.3 || ids.length === 0) {
        addNote(target, { stageId: pick(stageIds(target)), laneId: pick(laneIds(target)), text: `n${step}`, author });
      } else if (action < 0.55) {
        setNoteText(target, pick(ids), `edited ${step}`);
      } else if (action < 0.65) {
        moveNote(target, pick(ids), { stageId: pick(stageIds(target)), laneId: pick(laneIds(target)), index: 0 });
      } else if (action < 0.72) {
        deleteNote(target, pick(ids));
      } else if (action < 0.8) {
        setEmotion(target, pick(ids), Math.floor(rnd() * 5) - 2);
      } else if (action < 0.88) {
        setMomentOfTruth(target, pick(ids), rnd() < 0.5);
      } else if (action < 0.96) {
        setVotes(target, pick(ids), `voter${step % 3}`, 1);
      } else if (stageIds(target).length > 2) {
        removeStage(target, pick(stageIds(target)));
      }
      if (rnd() < 0.7) expect(reader.read()).toEqual(readBoard(doc));
    }
    const before = reader.read();
    const untouched = before.notes.slice(1);
    if (before.notes[0]) setNoteText(doc, before.notes[0].id, 'only this one');
    const after = reader.read();
    expect(after).toEqual(readBoard(doc));
    // Notes that did not change keep their identity (a view can skip them).
    for (const note of untouched) expect(after.notes.find((n) => n.id === note.id)).toBe(note);
    reader.destroy();
  });

  it('reuses the previous order only while notes keep their place: typing, then moves within a cell and across, then deletes', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Board', createdAt: 1 });
    const [s1, s2, s3] = stageIds(doc);
    const [l1, l2] = laneIds(doc);
    const ids = Array.from({ length: 8 }, (_, i) => addNote(doc, { stageId: i < 4 ? s1! : s2!, laneId: l1!, text: `n${i}`, author }));
    const inThird = addNote(doc, { stageId: s3!, laneId: l1!, text: 'third stage', author });
    const roots = boardRoots(doc);
    const reader = new IncrementalBoardReader(doc);
    const check = (): void => expect(reader.read()).toEqual(readBoard(doc));
    check();
    const steps: (() => void)[] = [
      () => setNoteText(doc, ids[1]!, 'typed'),
      () => setEmotion(doc, ids[2]!, 1),
      () => moveNote(doc, ids[3]!, { stageId: s1!, laneId: l1!, index: 0 }), // same cell, new order key
      () => setNoteText(doc, ids[3]!, 'typed after the move'),
      () => moveNote(doc, ids[0]!, { stageId: s1!, laneId: l2!, index: 0 }), // another lane
      () => setNoteText(doc, ids[0]!, 'typed in the new lane'),
      () => moveNote(doc, ids[5]!, { stageId: s1!, laneId: l1!, index: 1 }), // another stage
      () => setVotes(doc, ids[5]!, 'voter', 2),
      () => deleteNote(doc, ids[6]!),
      () => setNoteText(doc, ids[7]!, 'after a delete'),
      // a peer that changes a note's lane but not its order key (no writer here does; the schema allows it)
      () => roots.notes.get(ids[2]!)!.set('laneId', l2!),
      () => setNoteText(doc, ids[2]!, 'typed in the lane it was put in'),
      // … or into a lane or stage that does not exist: the note is no longer placed
      () => roots.notes.get(ids[4]!)!.set('laneId', 'no-such-lane'),
      () => roots.notes.get(ids[4]!)!.set('laneId', l1!),
      () => setNoteText(doc, ids[2]!, 'typed after a note came back'),
      () => roots.notes.get(ids[4]!)!.set('stageId', 'no-such-stage'),
      () => roots.notes.get(ids[4]!)!.set('stageId', s1!),
      // a peer that removes a stage without its notes: the third stage's note is no longer placed
      () => roots.stages.delete(s3!),
      () => setNoteText(doc, inThird, 'typed in a note whose stage is gone'),
      () => removeStage(doc, s2!),
      () => setNoteText(doc, ids[1]!, 'typed again'),
    ];
    for (const step of steps) {
      step();
      check();
    }
    reader.destroy();
  });
});

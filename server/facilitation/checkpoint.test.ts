import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '../../shared/board/snapshot.js';
import {
  addNote,
  addStage,
  deleteNote,
  initBoard,
  linkCause,
  moveNote,
  renameStage,
  setNoteText,
  setOwnerDepartment,
  setVotes,
  updatePersona,
} from '../../shared/board/write.js';
import { boardRoots } from '../../shared/board/doc.js';
import { META, type Author } from '../../shared/board/schema.js';
import { CheckpointError, docFromState, restoreCheckpoint } from './checkpoint.js';

const ana: Author = { id: 'member-ana', name: 'Ana', role: 'customer', department: '' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function content(doc: Y.Doc) {
  const { problems: _problems, ...rest } = readBoard(doc);
  return rest;
}

function workshop() {
  const live = new Y.Doc();
  initBoard(live, { title: 'Checkpoint', persona: { name: 'Maria' }, createdAt: 1 });
  const snap = readBoard(live);
  const stage = snap.stages[0]!.id;
  const pains = snap.lanes.find((l) => l.kind === 'pains')!.id;
  const doing = snap.lanes.find((l) => l.kind === 'doing')!.id;
  const pain = addNote(live, { stageId: stage, laneId: pains, text: 'invoice is confusing', author: ana, createdAt: 10 });
  const cause = addNote(live, { stageId: stage, laneId: doing, text: 'reads the invoice', author: ana, createdAt: 11 });
  linkCause(live, pain, cause);
  setVotes(live, pain, 'p1', 2);
  setOwnerDepartment(live, pain, 'Billing');
  return { live, stage, pains, doing, pain, cause };
}

describe('restoreCheckpoint', () => {
  it('restores the checkpoint as a forward change, and restoring the automatic checkpoint undoes it', () => {
    const { live, stage, doing, pain, cause } = workshop();
    const checkpoint = Y.encodeStateAsUpdate(live);
    const atCheckpoint = content(live);

    // Edits after the checkpoint: text, move, delete, add, votes, persona, stage title and a new stage.
    setNoteText(live, pain, 'invoice is very confusing');
    moveNote(live, pain, { stageId: stage, laneId: doing });
    deleteNote(live, cause);
    addNote(live, { stageId: stage, laneId: doing, text: 'new after checkpoint', author: ana });
    setVotes(live, pain, 'p2', 1);
    updatePersona(live, { name: 'Marie' });
    renameStage(live, stage, 'Find');
    addStage(live, 'Extra');
    const beforeRestore = Y.encodeStateAsUpdate(live);
    const afterEdits = content(live);
    expect(afterEdits).not.toEqual(atCheckpoint);

    let updates = 0;
    live.on('update', () => (updates += 1));
    const result = restoreCheckpoint(live, checkpoint, 'restore');
    expect(updates).toBe(1);
    expect(result).toEqual({ notesRemoved: 1, notesRecreated: 1 });
    expect(content(live)).toEqual(atCheckpoint);
    const cp = docFromState(checkpoint);
    expect(content(live)).toEqual(content(cp));
    // The re-created cause keeps its id and the link to it works again.
    expect(readBoard(live).notes.find((n) => n.id === pain)?.causes).toEqual([cause]);

    restoreCheckpoint(live, beforeRestore, 'restore');
    expect(content(live)).toEqual(afterEdits);
  });

  it('leaves unchanged values alone: restoring the current state is an empty change', () => {
    const { live } = workshop();
    const state = Y.encodeStateAsUpdate(live);
    const before = Y.encodeStateVector(live);
    restoreCheckpoint(live, state);
    expect(Y.encodeStateVector(live)).toEqual(before);
  });

  it('edits a text in place so a concurrent edit elsewhere in it survives, and peers converge', () => {
    const { live, pain } = workshop();
    const checkpoint = Y.encodeStateAsUpdate(live);
    setNoteText(live, pain, 'invoice is confusing!!!');
    const peer = new Y.Doc();
    sync(live, peer);

    // Concurrently: the server restores, the peer edits the start of the text and adds a note.
    restoreCheckpoint(live, checkpoint, 'restore');
    setNoteText(peer, pain, 'The invoice is confusing!!!');
    const snap = readBoard(peer);
    addNote(peer, { stageId: snap.stages[1]!.id, laneId: snap.lanes[0]!.id, text: 'concurrent', author: ana });
    sync(live, peer);

    expect(content(live)).toEqual(content(peer));
    const texts = readBoard(live).notes.map((n) => n.text);
    expect(texts).toContain('The invoice is confusing');
    expect(texts).toContain('concurrent');
  });

  it('refuses a state that is not an update and changes nothing', () => {
    const { live } = workshop();
    const before = Y.encodeStateVector(live);
    expect(() => restoreCheckpoint(live, new Uint8Array([1, 2, 3, 4, 5, 250, 250, 250]))).toThrow(CheckpointError);
    expect(Y.encodeStateVector(live)).toEqual(before);
  });

  it("keeps the live board's mark of the last counted vote: a restore to before a vote does not have it counted again", () => {
    const live = new Y.Doc();
    initBoard(live, { title: 'Checkpoint', createdAt: 1 });
    const before = Y.encodeStateAsUpdate(live);
    boardRoots(live).meta.set(META.talliedVote, 'vote-2');
    restoreCheckpoint(live, before);
    expect(boardRoots(live).meta.get(META.talliedVote)).toBe('vote-2');

    const older = new Y.Doc();
    initBoard(older, { title: 'Older', createdAt: 1 });
    boardRoots(older).meta.set(META.talliedVote, 'vote-1');
    restoreCheckpoint(live, Y.encodeStateAsUpdate(older));
    expect(boardRoots(live).meta.get(META.talliedVote)).toBe('vote-2');
    expect(boardRoots(live).meta.get(META.title)).toBe('Older');
  });
});

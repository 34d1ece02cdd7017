/**
 * Seeded convergence fuzz: several peers perform random user actions, exchange their updates in a
 * shuffled order with partial deliveries, and must end with identical boards that keep every stage
 * and lane exactly once. A failing seed becomes a fixed regression case in SEEDS.
 */
import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { readBoard } from './snapshot.js';
import { readLanes, readNotes, readStages } from './read.js';
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
  removeStage,
  renameStage,
  setEmotion,
  setMomentOfTruth,
  setNoteText,
  setVotes,
} from './write.js';

const SEEDS = [1, 2, 3, 42, 1337, 20261123, 99, 7];
const PEERS = 4;
const ROUNDS = 30;

type Action = (doc: Y.Doc, gen: prng.PRNG, peer: number) => void;

function pick<T>(gen: prng.PRNG, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : prng.oneOf(gen, items as T[]);
}

const actions: Action[] = [
  (doc, gen, peer) => {
    const stage = pick(gen, readStages(doc));
    const lane = pick(gen, readLanes(doc));
    if (stage && lane) {
      addNote(doc, {
        stageId: stage.id,
        laneId: lane.id,
        text: prng.word(gen, 0, 12),
        author: { id: `p${peer}`, name: `Peer ${peer}`, role: 'stakeholder', department: 'Support' },
        index: prng.uint32(gen, 0, 3),
      });
    }
  },
  (doc, gen) => {
    const note = pick(gen, readNotes(doc));
    if (note) setNoteText(doc, note.id, note.text.slice(0, prng.uint32(gen, 0, note.text.length)) + prng.word(gen, 0, 5));
  },
  (doc, gen) => {
    const note = pick(gen, readNotes(doc));
    const stage = pick(gen, readStages(doc));
    const lane = pick(gen, readLanes(doc));
    if (note && stage && lane) moveNote(doc, note.id, { stageId: stage.id, laneId: lane.id, index: prng.uint32(gen, 0, 4) });
  },
  (doc, gen) => {
    const note = pick(gen, readNotes(doc));
    if (note) deleteNote(doc, note.id);
  },
  (doc, gen) => {
    const stage = pick(gen, readStages(doc));
    if (stage) moveStage(doc, stage.id, prng.uint32(gen, 0, 8));
  },
  (doc, gen) => {
    const lane = pick(gen, readLanes(doc));
    if (lane) moveLane(doc, lane.id, prng.uint32(gen, 0, 7));
  },
  (doc, gen) => {
    if (prng.bool(gen)) addStage(doc, `S${prng.uint32(gen, 0, 99)}`, prng.uint32(gen, 0, 8));
    else addLane(doc, `L${prng.uint32(gen, 0, 99)}`, 'custom', prng.uint32(gen, 0, 7));
  },
  (doc, gen) => {
    const stage = pick(gen, readStages(doc));
    if (stage && prng.uint32(gen, 0, 3) === 0) removeStage(doc, stage.id);
    else if (stage) renameStage(doc, stage.id, `R${prng.uint32(gen, 0, 99)}`);
  },
  (doc, gen, peer) => {
    const note = pick(gen, readNotes(doc));
    if (!note) return;
    const choice = prng.uint32(gen, 0, 3);
    if (choice === 0) setVotes(doc, note.id, `p${peer}`, prng.uint32(gen, 0, 3));
    else if (choice === 1) setMomentOfTruth(doc, note.id, prng.bool(gen));
    else if (choice === 2) setEmotion(doc, note.id, prng.int32(gen, -2, 2));
    else {
      const other = pick(gen, readNotes(doc));
      if (other && other.id !== note.id) linkCause(doc, note.id, other.id);
    }
  },
];

function runSeed(seed: number): Y.Doc[] {
  const gen = prng.create(seed);
  const origin = new Y.Doc();
  initBoard(origin, { title: 'Fuzz', createdAt: 0 });
  const docs = Array.from({ length: PEERS }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(origin));
    return doc;
  });
  // Each peer's outbox of updates not yet delivered to each other peer.
  const inbox: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      docs.forEach((_, j) => {
        if (j !== i) inbox[j]!.push(update);
      });
    }),
  );
  for (let round = 0; round < ROUNDS; round++) {
    docs.forEach((doc, peer) => {
      const steps = prng.uint32(gen, 1, 3);
      for (let s = 0; s < steps; s++) {
        try {
          prng.oneOf(gen, actions)(doc, gen, peer);
        } catch (error) {
          // Invalid actions on the current state (e.g. removing the last stage) are refused by design.
          if (!(error instanceof BoardWriteError)) throw error;
        }
      }
    });
    // Deliver a random, shuffled part of each inbox; the rest waits for a later round.
    docs.forEach((doc, j) => {
      const queue = inbox[j]!;
      const take = prng.uint32(gen, 0, queue.length);
      const batch = queue.splice(0, take);
      for (let k = batch.length - 1; k > 0; k--) {
        const r = prng.uint32(gen, 0, k);
        [batch[k], batch[r]] = [batch[r]!, batch[k]!];
      }
      for (const update of batch) Y.applyUpdate(doc, update, 'remote');
    });
  }
  // Final delivery of everything, shuffled.
  docs.forEach((doc, j) => {
    const batch = inbox[j]!.splice(0);
    for (let k = batch.length - 1; k > 0; k--) {
      const r = prng.uint32(gen, 0, k);
      [batch[k], batch[r]] = [batch[r]!, batch[k]!];
    }
    for (const update of batch) Y.applyUpdate(doc, update, 'remote');
  });
  return docs;
}

describe('convergence fuzz (seeded)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: all peers converge to one board with no duplicated or lost stage/lane`, () => {
      const docs = runSeed(seed);
      const boards = docs.map((doc) => readBoard(doc));
      for (const board of boards.slice(1)) expect(board).toEqual(boards[0]);
      const board = boards[0]!;
      const stageIds = board.stages.map((s) => s.id);
      const laneIds = board.lanes.map((l) => l.id);
      expect(new Set(stageIds).size).toBe(stageIds.length);
      expect(new Set(laneIds).size).toBe(laneIds.length);
      expect(stageIds.length).toBe(docs[0]!.getMap('stages').size);
      // every pending struct integrated: nothing left waiting for a missing dependency
      for (const doc of docs) expect(doc.store.pendingStructs).toBeNull();
      expect(board.stages.length).toBeGreaterThan(0);
    });
  }
});

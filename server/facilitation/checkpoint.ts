/**
 * Restoring a checkpoint as a NEW forward change: the live board doc is edited, in one transaction, until
 * its content equals the checkpoint's. Nothing is rewound, so peers simply receive an update, concurrent
 * edits merge as usual, and restoring the automatic "Before restoring …" checkpoint undoes a restore
 * (its names: checkpoint-names.ts).
 * Unchanged values are left alone, so a restore touches only what differs.
 */
import * as Y from 'yjs';
import { migrateBoard } from '../../shared/board/migrate.js';
import { boardRoots } from '../../shared/board/doc.js';
import { BOARD_ROOTS, META } from '../../shared/board/schema.js';
import { AppError } from '../app-error.js';

/** A checkpoint state that cannot be read as a Yjs update. */
export class CheckpointError extends AppError {
  constructor(message: string) {
    super('invalid_checkpoint', message);
    this.name = 'CheckpointError';
  }
}

/** Deepest nesting the board schema has (root > note > votes/causes > value), with room to spare. */
const MAX_DEPTH = 6;

/** Loads a stored state into a fresh doc. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    doc.destroy();
    throw new CheckpointError(`checkpoint state is not a Yjs update: ${(error as Error).message}`);
  }
  return doc;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** A fresh, unintegrated copy of a value of another doc (Y types are copied deeply; text as plain text). */
function copyValue(value: unknown, depth: number): unknown {
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    if (depth < MAX_DEPTH) (value as Y.Map<unknown>).forEach((inner, key) => map.set(key, copyValue(inner, depth + 1)));
    return map;
  }
  if (value instanceof Y.Array) {
    const array = new Y.Array<unknown>();
    if (depth < MAX_DEPTH) array.push((value as Y.Array<unknown>).toArray().map((inner) => copyValue(inner, depth + 1)));
    return array;
  }
  return value;
}

/** Edits `live` into `target` with the smallest change: common prefix and suffix are kept. */
function syncText(live: Y.Text, target: string): void {
  const current = live.toString();
  if (current === target) return;
  let start = 0;
  while (start < current.length && start < target.length && current[start] === target[start]) start++;
  let end = 0;
  while (end < current.length - start && end < target.length - start && current[current.length - 1 - end] === target[target.length - 1 - end]) end++;
  live.delete(start, current.length - start - end);
  live.insert(start, target.slice(start, target.length - end));
}

function syncArray(live: Y.Array<unknown>, target: Y.Array<unknown>, depth: number): void {
  const a = live.toJSON();
  const b = target.toJSON();
  if (jsonEqual(a, b)) return;
  live.delete(0, live.length);
  live.push(target.toArray().map((value) => copyValue(value, depth + 1)));
}

/** Makes `live` hold exactly the entries of `target`, recursing into maps and texts of the same kind. */
function syncMap(live: Y.Map<unknown>, target: Y.Map<unknown>, depth: number): void {
  for (const key of [...live.keys()]) {
    if (!target.has(key)) live.delete(key);
  }
  target.forEach((wanted, key) => {
    const current = live.get(key);
    if (wanted instanceof Y.Map && current instanceof Y.Map && depth < MAX_DEPTH) {
      syncMap(current as Y.Map<unknown>, wanted as Y.Map<unknown>, depth + 1);
    } else if (wanted instanceof Y.Text && current instanceof Y.Text) {
      syncText(current, wanted.toString());
    } else if (wanted instanceof Y.Array && current instanceof Y.Array && depth < MAX_DEPTH) {
      syncArray(current as Y.Array<unknown>, wanted as Y.Array<unknown>, depth + 1);
    } else if (wanted instanceof Y.AbstractType || current instanceof Y.AbstractType || !live.has(key) || !jsonEqual(current, wanted)) {
      live.set(key, copyValue(wanted, depth + 1));
    }
  });
}

/** What a restore changed, for the route's answer and logs. */
export interface RestoreResult {
  /** notes the checkpoint lacked, deleted from the live board */
  notesRemoved: number;
  /** notes of the checkpoint missing from the live board, re-created with their ids */
  notesRecreated: number;
}

/**
 * Makes `liveDoc`'s board content equal to the checkpoint's, as one forward transaction with `origin`.
 * Only the board roots are compared; the checkpoint state is a full board doc state as stored by
 * createCheckpoint. Throws CheckpointError (and changes nothing) when the state cannot be read.
 */
export function restoreCheckpoint(liveDoc: Y.Doc, checkpointState: Uint8Array, origin?: unknown): RestoreResult {
  const checkpoint = docFromState(checkpointState);
  try {
    const liveNotes = liveDoc.getMap('notes');
    const wantedNotes = checkpoint.getMap('notes');
    const result: RestoreResult = {
      notesRemoved: [...liveNotes.keys()].filter((id) => !wantedNotes.has(id)).length,
      notesRecreated: [...wantedNotes.keys()].filter((id) => !liveNotes.has(id)).length,
    };
    // Which vote's close the server last counted is its own bookkeeping, not board content: a restore to before a
    // vote keeps it, or the next load of the session would count that vote again into the restored board.
    const counted = boardRoots(liveDoc).meta.get(META.talliedVote);
    liveDoc.transact(() => {
      for (const root of BOARD_ROOTS) syncMap(liveDoc.getMap(root), checkpoint.getMap(root), 1);
      if (counted !== undefined && boardRoots(liveDoc).meta.get(META.talliedVote) !== counted) boardRoots(liveDoc).meta.set(META.talliedVote, counted);
      // A checkpoint taken under an older schema brings its version back with `meta`: migrate again.
      migrateBoard(liveDoc, origin);
    }, origin);
    return result;
  } finally {
    checkpoint.destroy();
  }
}

/**
 * A board's place in its journey series, stored by the server only, as a small Y.Doc at the board's `series`
 * doc address. No room ever serves this doc (parseRoomPath never yields it, canWrite refuses it), so no client
 * can write it: a facilitator cannot point a board at another series and read that series' data.
 * Using the document store (loadDoc/write) keeps it working on every store implementation unchanged.
 */
import * as Y from 'yjs';
import { seriesDocAddress } from '../../shared/protocol.js';
import type { DocumentStore } from '../persistence/document-store.js';

/** Name of the series doc's one root map. */
export const SERIES_ROOT = 'series';

/** Where a board stands in its series. A board that was never part of a follow-up is a series of one. */
export interface SeriesLink {
  seriesId: string;
  position: number;
  previousBoardId: string;
  nextBoardId: string;
}

/** The link of a board that has no series doc yet. */
export function standaloneLink(boardId: string): SeriesLink {
  return { seriesId: boardId, position: 1, previousBoardId: '', nextBoardId: '' };
}

function linkOf(doc: Y.Doc, boardId: string): SeriesLink {
  const map = doc.getMap<unknown>(SERIES_ROOT);
  const text = (key: string): string => {
    const value = map.get(key);
    return typeof value === 'string' ? value : '';
  };
  const position = map.get('position');
  return {
    seriesId: text('seriesId') || boardId,
    position: typeof position === 'number' && Number.isInteger(position) && position >= 1 ? position : 1,
    previousBoardId: text('previousBoardId'),
    nextBoardId: text('nextBoardId'),
  };
}

/** The update that writes `patch` into a series doc whose current state is `base` (null: a new doc). */
export function seriesUpdate(patch: Partial<SeriesLink>, base: Uint8Array | null = null): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (base) Y.applyUpdate(doc, base);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      const map = doc.getMap<unknown>(SERIES_ROOT);
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) map.set(key, value);
    });
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

async function loadState(store: DocumentStore, boardId: string): Promise<Uint8Array | null> {
  const stored = await store.loadDoc(seriesDocAddress(boardId));
  if (!stored.snapshot && stored.updates.length === 0) return null;
  return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
}

/** Reads a board's series link (standalone when it has none). */
export async function readSeriesLink(store: DocumentStore, boardId: string): Promise<SeriesLink> {
  const state = await loadState(store, boardId);
  if (!state) return standaloneLink(boardId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return linkOf(doc, boardId);
  } finally {
    doc.destroy();
  }
}

/** Writes fields of a board's series link (the whole link when the board had none). */
export async function writeSeriesLink(store: DocumentStore, boardId: string, patch: Partial<SeriesLink>): Promise<void> {
  const state = await loadState(store, boardId);
  const full = state ? patch : { ...standaloneLink(boardId), ...patch };
  await store.write({ appends: [{ doc: seriesDocAddress(boardId), update: seriesUpdate(full, state) }], compactions: [] });
}

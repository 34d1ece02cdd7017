/**
 * Applies what the server sent without Yjs encoding it a second time for nobody. Yjs encodes the update of every
 * transaction as soon as a doc has any 'update' listener, whoever the transaction came from. This client's
 * 'update' listeners (the provider's sender and the save tracker's counter) both ignore the provider's own
 * transactions, so for a received update that encoding is thrown away: on the first sync of a 2,000-note board
 * about 90 ms of the main thread, a fifth of applying it (docs/benchmarks.md, "Opening a big board").
 *
 * While `run` applies, those listeners are taken off the doc, so Yjs encodes nothing. A transaction of another
 * origin inside that window (an observer writing during the apply; none does today) still reaches them
 * afterwards, as a superset of what it wrote, so nothing local is ever left unsent.
 */
import * as Y from 'yjs';

/** A doc 'update' listener. */
export type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/** Whether Yjs emits 'update' for this transaction: it wrote structs or deleted something (as Yjs decides it). */
function hasContent(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Runs `run` (which applies updates of `origin`) with `listeners` off the doc. Every listener given must ignore
 * updates of `origin`; any other 'update' listener of the doc keeps Yjs encoding, which stays correct.
 */
export function applyQuietly(doc: Y.Doc, origin: unknown, listeners: readonly UpdateListener[], run: () => void): void {
  // Only those on the doc now (a disposed session's are gone), put back as they were.
  const onDoc = (doc._observers.get('update') as Set<unknown> | undefined) ?? new Set();
  const quiet = listeners.filter((listener) => onDoc.has(listener));
  const others: Y.Transaction[] = [];
  const watch = (transaction: Y.Transaction): void => {
    if (transaction.origin !== origin && hasContent(transaction)) others.push(transaction);
  };
  for (const listener of quiet) doc.off('update', listener);
  doc.on('afterTransaction', watch);
  try {
    run();
  } finally {
    doc.off('afterTransaction', watch);
    for (const listener of quiet) doc.on('update', listener);
    for (const transaction of others) {
      const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState));
      for (const listener of quiet) listener(update, transaction.origin, doc, transaction);
    }
  }
}

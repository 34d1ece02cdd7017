#!/usr/bin/env node
/**
 * Bytes Yjs allocates to apply one small text edit, as a room does (with an `update` listener), by how many client
 * ids the doc has seen. Every page load of the stock client is a new client id, and Yjs builds maps of every client
 * id of the doc for each transaction (yjs#415), so this is a per-edit cost that grows with a board's history.
 *
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 scripts/bench/apply-by-clients.mjs
 *
 * The young generation is made large enough that no scavenge runs inside a measured batch, so the growth of the
 * heap over the batch is what it allocated.
 */
import * as Y from 'yjs';

/** A doc with one note text that `clients` other client ids have each written one character into. */
function docWithClients(clients) {
  const doc = new Y.Doc();
  const note = new Y.Map();
  doc.getMap('notes').set('n', note);
  note.set('text', new Y.Text());
  for (let c = 0; c < clients; c++) {
    const other = new Y.Doc();
    other.clientID = 1000 + c;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getMap('notes').get('n').get('text').insert(0, 'x');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
  }
  return doc;
}

const WARM_UP = 1000;
const MEASURED = 400;
for (const clients of [1, 10, 50, 200, 1000]) {
  const doc = docWithClients(clients);
  doc.on('update', () => undefined);
  const writer = new Y.Doc();
  writer.clientID = 5;
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
  const text = writer.getMap('notes').get('n').get('text');
  const updates = [];
  writer.on('update', (update) => updates.push(update));
  for (let i = 0; updates.length < WARM_UP + MEASURED; i++) {
    text.delete(0, 1);
    text.insert(0, String(i % 10));
  }
  for (const update of updates.slice(0, WARM_UP)) Y.applyUpdate(doc, update);
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (const update of updates.slice(WARM_UP, WARM_UP + MEASURED)) Y.applyUpdate(doc, update);
  const after = process.memoryUsage().heapUsed;
  console.log(`${String(clients).padStart(5)} client ids: ${((after - before) / MEASURED / 1000).toFixed(1)} KB per applied update`);
}

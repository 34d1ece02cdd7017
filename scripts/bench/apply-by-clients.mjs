#!/usr/bin/env node
/**
 * What one small text edit costs Yjs, by how many client ids the doc has seen: the bytes allocated and the CPU time to
 * apply it, as a room does (with an `update` listener), and the CPU time of making it as a local edit in a writer doc
 * holding the same history (as a browser does). Every page load of the stock client that writes is a new client id,
 * kept for good, and Yjs builds maps of every client id of the doc for each transaction (yjs#415), so these are
 * per-edit costs that grow with a board's history. About 7 s.
 *
 *   node --expose-gc --min-semi-space-size=128 --max-semi-space-size=128 scripts/bench/apply-by-clients.mjs
 *
 * The young generation is made large enough that no scavenge runs inside the batch whose bytes are measured, so the
 * growth of the heap over it is what it allocated. The CPU times (process.cpuUsage: every thread, GC included) are
 * taken over a larger batch of their own, for a stable figure.
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

/** CPU time (user + system, µs) that `run` took. */
function cpuUs(run) {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

const WARM_UP = 1000;
/** Updates whose CPU time is measured (applied, and made as local edits). */
const TIMED = 10_000;
/** Updates whose allocated bytes are measured: few enough to fit in the young generation. */
const MEASURED = 400;
/** The three figures of one doc size, as a line. */
function measure(clients) {
  const doc = docWithClients(clients);
  doc.on('update', () => undefined);
  const writer = new Y.Doc();
  writer.clientID = 5;
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
  const text = writer.getMap('notes').get('n').get('text');
  const updates = [];
  writer.on('update', (update) => updates.push(update));
  // Each local edit is one transaction (a deletion or an insertion of one character), so one update.
  let i = 0;
  const edit = () => (i++ % 2 === 0 ? text.delete(0, 1) : text.insert(0, String(i % 10)));
  while (updates.length < WARM_UP) edit();
  const localUs = cpuUs(() => {
    while (updates.length < WARM_UP + TIMED) edit();
  });
  while (updates.length < WARM_UP + TIMED + MEASURED) edit();

  for (const update of updates.slice(0, WARM_UP)) Y.applyUpdate(doc, update);
  const applyUs = cpuUs(() => {
    for (const update of updates.slice(WARM_UP, WARM_UP + TIMED)) Y.applyUpdate(doc, update);
  });
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (const update of updates.slice(WARM_UP + TIMED)) Y.applyUpdate(doc, update);
  const after = process.memoryUsage().heapUsed;
  return (
    `${String(clients).padStart(5)} client ids: ${((after - before) / MEASURED / 1000).toFixed(1)} KB and ` +
    `${(applyUs / TIMED).toFixed(1)} µs CPU per applied update, ${(localUs / TIMED).toFixed(1)} µs CPU per local edit`
  );
}

// Once unreported, so that the first size does not pay for V8 compiling Yjs's code.
measure(50);
for (const clients of [1, 10, 50, 200, 1000]) console.log(measure(clients));

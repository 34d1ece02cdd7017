import pg from 'pg';
import * as Y from 'yjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runBoardStoreContract } from '../board-store.contract.js';
import { sampleBoard } from '../contract-fixture.js';
import { STORE_ERROR } from '../store-error.js';
import { dropSchema, freshSchema, openTestPgStore, pgUnavailable, skipNotice, TEST_DATABASE_URL } from '../../../test/helpers/pg.js';
import { boardDocAddress, docRef } from '../../../shared/protocol.js';
import { ADVISORY_LOCK_CLASS, PgStore } from './pg-store.js';

const unavailable = await pgUnavailable();
if (unavailable) process.stdout.write(`${skipNotice('PostgreSQL store suite', unavailable)}\n`);

describe.skipIf(unavailable !== undefined)('PgStore', () => {
  runBoardStoreContract('PgStore', () => openTestPgStore());

  /** Two stores (as two instances would have) on one fresh schema. */
  async function twoInstances(): Promise<[PgStore, PgStore]> {
    const schema = freshSchema('two');
    const a = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema });
    const b = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema });
    onTestFinished(async () => {
      await a.close();
      await b.close();
      await dropSchema(schema);
    });
    return [a, b];
  }

  const textOf = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string => {
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc.getText('t').toString();
  };

  it('migrates once when instances start together and refuses a schema from a newer version', async () => {
    const [a] = await twoInstances();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    onTestFinished(() => client.end());
    expect((await client.query(`SELECT count(*)::int AS n FROM ${a.schema}.schema_version`)).rows[0]).toEqual({ n: 1 });
    await client.query(`UPDATE ${a.schema}.schema_version SET version = 999`);
    await expect(PgStore.open({ connectionString: TEST_DATABASE_URL, schema: a.schema })).rejects.toMatchObject({ code: STORE_ERROR.futureVersion });
  });

  it('refuses a bad schema name and an unreachable server with typed errors', async () => {
    await expect(PgStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x; DROP TABLE boards' })).rejects.toMatchObject({ code: STORE_ERROR.invalid });
    await expect(PgStore.open({ connectionString: 'postgres://postgres@127.0.0.1:1/none' })).rejects.toMatchObject({ code: STORE_ERROR.io });
  });

  it('a compaction by one instance keeps the updates another instance logged but it never saw', async () => {
    const [a, b] = await twoInstances();
    await a.createBoard(sampleBoard('board-pg01'), []);
    // Instance A's doc has "A"; instance B logs "B" which A never received (Redis down, say).
    const docA = new Y.Doc();
    docA.getText('t').insert(0, 'A');
    await a.write({ appends: [{ doc: boardDocAddress('board-pg01'), update: Y.encodeStateAsUpdate(docA) }], compactions: [] });
    const docB = new Y.Doc();
    docB.getText('t').insert(0, 'B');
    await b.write({ appends: [{ doc: boardDocAddress('board-pg01'), update: Y.encodeStateAsUpdate(docB) }], compactions: [] });
    // A compacts with only what it knows: B's row must be merged, not deleted.
    await a.write({ appends: [], compactions: [{ doc: boardDocAddress('board-pg01'), snapshot: Y.encodeStateAsUpdate(docA) }] });
    const stored = await a.loadDoc(boardDocAddress('board-pg01'));
    expect(stored.updates).toHaveLength(0);
    expect(textOf(stored).split('').sort().join('')).toBe('AB');
    // B compacts next with only "B": A's snapshot is foreign to B and is merged too.
    await b.write({ appends: [], compactions: [{ doc: boardDocAddress('board-pg01'), snapshot: Y.encodeStateAsUpdate(docB) }] });
    expect(textOf(await b.loadDoc(boardDocAddress('board-pg01'))).split('').sort().join('')).toBe('AB');
  });

  it('compaction of a doc waits for the advisory lock: one compacting writer at a time', async () => {
    const [a] = await twoInstances();
    await a.createBoard(sampleBoard('board-pg02'), []);
    const holder = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    onTestFinished(() => holder.end());
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK_CLASS, docRef(boardDocAddress('board-pg02'))]);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    let done = false;
    const compaction = a
      .write({ appends: [], compactions: [{ doc: boardDocAddress('board-pg02'), snapshot: Y.encodeStateAsUpdate(doc) }] })
      .then(() => (done = true));
    // Wait until PostgreSQL shows the compaction waiting on our advisory lock, then check it has not finished.
    const observer = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await observer.connect();
    onTestFinished(() => observer.end());
    await expect
      .poll(async () => (await observer.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1`, [ADVISORY_LOCK_CLASS])).rows[0])
      .toEqual({ n: 1 });
    expect(done).toBe(false);
    await holder.query('COMMIT');
    await compaction;
    expect(textOf(await a.loadDoc(boardDocAddress('board-pg02')))).toBe('x');
  });
});

/**
 * Failures in a cluster of real processes: kill -9 of an instance while clients on all three edit, Redis
 * killed and started again mid-session (a private redis-server), PostgreSQL unreachable (a TCP proxy the test
 * cuts), and the Redis commands one accepted update costs (counted on a private redis-server).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/api.js';
import { readNotes } from '../../shared/board/read.js';
import type { Author } from '../../shared/board/schema.js';
import { boardDocAddress } from '../../shared/protocol.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { PgStore } from '../../server/persistence/pg/pg-store.js';
import { createBoard, joinWriter, type TestBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor, type TestClient } from '../helpers/clients.js';
import { startCluster, TEST_REDIS_URL, type Cluster } from '../helpers/cluster.js';
import { pgUnavailable, skipNotice, TEST_DATABASE_URL } from '../helpers/pg.js';
import { startPrivateRedis } from '../helpers/redis.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const unavailable = (await pgUnavailable()) ?? (TEST_REDIS_URL ? undefined : 'TEST_REDIS_URL is not set');
if (unavailable) process.stdout.write(`${skipNotice('Cluster fault suite', unavailable)}\n`);

/** The author each writing client was joined as (notes are created by joined members only). */
const authors = new WeakMap<TestClient, Author>();

/** Joins a member through `httpUrl` and connects it through `wsUrl`. */
async function memberClient(httpUrl: string, wsUrl: string, board: TestBoard): Promise<TestClient> {
  const { author, params } = await joinWriter(httpUrl, board, board.tokens.participant);
  const client = connectClient(wsUrl, board.id, params);
  authors.set(client, author);
  return client;
}
const texts = (c: TestClient): string[] => readNotes(c.doc).map((n) => n.text).sort();

/** The note texts of a board as committed in PostgreSQL right now. */
async function storedTexts(schema: string, boardId: string): Promise<string[]> {
  const store = await PgStore.open({ connectionString: TEST_DATABASE_URL, schema });
  try {
    const stored = await store.loadDoc(boardDocAddress(boardId));
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return readNotes(doc).map((n) => n.text).sort();
  } finally {
    await store.close();
  }
}

async function health(url: string): Promise<{ status: number; body: HealthResponse }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthResponse };
}

function addNotes(client: TestClient, prefix: string, count: number): string[] {
  const [stage] = stageIds(client.doc);
  const [lane] = laneIds(client.doc);
  const made: string[] = [];
  for (let n = 0; n < count; n++) {
    const text = `${prefix}-${n}`;
    addNote(client.doc, { stageId: stage!, laneId: lane!, text, author: authors.get(client)! });
    made.push(text);
  }
  return made;
}

/** After every instance restarted: a fresh client on each sees exactly `expected`. */
async function expectOnEveryInstance(cluster: Cluster, boardId: string, token: string, expected: string[]): Promise<void> {
  for (const inst of cluster.instances) {
    const fresh = connectClient(inst.proc.wsUrl, boardId, { token });
    await synced(fresh);
    await waitFor(() => texts(fresh).length >= expected.length, `${expected.length} notes on ${inst.name}`);
    expect(texts(fresh)).toEqual(expected);
    fresh.destroy();
  }
}

describe.skipIf(unavailable !== undefined)('cluster faults', () => {
  it('kill -9 of one instance while clients on all three edit: its clients move to survivors, nothing acknowledged is lost, also after all restart', async () => {
    const cluster = await startCluster(3);
    const board = await createBoard(cluster.url);
    // Six clients through the load balancer: two per instance (round robin).
    const clients = await Promise.all(Array.from({ length: 6 }, () => memberClient(cluster.url, cluster.wsUrl, board)));
    await Promise.all(clients.map(synced));
    expect([...cluster.lb.forwarded.keys()]).toHaveLength(3);

    const written: string[] = [];
    clients.forEach((c, i) => written.push(...addNotes(c, `before-c${i}`, 4)));
    // Acknowledged = committed in PostgreSQL: wait for it, then kill while the clients keep editing.
    await waitFor(async () => (await storedTexts(cluster.schema, board.id)).length === written.length, 'first edits committed');
    const acknowledged = await storedTexts(cluster.schema, board.id);
    clients.forEach((c, i) => written.push(...addNotes(c, `racing-c${i}`, 3)));
    await cluster.kill(0);
    clients.forEach((c, i) => written.push(...addNotes(c, `after-c${i}`, 3)));
    written.sort();

    // The killed instance's clients reconnect through the load balancer to a survivor and re-send what they hold.
    for (const c of clients) await waitFor(() => texts(c).length === written.length, 'every client has every note', 20_000);
    for (const c of clients) {
      expect(texts(c)).toEqual(written);
      for (const text of acknowledged) expect(texts(c)).toContain(text);
    }
    await waitFor(async () => (await storedTexts(cluster.schema, board.id)).length === written.length, 'everything committed', 15_000);
    for (const c of clients) c.destroy();

    await cluster.stop(1);
    await cluster.stop(2);
    await Promise.all([cluster.start(0), cluster.start(1), cluster.start(2)]);
    await expectOnEveryInstance(cluster, board.id, board.tokens.projector, written);
  });

  it('Redis killed mid-session: each instance serves its own clients and says degraded; once Redis is back everyone converges', async () => {
    const redis = await startPrivateRedis();
    const cluster = await startCluster(2, { redisUrl: redis.url });
    const [a, b] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const onA = await memberClient(a!.url, a!.wsUrl, board);
    const onB = await memberClient(b!.url, b!.wsUrl, board);
    await Promise.all([synced(onA), synced(onB)]);
    const expected = [...addNotes(onA, 'a-before', 2)];
    await waitFor(() => texts(onB).length === 2, 'B sees A before the outage');

    await redis.stop();
    for (const s of [a!, b!]) {
      await waitFor(async () => {
        const h = await health(s.url);
        return h.status === 503 && h.body.redis?.state === 'down';
      }, '/healthz degraded with redis down');
    }
    expected.push(...addNotes(onA, 'a-during', 3), ...addNotes(onB, 'b-during', 3));
    // Each instance still serves its own clients: a second client on A gets A's edits at once.
    const onA2 = connectClient(a!.wsUrl, board.id, { token: board.tokens.projector });
    await synced(onA2);
    await waitFor(() => texts(onA2).includes('a-during-2'), 'A keeps serving its clients');

    await redis.start();
    expected.sort();
    for (const c of [onA, onB, onA2]) await waitFor(() => texts(c).length === expected.length, 'converged after Redis came back', 20_000);
    for (const c of [onA, onB, onA2]) expect(texts(c)).toEqual(expected);
    for (const s of [a!, b!]) await waitFor(async () => (await health(s.url)).status === 200, '/healthz ok again');
  });

  it('PostgreSQL unreachable: instances keep editing in memory and say degraded; nothing is lost once it is back, also after a restart', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy(() => [{ host: target.hostname, port: Number(target.port || 5432) }]);
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const cluster = await startCluster(2, { databaseUrl: viaProxy.toString() });
    const [a, b] = cluster.instances.map((i) => i.proc);
    const board = await createBoard(a!.url);
    const onA = await memberClient(a!.url, a!.wsUrl, board);
    const onB = await memberClient(b!.url, b!.wsUrl, board);
    await Promise.all([synced(onA), synced(onB)]);
    const expected = [...addNotes(onA, 'a-before', 2)];
    await waitFor(async () => (await storedTexts(cluster.schema, board.id)).length === 2, 'committed before the cut');

    proxy.cut();
    expected.push(...addNotes(onA, 'a-during', 3), ...addNotes(onB, 'b-during', 3));
    for (const s of [a!, b!]) {
      await waitFor(async () => {
        const h = await health(s.url);
        return h.status === 503 && h.body.store?.ok === false;
      }, '/healthz degraded with PostgreSQL down');
    }
    expected.sort();
    for (const c of [onA, onB]) await waitFor(() => texts(c).length === expected.length, 'edits still fan out while PostgreSQL is down');
    expect(await storedTexts(cluster.schema, board.id)).toEqual(['a-before-0', 'a-before-1']);

    proxy.restore();
    await waitFor(async () => (await storedTexts(cluster.schema, board.id)).length === expected.length, 'held edits committed once PostgreSQL is back', 20_000);
    expect(await storedTexts(cluster.schema, board.id)).toEqual(expected);
    for (const s of [a!, b!]) await waitFor(async () => (await health(s.url)).status === 200, '/healthz ok again', 15_000);
    onA.destroy();
    onB.destroy();
    await cluster.stop(0);
    await cluster.stop(1);
    await Promise.all([cluster.start(0), cluster.start(1)]);
    await expectOnEveryInstance(cluster, board.id, board.tokens.projector, expected);
  });

  it('one accepted update costs one XADD, and each instance holding the board reads it with at most one XREAD: no loops, no amplification', async () => {
    const redis = await startPrivateRedis();
    const cluster = await startCluster(3, { redisUrl: redis.url });
    const procs = cluster.instances.map((i) => i.proc);
    const board = await createBoard(procs[0]!.url);
    const writer = await memberClient(procs[0]!.url, procs[0]!.wsUrl, board);
    const readers = procs.map((p) => connectClient(p.wsUrl, board.id, { token: board.tokens.projector }));
    await Promise.all([writer, ...readers].map(synced));
    const inspect = redis.client();
    const stream = `${cluster.redisPrefix}:board:${board.id}`;
    // Settle the loading-time sync exchange, then count from here.
    // Every instance loads the board and its session doc and exchanges state once; done when the stream is quiet.
    let lastLength = -1;
    await waitFor(async () => {
      const length = await inspect.xlen(stream);
      const quiet = length > 0 && length === lastLength;
      lastLength = length;
      if (!quiet) await new Promise((resolve) => setTimeout(resolve, 1000));
      return quiet;
    }, 'sync exchange done', 20_000);
    const [startId] = ((await inspect.xrevrange(stream, '+', '-', 'COUNT', 1))[0] ?? ['0-0']) as [string];
    await inspect.config('RESETSTAT');

    const updates = 40;
    for (let n = 0; n < updates; n++) {
      addNotes(writer, `u${n}`, 1);
      // One at a time, as people type: every update travels on its own (the worst case for batching).
      await waitFor(() => readers.every((r) => readNotes(r.doc).length === n + 1), `update ${n} everywhere`);
    }
    const info = await inspect.info('commandstats');
    const calls = (command: string): number => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
    const entries = await inspect.xrange(stream, `(${startId}`, '+');
    const kinds = entries.map(([, fields]) => fields[fields.indexOf('t') + 1]);
    const updateEntries = kinds.filter((k) => k === 'u').length;
    const total = [...info.matchAll(/cmdstat_\w+:calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0) - calls('info') - calls('xrange') - calls('config');
    process.stdout.write(
      `redis per accepted update (3 instances): ${(calls('xadd') / updates).toFixed(2)} XADD, ${(calls('xread') / updates).toFixed(2)} XREAD, ${(total / updates).toFixed(2)} commands in all (${JSON.stringify(kinds.reduce<Record<string, number>>((m, k) => ({ ...m, [k!]: (m[k!] ?? 0) + 1 }), {}))} entries)\n`,
    );
    // Exactly one stream entry per accepted update, whatever the number of instances (the receivers never re-publish).
    expect(updateEntries).toBe(updates);
    // Every entry is one XADD; nothing else writes.
    expect(calls('xadd')).toBe(entries.length);
    // Each instance holding the board (the publisher's too: its read returns its own entry, skipped) reads an
    // entry with at most one XREAD, shared by every entry that arrived meanwhile; plus one idle re-issue per
    // 5 s block. Nothing is re-published, so the count cannot grow with the traffic it causes.
    const idleReads = 3 * 10;
    expect(calls('xread')).toBeLessThanOrEqual(3 * entries.length + idleReads);
    expect(total).toBeLessThanOrEqual(4 * entries.length + idleReads);
  });
});

/**
 * The catch-up barrier on a real Redis (TEST_REDIS_URL): Bus.replay reads a board's whole retained stream in
 * pages, and Replication.catchUp puts what other instances published into loaded rooms, naming the members
 * whose private docs it touched.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocAddress, docKey, privateDocAddress, type DocAddress } from '../../shared/protocol.js';
import { createLogger } from '../logger.js';
import type { ReplicatedRoom } from '../rooms/replicator.js';
import { waitFor } from '../../test/helpers/clients.js';
import { skipNotice } from '../../test/helpers/pg.js';
import { BUS_KIND } from './bus.js';
import { REPLAY_PAGE, RedisStreamBus } from './redis-bus.js';
import { Replication } from './replication.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? '';
if (!REDIS_URL) process.stdout.write(`${skipNotice('Catch-up barrier suite', 'TEST_REDIS_URL is not set')}\n`);

const logger = createLogger('silent');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Two buses (instances) on a fresh key prefix, and an inspecting client; all closed and the keys deleted after the test. */
async function twoInstances(): Promise<{ a: RedisStreamBus; b: RedisStreamBus; inspect: Redis; prefix: string }> {
  const prefix = `jrtest-${randomBytes(5).toString('hex')}`;
  const a = new RedisStreamBus({ url: REDIS_URL, prefix, instanceId: 'a', logger });
  const b = new RedisStreamBus({ url: REDIS_URL, prefix, instanceId: 'b', logger });
  const inspect = new Redis(REDIS_URL);
  cleanups.push(async () => {
    await Promise.all([a.close(), b.close()]);
    const keys = await inspect.keys(`${prefix}:*`);
    if (keys.length > 0) await inspect.del(...keys);
    inspect.disconnect();
  });
  // Publishing fails fast until the writer is connected (no offline queue).
  await waitFor(() => a.status.state === 'up' && b.status.state === 'up', 'both buses connected');
  return { a, b, inspect, prefix };
}

/** A loaded room as replication sees it, over a plain Y.Doc. */
function roomOf(address: DocAddress): ReplicatedRoom {
  const doc = new Y.Doc();
  return {
    address,
    boardId: address.boardId,
    doc,
    isDestroyed: false,
    applyRemoteUpdate: (update) => Y.applyUpdate(doc, update),
    applyRemoteAwareness: () => undefined,
  };
}

describe.skipIf(!REDIS_URL)('catch-up barrier', () => {
  it('replay returns every retained entry of a board, in order, over several XRANGE pages', async () => {
    const { a, b, inspect, prefix } = await twoInstances();
    const count = REPLAY_PAGE * 2 + 7;
    for (let i = 0; i < count; i++) a.publish('board1', { kind: BUS_KIND.update, docKey: 'board', payload: new Uint8Array([i % 256, i >> 8]) });
    a.publish('other', { kind: BUS_KIND.update, docKey: 'board', payload: new Uint8Array([1]) });
    await waitFor(async () => (await inspect.xlen(`${prefix}:board:board1`)) === count, 'every entry added');
    const replayed = await b.replay('board1');
    expect(replayed).toHaveLength(count);
    expect(replayed.map((m) => m.payload[0]! | (m.payload[1]! << 8))).toEqual(Array.from({ length: count }, (_x, i) => i));
    expect(new Set(replayed.map((m) => m.from))).toEqual(new Set(['a']));
    expect(await b.replay('never-written')).toEqual([]);
  });

  it('catchUp applies what another instance published for loaded docs and names the members whose private docs it touched', async () => {
    const { a, b, inspect, prefix } = await twoInstances();
    const boardId = 'board2';
    const mia = 'm_mia0000000000000000';
    const board = roomOf(boardDocAddress(boardId));
    const drafts = roomOf(privateDocAddress(boardId, mia));
    // Instance a accepted three changes (one board, two of Mia's drafts) that b never received nor found stored.
    const source = { board: new Y.Doc(), drafts: new Y.Doc() };
    source.board.on('update', (u: Uint8Array) => a.publish(boardId, { kind: BUS_KIND.update, docKey: 'board', payload: u }));
    source.drafts.on('update', (u: Uint8Array) => a.publish(boardId, { kind: BUS_KIND.update, docKey: docKey(drafts.address), payload: u }));
    source.board.getMap('notes').set('n1', 'on the board');
    source.drafts.getMap('notes').set('d1', 'first draft');
    source.drafts.getMap('notes').set('d2', 'second draft');
    a.publish(boardId, { kind: BUS_KIND.syncRequest, docKey: 'board', payload: Y.encodeStateVector(new Y.Doc()) });
    await waitFor(async () => (await inspect.xlen(`${prefix}:board:${boardId}`)) === 4, 'published');

    const replication = new Replication(b, logger);
    replication.bind({ peekDoc: (address) => [board, drafts].find((r) => docKey(r.address) === docKey(address)), rooms: () => [board, drafts], revokeLocal: () => undefined });
    const barrier = await replication.catchUp(boardId);
    expect(barrier.privateMembers).toEqual([mia]);
    barrier.apply([drafts.address]);
    expect(drafts.doc.getMap('notes').toJSON()).toEqual({ d1: 'first draft', d2: 'second draft' });
    expect(board.doc.getMap('notes').size).toBe(0);
    barrier.apply([board.address, drafts.address]);
    expect(board.doc.getMap('notes').toJSON()).toEqual({ n1: 'on the board' });
    replication.close();
  });
});

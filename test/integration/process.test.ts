/** The real server process: kill -9 shortly after the last write and SIGTERM right after writes keep every note. */
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { spawnServer, type Spawned } from '../helpers/process.js';


/** Waits until `ms` after `since` (returns at once when that is already past). */
const until = (since: number, ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, since + ms - Date.now())));

async function writeNotes(s: Spawned, count: number): Promise<{ boardId: string; token: string; participant: string; lastWriteAt: number }> {
  const board = await createBoard(s.url);
  const { author, params } = await joinWriter(s.url, board, board.tokens.participant);
  const writer = connectClient(s.wsUrl, board.id, params);
  const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  await Promise.all([synced(writer), synced(watcher)]);
  const [stage] = stageIds(writer.doc);
  const [lane] = laneIds(writer.doc);
  for (let i = 0; i < count; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `n${i}`, author });
  await waitFor(() => readNotes(watcher.doc).length === count, 'watcher saw every note');
  // The server had the last write no later than this: on a busy machine it can arrive well after it was sent.
  const lastWriteAt = Date.now();
  // Destroy the writers first: a reconnecting writer would re-upload its copy and hide a loss.
  writer.destroy();
  watcher.destroy();
  return { boardId: board.id, token: board.tokens.projector, participant: board.tokens.participant, lastWriteAt };
}

/** Adds `count` notes to an existing board, waits until a second client saw them, then both leave; returns when the last was seen. */
async function addMore(s: Spawned, boardId: string, participant: string, count: number): Promise<number> {
  const { author, params } = await joinWriter(s.url, { id: boardId }, participant);
  const writer = connectClient(s.wsUrl, boardId, params);
  const watcher = connectClient(s.wsUrl, boardId, { token: participant });
  await Promise.all([synced(writer), synced(watcher)]);
  const before = readNotes(writer.doc).length;
  const [stage] = stageIds(writer.doc);
  const [lane] = laneIds(writer.doc);
  for (let i = 0; i < count; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `more${before + i}`, author });
  await waitFor(() => readNotes(watcher.doc).length === before + count, 'watcher saw the new notes');
  const lastWriteAt = Date.now();
  writer.destroy();
  watcher.destroy();
  return lastWriteAt;
}

async function countNotes(s: Spawned, boardId: string, token: string, expected: number): Promise<number> {
  const fresh = connectClient(s.wsUrl, boardId, { token });
  await synced(fresh);
  await waitFor(() => readNotes(fresh.doc).length >= expected, `${expected} notes`).catch(() => undefined);
  const n = readNotes(fresh.doc).length;
  fresh.destroy();
  return n;
}

describe('server process', { timeout: 90_000 }, () => {
  it('kill -9 shortly after the last of 200 fast writes keeps all 200, three crashes in a row on one data dir', async () => {
    const dir = await tempDir();
    let s = await spawnServer(dir);
    const written = await writeNotes(s, 200);
    const { boardId, token, participant } = written;
    let lastWriteAt = written.lastWriteAt;
    let expected = 200;
    for (let cycle = 0; cycle < 3; cycle++) {
      // Group commit: what the server received is on disk a few milliseconds later. The benchmark measures the
      // 100 ms case (`killAfter200Writes` in docs/benchmarks.md: all 200 kept in every trial on a quiet machine);
      // this test guards the behaviour with room for a server process starved of CPU while the suite runs.
      await until(lastWriteAt, 250);
      process.kill(-s.child.pid!, 'SIGKILL');
      await s.exited;
      s = await spawnServer(dir);
      // Count with a fresh client; the writers are gone, so nothing can be re-uploaded to hide a loss.
      expect(await countNotes(s, boardId, token, expected)).toBe(expected);
      if (cycle < 2) {
        lastWriteAt = await addMore(s, boardId, participant, 10);
        expected += 10;
      }
    }
  });

  it('SIGTERM right after the writes keeps every note and exits 0', async () => {
    const dir = await tempDir();
    const first = await spawnServer(dir);
    const { boardId, token } = await writeNotes(first, 50);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await spawnServer(dir);
    expect(await countNotes(second, boardId, token, 50)).toBe(50);
  });
});

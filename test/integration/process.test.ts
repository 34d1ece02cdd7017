/** The real server process: kill -9 after the batching window and SIGTERM inside it keep every note. */
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';
import { spawnServer, type Spawned } from '../helpers/process.js';

const author = { id: 'w', name: 'Writer', role: 'customer' as const, department: '' };

async function writeNotes(s: Spawned, count: number): Promise<{ boardId: string; token: string }> {
  const board = await createBoard(s.url);
  const writer = connectClient(s.wsUrl, board.id, { token: board.tokens.participant });
  const watcher = connectClient(s.wsUrl, board.id, { token: board.tokens.projector });
  await Promise.all([synced(writer), synced(watcher)]);
  const [stage] = stageIds(writer.doc);
  const [lane] = laneIds(writer.doc);
  for (let i = 0; i < count; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `n${i}`, author });
  await waitFor(() => readNotes(watcher.doc).length === count, 'watcher saw every note');
  // Destroy the writers first: a reconnecting writer would re-upload its copy and hide a loss.
  writer.destroy();
  watcher.destroy();
  return { boardId: board.id, token: board.tokens.projector };
}

async function countNotes(s: Spawned, boardId: string, token: string, expected: number): Promise<number> {
  const fresh = connectClient(s.wsUrl, boardId, { token });
  await synced(fresh);
  await waitFor(() => readNotes(fresh.doc).length >= expected, `${expected} notes`).catch(() => undefined);
  const n = readNotes(fresh.doc).length;
  fresh.destroy();
  return n;
}

describe('server process', () => {
  it('kill -9 after the batching window keeps every note', async () => {
    const dir = await tempDir();
    const first = await spawnServer(dir);
    const { boardId, token } = await writeNotes(first, 30);
    // The contract: received more than 250 ms before the crash = durable.
    await new Promise((r) => setTimeout(r, 400));
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    const second = await spawnServer(dir);
    expect(await countNotes(second, boardId, token, 30)).toBe(30);
  });

  it('SIGTERM inside the batching window keeps every note and exits 0', async () => {
    const dir = await tempDir();
    const first = await spawnServer(dir);
    const { boardId, token } = await writeNotes(first, 50);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await spawnServer(dir);
    expect(await countNotes(second, boardId, token, 50)).toBe(50);
  });
});

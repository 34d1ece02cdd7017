/** The real server process: kill -9 after the batching window and SIGTERM inside it keep every note. */
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { tempDir } from '../helpers/server.js';

const author = { id: 'w', name: 'Writer', role: 'customer' as const, department: '' };

interface Spawned {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  exited: Promise<number | null>;
}

/** Spawns `node --import tsx server/main.ts` in its own process group and parses the listening URL. */
async function spawnServer(dataDir: string): Promise<Spawned> {
  const child = spawn('node', ['--import', 'tsx', 'server/main.ts'], {
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', CLIENT_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (const line of buffer.split('\n')) {
        try {
          const parsed = JSON.parse(line) as { url?: string };
          if (parsed.url) resolve(parsed.url);
        } catch {
          // not a complete JSON line yet
          continue;
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
  });
  return { child, url, wsUrl: url.replace(/^http/, 'ws') + '/ws', exited };
}

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

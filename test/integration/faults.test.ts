/**
 * Fault injection on the real server process: a disk that refuses every write.
 * `prlimit --fsize=1` makes each file write of the server fail with EFBIG (Node ignores SIGXFSZ), which
 * SQLite reports as an I/O error. The server must keep the data in memory, keep live sync going, report
 * /healthz degraded, and store everything once the disk works again.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readNotes } from '../../shared/board/read.js';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { spawnServer } from '../helpers/process.js';
import { tempDir } from '../helpers/server.js';


async function health(url: string): Promise<{ status: number; body: { status?: string; lastWriteError?: string } }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status?: string; lastWriteError?: string } };
}

function setFileSizeLimit(pid: number, limit: '1' | 'unlimited'): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${limit}:`]);
}

describe('failing disk', () => {
  it('keeps edits in memory while writes fail, reports degraded, stores everything after recovery', async () => {
    const dir = await tempDir();
    const first = await spawnServer(dir);
    const pid = first.child.pid!;
    const board = await createBoard(first.url);
    const { author, params } = await joinWriter(first.url, board, board.tokens.participant);
    const writer = connectClient(first.wsUrl, board.id, params);
    const watcher = connectClient(first.wsUrl, board.id, { token: board.tokens.projector });
    await Promise.all([synced(writer), synced(watcher)]);
    const [stage] = stageIds(writer.doc);
    const [lane] = laneIds(writer.doc);
    const write = (from: number, to: number): void => {
      for (let i = from; i < to; i++) addNote(writer.doc, { stageId: stage!, laneId: lane!, text: `n${i}`, author });
    };

    write(0, 5);
    await waitFor(() => readNotes(watcher.doc).length === 5, 'first notes reach the watcher');
    expect((await health(first.url)).status).toBe(200);

    setFileSizeLimit(pid, '1');
    try {
      write(5, 15);
      // Live sync goes on while the disk refuses writes.
      await waitFor(() => readNotes(watcher.doc).length === 15, 'notes written during the failure reach the watcher');
      const degraded = await waitFor(async () => {
        const h = await health(first.url);
        return h.status === 503 ? h : undefined;
      }, '/healthz degraded');
      expect(degraded.body.status).toBe('degraded');
    } finally {
      setFileSizeLimit(pid, 'unlimited');
    }
    await waitFor(async () => (await health(first.url)).status === 200, '/healthz healthy again after the retry', 15_000);

    // Everything written during the failure is now durable: crash the process and count with a fresh client.
    writer.destroy();
    watcher.destroy();
    process.kill(-pid, 'SIGKILL');
    await first.exited;
    const second = await spawnServer(dir);
    const fresh = connectClient(second.wsUrl, board.id, { token: board.tokens.projector });
    await synced(fresh);
    expect(readNotes(fresh.doc).map((n) => n.text).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `n${i}`).sort());
    fresh.destroy();
  });
});

/** Memory given back after boards are left: no loaded room, no connection, nothing pending, no socket left open. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard, joinWriter } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('memory after unload', () => {
  it('20 boards visited and left: every room unloads and every socket handle closes', async () => {
    const s = await startServer({ idleUnloadMs: 0 });
    const baseline = sockets();
    const boards = await Promise.all(Array.from({ length: 20 }, (_, i) => createBoard(s.url, `visit ${i}`)));
    // Each visitor joins as a member: the server accepts notes only under the author it knows.
    const writers = await Promise.all(boards.map((b) => joinWriter(s.url, b, b.tokens.participant, { name: 'Visitor', role: 'stakeholder', department: 'Support' })));
    const clients = boards.map((b, i) => connectClient(s.wsUrl, b.id, writers[i]!.params));
    await Promise.all(clients.map(synced));
    clients.forEach((c, i) => {
      const [stage] = stageIds(c.doc);
      const [lane] = laneIds(c.doc);
      addNote(c.doc, { stageId: stage!, laneId: lane!, text: 'visited', author: writers[i]!.author });
    });
    // A board's doc and its session doc: 40 rooms while everyone is there.
    await waitFor(() => s.server.registry.roomCount === 40, 'every board loaded');
    clients.forEach((c) => c.destroy());
    await waitFor(
      () => s.server.registry.roomCount === 0 && s.server.registry.connectionTotal === 0 && s.server.queue.pendingUpdates === 0 && sockets() <= baseline,
      'rooms unloaded and sockets closed',
    );
    expect(s.server.registry.roomCount).toBe(0);
    // The idle collector's count of loads still shows the 40 rooms that came and went.
    expect(s.server.registry.roomLoads).toBe(40);
    expect(sockets()).toBeLessThanOrEqual(baseline);
  });

  it('the server modules load without the PDF and PNG renderers (pdfkit, fontkit, resvg): those load on first use', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "await import('./server/server.ts');",
      "await import('./server/persistence/sqlite-store.ts');",
      "const loaded = Object.keys(createRequire(import.meta.url).cache);",
      // pdfkit and fontkit load as ES modules (not in the require cache); brotli is fontkit's CommonJS dependency.
      "console.log(JSON.stringify(['pdfkit', 'fontkit', 'brotli', '@resvg', 'pino-pretty'].filter((m) => loaded.some((k) => k.includes(`/node_modules/${m}/`)))));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? 'null')).toEqual([]);
  });
});

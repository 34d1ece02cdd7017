/** Memory given back after boards are left: no loaded room, no connection, nothing pending, no socket left open. */
import { describe, expect, it } from 'vitest';
import { addNote, laneIds, stageIds } from '../../shared/board/write.js';
import { createBoard } from '../helpers/api.js';
import { connectClient, synced, waitFor } from '../helpers/clients.js';
import { startServer } from '../helpers/server.js';

const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('memory after unload', () => {
  it('20 boards visited and left: every room unloads and every socket handle closes', async () => {
    const s = await startServer({ idleUnloadMs: 0 });
    const baseline = sockets();
    const boards = await Promise.all(Array.from({ length: 20 }, (_, i) => createBoard(s.url, `visit ${i}`)));
    const clients = boards.map((b) => connectClient(s.wsUrl, b.id, { token: b.tokens.participant }));
    await Promise.all(clients.map(synced));
    clients.forEach((c) => {
      const [stage] = stageIds(c.doc);
      const [lane] = laneIds(c.doc);
      addNote(c.doc, { stageId: stage!, laneId: lane!, text: 'visited', author: { id: 'v', name: 'Visitor', role: 'stakeholder', department: 'Support' } });
    });
    // A board's doc and its session doc: 40 rooms while everyone is there.
    await waitFor(() => s.server.registry.roomCount === 40, 'every board loaded');
    clients.forEach((c) => c.destroy());
    await waitFor(
      () => s.server.registry.roomCount === 0 && s.server.registry.connectionTotal === 0 && s.server.queue.pendingUpdates === 0 && sockets() <= baseline,
      'rooms unloaded and sockets closed',
    );
    expect(s.server.registry.roomCount).toBe(0);
    expect(sockets()).toBeLessThanOrEqual(baseline);
  });
});

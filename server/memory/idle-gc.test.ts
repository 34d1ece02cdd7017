/** The idle collector runs after rooms were loaded and the server went quiet (twice, a check apart), never while rooms are loaded. */
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/helpers/clients.js';
import { startIdleGc } from './idle-gc.js';

function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const collections = (lines: string[]): number => lines.filter((l) => l.includes('idle: collected unloaded rooms')).length;

describe('idle collector', () => {
  it('collects at two checks after the last room unloads and the quiet time passed, and again only after new rooms', async () => {
    const { logger, lines } = capturingLogger();
    let rooms = 2;
    const stop = startIdleGc({ roomCount: () => rooms, roomLoads: () => 0, quietMs: 30, logger });
    try {
      // Let several checks see loaded rooms: nothing is collected meanwhile.
      await new Promise((r) => setTimeout(r, 150));
      expect(collections(lines)).toBe(0);
      rooms = 0;
      await waitFor(() => collections(lines) === 2, 'the collections after the rooms unloaded');
      await new Promise((r) => setTimeout(r, 150));
      expect(collections(lines)).toBe(2);
      rooms = 1;
      await new Promise((r) => setTimeout(r, 100));
      rooms = 0;
      await waitFor(() => collections(lines) === 4, 'collections again after new rooms came and went');
      await new Promise((r) => setTimeout(r, 150));
      expect(collections(lines)).toBe(4);
    } finally {
      stop();
    }
  });

  it('a room loaded between the two collections of a quiet period starts a new period', async () => {
    const { logger, lines } = capturingLogger();
    let rooms = 1;
    const stop = startIdleGc({ roomCount: () => rooms, roomLoads: () => 0, quietMs: 40, logger });
    try {
      await new Promise((r) => setTimeout(r, 60));
      rooms = 0;
      await waitFor(() => collections(lines) === 1, 'the first collection');
      rooms = 1;
      // While the room is loaded, nothing more is collected: not the second collection of the old period either.
      await new Promise((r) => setTimeout(r, 150));
      expect(collections(lines)).toBe(1);
      rooms = 0;
      await waitFor(() => collections(lines) === 3, 'a full new period');
    } finally {
      stop();
    }
  });

  it('sees rooms that came and went between two checks: nothing collected during the churn, two collections after it', async () => {
    const { logger, lines } = capturingLogger();
    // Short visits: each room is loaded and unloaded again before the next check, so no check sees one loaded.
    let loads = 0;
    const churn = setInterval(() => loads++, 5);
    const stop = startIdleGc({ roomCount: () => 0, roomLoads: () => loads, quietMs: 40, logger });
    try {
      await new Promise((r) => setTimeout(r, 250));
      expect(collections(lines)).toBe(0);
      clearInterval(churn);
      await waitFor(() => collections(lines) === 2, 'the collections after the last visit');
    } finally {
      clearInterval(churn);
      stop();
    }
  });

  it('compacts: old-space pages left partly used by the unloaded rooms are given back, not kept for V8 to compact later', async () => {
    const oldSpace = (): v8.HeapSpaceInfo => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!;
    // Rooms' objects between longer-lived ones: every second object stays, so every page stays half used.
    const survivors: object[] = [];
    let rooms: object[][] | undefined = [];
    for (let i = 0; i < 200; i++) {
      const room: object[] = [];
      for (let j = 0; j < 2000; j++) {
        const item = { i, j, text: `note ${j}`, ids: [i, j] };
        room.push(item);
        if (j % 2 === 0) survivors.push(item);
      }
      rooms.push(room);
    }
    const { logger, lines } = capturingLogger();
    let loaded = 1;
    const stop = startIdleGc({ roomCount: () => loaded, roomLoads: () => 0, quietMs: 20, logger });
    try {
      await new Promise((r) => setTimeout(r, 50));
      rooms = undefined;
      loaded = 0;
      await waitFor(() => collections(lines) === 1, 'the idle collection');
      const after = oldSpace();
      // Compacted: about the live bytes (1.03x here); a plain full collection left 1.5x committed.
      expect(after.space_size).toBeLessThan(after.space_used_size * 1.15 + 2 * 1024 * 1024);
      expect(survivors).toHaveLength(200_000);
    } finally {
      stop();
    }
  });

  it('never collects on a server that loaded no room, nor when turned off', async () => {
    const { logger, lines } = capturingLogger();
    const stopIdle = startIdleGc({ roomCount: () => 0, roomLoads: () => 0, quietMs: 20, logger });
    let offRooms = 1;
    const stopOff = startIdleGc({ roomCount: () => offRooms, roomLoads: () => 0, quietMs: 0, logger });
    await new Promise((r) => setTimeout(r, 50));
    offRooms = 0;
    await new Promise((r) => setTimeout(r, 150));
    stopIdle();
    stopOff();
    expect(collections(lines)).toBe(0);
  });
});

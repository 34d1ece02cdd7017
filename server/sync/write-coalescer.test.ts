import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WriteCoalescer } from './write-coalescer.js';

/** A stream that records how its chunks were handed down: one entry per write or writev call. */
function recordingSocket(): { socket: Duplex; calls: string[][] } {
  const calls: string[][] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { socket, calls };
}

describe('WriteCoalescer', () => {
  it("sends each socket's first frame of a turn at once, and the rest of the turn's frames in a single writev at its end, in order", async () => {
    const coalescer = new WriteCoalescer();
    const a = recordingSocket();
    const b = recordingSocket();
    for (const frame of ['1', '2', '3']) {
      for (const { socket } of [a, b]) {
        coalescer.hold(socket);
        socket.write(frame);
      }
    }
    expect(a.calls).toEqual([['1']]);
    expect(b.calls).toEqual([['1']]);
    await nextTurn();
    expect(a.calls).toEqual([['1'], ['2', '3']]);
    expect(b.calls).toEqual([['1'], ['2', '3']]);
  });

  it('does not hold a socket past its turn: the next turn starts uncorked, its first frame goes at once and the rest are coalesced again', async () => {
    const coalescer = new WriteCoalescer();
    const a = recordingSocket();
    coalescer.hold(a.socket);
    a.socket.write('x');
    expect(a.calls).toEqual([['x']]);
    await nextTurn();
    expect(a.socket.writableCorked).toBe(0);
    for (const frame of ['y', 'z', 'w']) {
      coalescer.hold(a.socket);
      a.socket.write(frame);
    }
    expect(a.calls).toEqual([['x'], ['y']]);
    await nextTurn();
    expect(a.calls).toEqual([['x'], ['y'], ['z', 'w']]);
    expect(a.socket.writableCorked).toBe(0);
    // a turn in which the socket sends one frame only never corks it
    await nextTurn();
    coalescer.hold(a.socket);
    a.socket.write('v');
    expect(a.socket.writableCorked).toBe(0);
    expect(a.calls.at(-1)).toEqual(['v']);
  });

  it('leaves a socket corked by someone else to them, and reuses its lists across turns without keeping sockets', async () => {
    const coalescer = new WriteCoalescer();
    const a = recordingSocket();
    a.socket.cork();
    coalescer.hold(a.socket);
    a.socket.write('held by its owner');
    await nextTurn();
    expect(a.calls).toEqual([]);
    a.socket.uncork();
    expect(a.calls).toEqual([['held by its owner']]);
    for (const turn of ['1', '2', '3']) {
      const b = recordingSocket();
      for (const frame of ['first', turn, turn]) {
        coalescer.hold(b.socket);
        b.socket.write(frame);
      }
      await nextTurn();
      expect(b.calls).toEqual([['first'], [turn, turn]]);
    }
    const lists = coalescer as unknown as { held: unknown[]; spare: unknown[] };
    expect([...lists.held, ...lists.spare].every((slot) => slot === undefined)).toBe(true);
  });
});

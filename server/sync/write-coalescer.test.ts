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
  });

  it('holds every frame, the first too, in the turn after one where a quarter of the frames were repeats, and stops once turns are quiet again', async () => {
    const coalescer = new WriteCoalescer();
    const sockets = [recordingSocket(), recordingSocket(), recordingSocket(), recordingSocket()];
    const send = (frames: string[], to = sockets): void => {
      for (const frame of frames) {
        for (const { socket } of to) {
          coalescer.hold(socket);
          socket.write(frame);
        }
      }
    };
    // a quiet turn: one frame each, written at once
    send(['a']);
    await nextTurn();
    // one socket of four gets a second frame: 1 repeat in 5 frames, under a quarter
    send(['b']);
    send(['b2'], sockets.slice(0, 1));
    expect(sockets[0]!.calls).toEqual([['a'], ['b']]);
    await nextTurn();
    expect(sockets[0]!.calls).toEqual([['a'], ['b'], ['b2']]);
    // the next turn's first frames still go at once; this turn is busy: 4 repeats in 8 frames
    send(['c', 'd']);
    expect(sockets.map((s) => s.calls.at(-1))).toEqual(Array(4).fill(['c']));
    await nextTurn();
    // after a busy turn the first frame waits too, and the turn's frames leave in one writev
    send(['e', 'f']);
    expect(sockets[1]!.calls.at(-1)).toEqual(['d']);
    await nextTurn();
    expect(sockets.map((s) => s.calls.at(-1))).toEqual(Array(4).fill(['e', 'f']));
    // a held turn with one frame each is quiet: it is held, and the turn after it sends first frames at once
    send(['g']);
    expect(sockets[2]!.calls.at(-1)).toEqual(['e', 'f']);
    await nextTurn();
    expect(sockets[2]!.calls.at(-1)).toEqual(['g']);
    send(['h']);
    expect(sockets.map((s) => s.calls.at(-1))).toEqual(Array(4).fill(['h']));
    expect(sockets.every((s) => s.socket.writableCorked === 0)).toBe(true);
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
      // the first turn sends 'first' at once; the turns after it follow a busy turn and hold it too
      expect(b.calls).toEqual(turn === '1' ? [['first'], [turn, turn]] : [['first', turn, turn]]);
    }
    const lists = coalescer as unknown as { held: unknown[]; spare: unknown[] };
    expect([...lists.held, ...lists.spare].every((slot) => slot === undefined)).toBe(true);
  });
});

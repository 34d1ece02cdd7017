/**
 * Coalesces the frames sent to one socket during one turn of the event loop. A socket's first frame in a turn
 * goes straight out: at an ordinary load every socket gets one frame per turn, and holding it to the end of the
 * turn only delayed it (a 20-board fan-out's median delivery by about half a millisecond, for no CPU saved:
 * docs/benchmarks.md). A second frame in the same turn corks the socket, and one setImmediate (the check
 * phase, right after the poll phase that handled the incoming messages) uncorks every socket corked meanwhile,
 * so a socket that gets many frames in one turn (turns grow long as an instance nears saturation) writes the
 * rest of them in one writev instead of one system call each.
 *
 * After a turn in which at least a quarter of the frames were such repeats, the next turn holds every frame,
 * the first too: near saturation a socket's frames then leave in one writev a turn instead of two system
 * calls, and at an ordinary load, where repeats are rare, nothing is held that would go alone.
 */
import type { Duplex } from 'node:stream';

/** The turn in which a socket last sent a frame, kept on the socket: a map would allocate once per frame. */
const LAST_TURN = Symbol('journeyroom.writeCoalescer.lastTurn');
type TrackedSocket = Duplex & { [LAST_TURN]?: number };

/** Share of a turn's frames that went to a socket a second time or more, from which the next turn holds all. */
const REPEATS_TO_HOLD_ALL = 0.25;

/** Corks sockets for the rest of the current event-loop turn once they send a second frame in it. */
export class WriteCoalescer {
  /**
   * The sockets held this turn (the first `count` slots), and the list released last turn, kept for the next:
   * a busy room holds dozens of sockets every turn, and a fresh list would be grown (and copied) every time.
   */
  private held: (Duplex | undefined)[] = [];
  private count = 0;
  private spare: (Duplex | undefined)[] = [];
  private scheduled = false;
  /** counts the turns in which something was sent (each ends with `release`) */
  private turn = 0;
  /** frames this turn, and those of them sent to a socket that had sent one already this turn */
  private frames = 0;
  private repeats = 0;
  /** the last turn was busy (REPEATS_TO_HOLD_ALL): this one holds each socket from its first frame */
  private holdAll = false;

  /**
   * Called before each frame written to `socket`. The first frame of a turn passes (unless the last turn that
   * sent anything was busy); from the second on, the socket's writes are held until the end of the turn. A socket that is corked already is left as it is: its
   * writes wait for that uncork. The stream's own cork count tells, where a set of held sockets would allocate on
   * every add and delete, once per receiving socket per edit.
   */
  hold(socket: Duplex): void {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
    this.frames++;
    const tracked = socket as TrackedSocket;
    if (tracked[LAST_TURN] !== this.turn) {
      tracked[LAST_TURN] = this.turn;
      if (!this.holdAll) return;
    } else {
      this.repeats++;
    }
    if (socket.writableCorked > 0) return;
    socket.cork();
    this.held[this.count++] = socket;
  }

  /** Ends the turn: writes out everything held (each socket in one writev). */
  readonly release = (): void => {
    this.scheduled = false;
    this.turn++;
    this.holdAll = this.repeats > 0 && this.repeats >= this.frames * REPEATS_TO_HOLD_ALL;
    this.frames = 0;
    this.repeats = 0;
    const sockets = this.held;
    const count = this.count;
    // Sockets held while these are written out go to the other list, for the next release.
    this.held = this.spare;
    this.count = 0;
    this.spare = sockets;
    for (let i = 0; i < count; i++) {
      const socket = sockets[i]!;
      // The slot keeps the list's room but not the socket.
      sockets[i] = undefined;
      socket.uncork();
    }
  };
}

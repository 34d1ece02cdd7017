/**
 * Coalesces the frames sent to one socket during one turn of the event loop into one write. The first frame a
 * socket gets in a turn corks it; one setImmediate (the check phase, right after the poll phase that handled
 * the incoming messages) uncorks every socket corked meanwhile. A peer that receives several updates in one
 * turn then costs one writev system call instead of one per frame, which is where a busy board's CPU goes
 * (docs/benchmarks.md); a frame waits at most until the end of the turn it was sent in.
 */
import type { Duplex } from 'node:stream';

/** Corks sockets for the rest of the current event-loop turn. */
export class WriteCoalescer {
  /**
   * The sockets held this turn (the first `count` slots), and the list released last turn, kept for the next:
   * a busy room holds dozens of sockets every turn, and a fresh list would be grown (and copied) every time.
   */
  private held: (Duplex | undefined)[] = [];
  private count = 0;
  private spare: (Duplex | undefined)[] = [];
  private scheduled = false;

  /**
   * Holds `socket`'s writes until the end of this turn (idempotent within a turn). A socket that is corked
   * already is left as it is: its writes wait for that uncork. The stream's own cork count tells, where a set of
   * held sockets would allocate on every add and delete, once per receiving socket per edit.
   */
  hold(socket: Duplex): void {
    if (socket.writableCorked > 0) return;
    socket.cork();
    this.held[this.count++] = socket;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  }

  /** Writes out everything held (each socket in one writev). */
  readonly release = (): void => {
    this.scheduled = false;
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

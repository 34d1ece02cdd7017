/**
 * Decides whether every local edit is stored on the server ("saved") or still on its way ("saving…").
 *
 * On each socket we count the sync writes we send: one per local update sent while connected, and the
 * SyncStep2 reply to the server's SyncStep1 on join (it carries every edit made so far, offline ones
 * included). The server answers with a "saved" message (auth subtype, see shared/protocol.ts) carrying n:
 * our first n writes on this socket are handled and on disk. A local update is saved once the write that
 * carried it is within n. Saved <=> every local update is. Deletions count like any other edit.
 */

/** One write sent on the current socket: its position on the socket and the local updates it covers. */
interface SentWrite {
  wire: number;
  localSeq: number;
}

export class SaveTracker {
  private localSeq = 0;
  private ackedSeq = 0;
  private sentOnSocket = 0;
  /** writes sent on the current socket and not acknowledged yet, oldest first */
  private inFlight: SentWrite[] = [];

  /** A local update happened; `connected` says whether the provider sent it on an open socket. */
  localUpdate(connected: boolean): void {
    this.localSeq++;
    if (connected) this.sent();
  }

  /** A new socket opened: its counts start at zero; what was unacknowledged goes out again in the next reply. */
  socketOpened(): void {
    this.sentOnSocket = 0;
    this.inFlight = [];
  }

  /** The provider replied to the server's SyncStep1 with a SyncStep2: that one write carries every local edit. */
  repliedToStep1(): void {
    this.sent();
  }

  /** The server's "saved" message: the first `count` writes on this socket are durable. Returns true when it acknowledged edits. */
  savedUpTo(count: number): boolean {
    const before = this.ackedSeq;
    while (this.inFlight.length > 0 && this.inFlight[0]!.wire <= count) {
      this.ackedSeq = Math.max(this.ackedSeq, this.inFlight.shift()!.localSeq);
    }
    return this.ackedSeq > before;
  }

  get saved(): boolean {
    return this.ackedSeq === this.localSeq;
  }

  private sent(): void {
    this.sentOnSocket++;
    this.inFlight.push({ wire: this.sentOnSocket, localSeq: this.localSeq });
  }
}

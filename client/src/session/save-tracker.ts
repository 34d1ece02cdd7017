/**
 * Decides whether every local edit is stored on the server ("saved") or still on its way ("saving…").
 *
 * The server answers each commit to disk with its own SyncStep1 (its state vector). We count local
 * updates: `localSeq` grows with each one, `sentSeq` is the last one handed to an open socket (edits made
 * offline are sent in our reply to the server's first SyncStep1 after reconnecting). When a server
 * SyncStep1 arrives and its state vector covers our whole doc, everything sent before it is acknowledged.
 * Saved <=> synced and `ackedSeq === localSeq`.
 *
 * Known limit: a state vector does not describe deletions, so a delete-only edit sent just as an unrelated
 * commit was finishing could be shown as saved up to one commit (~250 ms) early. Inserts are exact.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/** y-protocols sync message subtypes. */
const SYNC_STEP_1 = 0;

export class SaveTracker {
  private localSeq = 0;
  private sentSeq = 0;
  private ackedSeq = 0;

  constructor(private readonly doc: Y.Doc) {}

  /** A local update happened; `connected` says whether it went straight onto an open socket. */
  localUpdate(connected: boolean): void {
    this.localSeq++;
    if (connected) this.sentSeq = this.localSeq;
  }

  /**
   * Looks at an incoming sync message without consuming it. Returns true when it acknowledged edits.
   * Call before the provider handles the message; call `afterServerSyncMessage` after.
   */
  beforeServerSyncMessage(decoder: decoding.Decoder): boolean {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) !== SYNC_STEP_1) return false;
    const serverVector = Y.decodeStateVector(decoding.readVarUint8Array(peek));
    const localVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    for (const [client, clock] of localVector) {
      if ((serverVector.get(client) ?? 0) < clock) return false;
    }
    const acked = this.sentSeq > this.ackedSeq;
    this.ackedSeq = this.sentSeq;
    return acked;
  }

  /** The provider replied to the server's message: our reply to a SyncStep1 carries every pending edit. */
  afterServerSyncMessage(wasStep1: boolean): void {
    if (wasStep1) this.sentSeq = this.localSeq;
  }

  /** Whether a message is a SyncStep1 (peek only). */
  static isStep1(decoder: decoding.Decoder): boolean {
    return decoding.readVarUint(decoding.clone(decoder)) === SYNC_STEP_1;
  }

  get saved(): boolean {
    return this.ackedSeq === this.localSeq;
  }
}

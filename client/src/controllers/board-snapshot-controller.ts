/**
 * Keeps a host element's `snapshot` of the board current: observes the doc's root types deeply and
 * re-reads the board at most once per animation frame, however many changes arrive in that frame. Only the
 * notes changed since the last frame are read again (IncrementalBoardReader): a full read of 2,000 notes takes
 * tens of milliseconds, too long for every keystroke of five people.
 */
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { boardRoots } from '../../../shared/board/doc.js';
import { IncrementalBoardReader } from '../../../shared/board/incremental-read.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import { FrameScheduledController, observeDeep } from './frame-scheduled-controller.js';

/** The board as plain data, re-read after each batch of changes. */
export class BoardSnapshotController {
  /** The latest board, read after the last batch of changes. */
  snapshot: BoardSnapshot;
  private readonly reader: IncrementalBoardReader;

  constructor(host: ReactiveControllerHost, doc: Y.Doc) {
    const roots = boardRoots(doc);
    const types = [roots.meta, roots.persona, roots.stages, roots.lanes, roots.notes, roots.actions] as unknown as Y.AbstractType<Y.YEvent<never>>[];
    // The reader follows note changes for as long as the doc lives (its session disposes the doc).
    this.reader = new IncrementalBoardReader(doc);
    this.snapshot = this.reader.read();
    new FrameScheduledController(host, observeDeep(types), () => this.refresh());
  }

  private refresh(): void {
    this.snapshot = this.reader.read();
    if (this.snapshot.problems.length) console.debug('journeyroom: board read problems', this.snapshot.problems);
  }
}

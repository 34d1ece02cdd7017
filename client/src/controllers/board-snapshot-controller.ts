/**
 * Keeps a host element's `snapshot` of the board current: observes the doc's root types deeply and
 * re-reads the board at most once per animation frame, however many changes arrive in that frame.
 */
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { boardRoots } from '../../../shared/board/doc.js';
import { readBoard, type BoardSnapshot } from '../../../shared/board/snapshot.js';
import { FrameScheduledController, observeDeep } from './frame-scheduled-controller.js';

/** The board as plain data, re-read after each batch of changes. */
export class BoardSnapshotController {
  /** The latest board, read after the last batch of changes. */
  snapshot: BoardSnapshot;

  constructor(
    host: ReactiveControllerHost,
    private readonly doc: Y.Doc,
  ) {
    const roots = boardRoots(doc);
    const types = [roots.meta, roots.persona, roots.stages, roots.lanes, roots.notes, roots.actions] as unknown as Y.AbstractType<Y.YEvent<never>>[];
    this.snapshot = readBoard(doc);
    new FrameScheduledController(host, observeDeep(types), () => this.refresh());
  }

  private refresh(): void {
    this.snapshot = readBoard(this.doc);
    if (this.snapshot.problems.length) console.debug('journeyroom: board read problems', this.snapshot.problems);
  }
}

/**
 * Keeps a host element's `snapshot` of the board current: observes the doc's root types deeply and
 * re-reads the board at most once per animation frame, however many changes arrive in that frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { boardRoots } from '../../../shared/board/doc.js';
import { readBoard, type BoardSnapshot } from '../../../shared/board/snapshot.js';

export class BoardSnapshotController implements ReactiveController {
  /** The latest board, read after the last batch of changes. */
  snapshot: BoardSnapshot;
  private frame = 0;
  private readonly roots: Y.AbstractType<Y.YEvent<never>>[];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly doc: Y.Doc,
  ) {
    const roots = boardRoots(doc);
    this.roots = [roots.meta, roots.persona, roots.stages, roots.lanes, roots.notes] as unknown as Y.AbstractType<Y.YEvent<never>>[];
    this.snapshot = readBoard(doc);
    host.addController(this);
  }

  hostConnected(): void {
    for (const root of this.roots) root.observeDeep(this.onChange);
    this.refresh();
  }

  hostDisconnected(): void {
    for (const root of this.roots) root.unobserveDeep(this.onChange);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly onChange = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  private refresh(): void {
    this.snapshot = readBoard(this.doc);
    if (this.snapshot.problems.length) console.debug('journeyroom: board read problems', this.snapshot.problems);
    this.host.requestUpdate();
  }
}

/**
 * Keeps a host element's `metrics` (stage id -> imported metrics) current from a session doc: observes the
 * metrics root and re-reads it at most once per animation frame.
 */
import type { ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { readMetrics, sessionRoots } from '../../../shared/session/read.js';
import type { StageMetric } from '../../../shared/session/schema.js';
import { FrameScheduledController, observeDeep } from './frame-scheduled-controller.js';

/** Metrics per stage id, as the stage headers show them. */
export type StageMetrics = Readonly<Record<string, readonly StageMetric[]>>;

/** The imported stage metrics, re-read after each batch of changes. */
export class StageMetricsController {
  /** The latest metrics per stage id (empty until the session doc has synced). */
  metrics: StageMetrics;

  constructor(
    host: ReactiveControllerHost,
    private readonly doc: Y.Doc,
  ) {
    const root = sessionRoots(doc).metrics as unknown as Y.AbstractType<Y.YEvent<never>>;
    this.metrics = readMetrics(doc);
    new FrameScheduledController(host, observeDeep([root]), () => {
      this.metrics = readMetrics(this.doc);
    });
  }
}

/**
 * Keeps a host element's `metrics` (stage id -> imported metrics) current from a session doc: observes the
 * metrics root and re-reads it at most once per animation frame.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { readMetrics, sessionRoots } from '../../../shared/session/read.js';
import type { StageMetric } from '../../../shared/session/schema.js';

/** Metrics per stage id, as the stage headers show them. */
export type StageMetrics = Readonly<Record<string, readonly StageMetric[]>>;

export class StageMetricsController implements ReactiveController {
  /** The latest metrics per stage id (empty until the session doc has synced). */
  metrics: StageMetrics;
  private frame = 0;
  private readonly root: Y.Map<unknown>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly doc: Y.Doc,
  ) {
    this.root = sessionRoots(doc).metrics;
    this.metrics = readMetrics(doc);
    host.addController(this);
  }

  hostConnected(): void {
    this.root.observeDeep(this.onChange);
    this.refresh();
  }

  hostDisconnected(): void {
    this.root.unobserveDeep(this.onChange);
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
    this.metrics = readMetrics(this.doc);
    this.host.requestUpdate();
  }
}

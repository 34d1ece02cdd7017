/**
 * The shared shape of every "keep a host current from a Y.Doc or awareness" controller: subscribe while the
 * host is connected, and after any number of changes re-read once per animation frame and re-render the host.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';

/** Starts calling `onChange` on every change of a source and returns how to stop. */
export type Subscribe = (onChange: () => void) => () => void;

/** Subscribes to deep changes of some shared types (e.g. a doc's roots). */
export function observeDeep(types: readonly Y.AbstractType<Y.YEvent<never>>[]): Subscribe {
  return (onChange) => {
    for (const type of types) type.observeDeep(onChange);
    return () => {
      for (const type of types) type.unobserveDeep(onChange);
    };
  };
}

/** Subscribes to every update of some docs. */
export function onDocUpdates(docs: readonly Y.Doc[]): Subscribe {
  return (onChange) => {
    for (const doc of docs) doc.on('update', onChange);
    return () => {
      for (const doc of docs) doc.off('update', onChange);
    };
  };
}

/**
 * Runs `refresh` when the host connects and then at most once per animation frame while changes arrive,
 * re-rendering the host each time; stops listening (and drops a pending frame) when the host disconnects.
 */
export class FrameScheduledController implements ReactiveController {
  private frame = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly subscribe: Subscribe,
    private readonly refresh: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.subscribe(this.onChange);
    this.update();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly onChange = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  };

  private update(): void {
    this.refresh();
    this.host.requestUpdate();
  }
}

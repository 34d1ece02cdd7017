/**
 * Which parts of a big board's cells are rendered: those that came near the viewport, and those something
 * asked for (keyboard focus, "go to note", a move). The host renders every other part as a placeholder
 * carrying `data-part-cell` and `data-part`, hands it to `track` (a `ref`) and calls `watch` after each
 * update, which looks only at the placeholders new since (no query of the whole map); a placeholder within the
 * margin of the scroller is shown at once (before the first paint), the rest when an IntersectionObserver
 * sees them come near. A shown part stays shown: scrolling back never re-creates notes, and a cell's revision
 * changes only when one of its parts appears, so the host can skip unchanged cells by that number.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface LazyPartsOptions {
  /** what scrolls the parts: an element, or the document (the window scrolls); null before the first render */
  root: () => HTMLElement | Document | null;
  /** how far beyond the root a part counts as near, in CSS pixels: block (vertical), inline (horizontal) */
  margin: { block: number; inline: number };
  /**
   * The placeholders lie one under another in the order they are rendered (a single column, as the outline's
   * lists): once one is below the near area so are the rest, which are observed without being measured.
   * Measuring a placeholder inside content the browser skips (content-visibility) makes it lay that out: on a
   * laptop's outline of 2,000 notes, 240 ms of its opening.
   */
  ordered?: boolean;
}

export class LazyPartsController implements ReactiveController {
  /** false: every part is shown (a small board, or a view that measures the whole map) */
  enabled = false;
  private readonly shown = new Map<string, Set<number>>();
  private readonly revisions = new Map<string, number>();
  private readonly watched = new WeakSet<Element>();
  private fresh: HTMLElement[] = [];
  private observer: IntersectionObserver | undefined;
  private observedRoot: HTMLElement | Document | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LazyPartsOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observedRoot = undefined;
  }

  /** Whether the part is rendered. */
  isShown(cell: string, part: number): boolean {
    return !this.enabled || (this.shown.get(cell)?.has(part) ?? false);
  }

  /** Changes whenever a part of the cell is shown: one of the host's reasons to render the cell again. */
  revision(cell: string): number {
    return this.revisions.get(cell) ?? 0;
  }

  /** Renders the part from the next update on (and keeps it). Returns whether it was new. */
  show(cell: string, part: number): boolean {
    if (!this.add(cell, part)) return false;
    this.host.requestUpdate();
    return true;
  }

  /** Records a part the host already rendered for its own reasons (a move, a focus) so it stays rendered. */
  keep(cell: string, part: number): void {
    this.add(cell, part);
  }

  /** For a `ref` on each placeholder: collects those rendered since the last `watch`. */
  readonly track = (placeholder: Element | undefined): void => {
    if (placeholder instanceof HTMLElement && !this.watched.has(placeholder)) this.fresh.push(placeholder);
  };

  /**
   * After an update: observes the placeholders rendered since, and shows at once those already near (so the
   * first paint has the notes in view, not placeholders).
   */
  watch(): void {
    const placeholders = this.fresh;
    this.fresh = [];
    if (!this.enabled || placeholders.length === 0) return;
    const root = this.options.root();
    if (!root) return;
    const observer = this.observe(root);
    const { block, inline } = this.options.margin;
    let near: DOMRect | undefined;
    let shownAny = false;
    let below = false;
    for (const placeholder of placeholders) {
      if (this.watched.has(placeholder) || !placeholder.isConnected) continue;
      this.watched.add(placeholder);
      if (below) {
        observer.observe(placeholder);
        continue;
      }
      near ??= expand(root instanceof Document ? new DOMRect(0, 0, innerWidth, innerHeight) : root.getBoundingClientRect(), block, inline);
      const box = placeholder.getBoundingClientRect();
      // Near already: shown now, and never observed (an observer keeps its targets until told otherwise).
      if (intersects(near, box)) shownAny = this.showPlaceholder(placeholder) || shownAny;
      else observer.observe(placeholder);
      below = this.options.ordered === true && box.top > near.bottom;
    }
    if (shownAny) this.host.requestUpdate();
  }

  private observe(root: HTMLElement | Document): IntersectionObserver {
    if (this.observer && this.observedRoot === root) return this.observer;
    this.observer?.disconnect();
    const { block, inline } = this.options.margin;
    this.observedRoot = root;
    this.observer = new IntersectionObserver(
      (entries) => {
        let shownAny = false;
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          this.observer?.unobserve(entry.target);
          shownAny = this.showPlaceholder(entry.target as HTMLElement) || shownAny;
        }
        if (shownAny) this.host.requestUpdate();
      },
      { root, rootMargin: `${block}px ${inline}px` },
    );
    return this.observer;
  }

  private showPlaceholder(placeholder: HTMLElement): boolean {
    const cell = placeholder.dataset.partCell;
    const part = Number(placeholder.dataset.part);
    return cell !== undefined && Number.isInteger(part) && this.add(cell, part);
  }

  private add(cell: string, part: number): boolean {
    let parts = this.shown.get(cell);
    if (!parts) this.shown.set(cell, (parts = new Set()));
    if (parts.has(part)) return false;
    parts.add(part);
    this.revisions.set(cell, this.revision(cell) + 1);
    return true;
  }
}

function expand(box: DOMRect, block: number, inline: number): DOMRect {
  return new DOMRect(box.x - inline, box.y - block, box.width + 2 * inline, box.height + 2 * block);
}

function intersects(a: DOMRect, b: DOMRect): boolean {
  return b.right >= a.left && b.left <= a.right && b.bottom >= a.top && b.top <= a.bottom;
}

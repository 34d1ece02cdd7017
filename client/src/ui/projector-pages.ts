/**
 * How the projector splits a map too big to read: pages of whole stages that fit the screen's width with
 * note text at least the minimum size, and, when one page is still too tall, parts shown one below the other.
 * Pure arithmetic on measured sizes (CSS px of the unscaled map), so it is tested without a browser.
 */

/** Sizes measured on the map at scale 1 and the room the projector has. */
export interface PageGeometry {
  /** width and height the map may use on screen */
  availableWidth: number;
  /** width of the lane-title column */
  laneWidth: number;
  /** width of one stage column */
  stageWidth: number;
  /** stages on the map */
  stageCount: number;
  /** note text size at scale 1 */
  noteTextPx: number;
  /** smallest note text allowed on screen */
  minTextPx: number;
}

/** The smallest scale at which note text is at least `minTextPx`. */
export function minimumScale(geometry: Pick<PageGeometry, 'noteTextPx' | 'minTextPx'>): number {
  return geometry.noteTextPx > 0 ? geometry.minTextPx / geometry.noteTextPx : 1;
}

/** How many stages fit side by side at the minimum scale (at least 1, at most all of them). */
export function stagesPerPage(geometry: PageGeometry): number {
  const scale = minimumScale(geometry);
  const room = geometry.availableWidth / scale - geometry.laneWidth;
  const fit = geometry.stageWidth > 0 ? Math.floor(room / geometry.stageWidth) : geometry.stageCount;
  return Math.max(1, Math.min(geometry.stageCount, fit));
}

/** The stages [start, end) of page `page` with `perPage` stages on each (pages split as evenly as they can). */
export function pageRange(page: number, perPage: number, stageCount: number): { start: number; end: number } {
  const pages = pageCount(perPage, stageCount);
  const index = Math.min(Math.max(0, page), pages - 1);
  // even split: 6 stages at 4 per page show as 3 + 3, not 4 + 2
  const size = Math.ceil(stageCount / pages);
  const start = Math.min(index * size, Math.max(0, stageCount - 1));
  return { start, end: Math.min(stageCount, start + size) };
}

/** Number of pages for `stageCount` stages at `perPage` per page (1 for an empty map). */
export function pageCount(perPage: number, stageCount: number): number {
  return Math.max(1, Math.ceil(stageCount / Math.max(1, perPage)));
}

/** The page showing stage `stageIndex`. */
export function pageOfStage(stageIndex: number, perPage: number, stageCount: number): number {
  const pages = pageCount(perPage, stageCount);
  for (let page = 0; page < pages; page++) {
    const { start, end } = pageRange(page, perPage, stageCount);
    if (stageIndex >= start && stageIndex < end) return page;
  }
  return 0;
}

/** "Stage 2 of 6" or "Stages 1–3 of 6". */
export function pageLabel(range: { start: number; end: number }, stageCount: number): string {
  return range.end - range.start <= 1 ? `Stage ${range.start + 1} of ${stageCount}` : `Stages ${range.start + 1}–${range.end} of ${stageCount}`;
}

/**
 * The width (unscaled CSS px) to lay the map out at so that, drawn at `scale`, it spans the screen: when the
 * text is already at its minimum size (`scale` no more than `minScale`) and the map at its natural width leaves
 * room beside it, its stage columns widen into that room, so notes wrap into fewer lines and a page needs fewer
 * parts. Undefined (the natural width) when the map is drawn above the minimum: there the room is better spent
 * on larger text, or when less than `slack` px would be gained.
 */
export function fillWidth(availableWidth: number, naturalWidth: number, scale: number, minScale: number, slack = 8): number | undefined {
  if (scale <= 0 || scale > minScale + 0.001) return undefined;
  const width = Math.floor(availableWidth / scale);
  return width - naturalWidth > slack ? width : undefined;
}

/** Share of the screen a part repeats from the one before, so a note cut at the edge is whole in the next. */
const PART_OVERLAP = 0.12;

/**
 * Top offsets (unscaled px) of the parts of a page `contentHeight` tall shown `availableHeight` tall at
 * `scale`: [0] when it fits, else steps down the page, the last one aligned with its bottom.
 */
export function partOffsets(contentHeight: number, availableHeight: number, scale: number): number[] {
  const visible = availableHeight / scale;
  if (contentHeight <= visible + 1) return [0];
  const step = visible * (1 - PART_OVERLAP);
  const last = contentHeight - visible;
  const offsets: number[] = [];
  for (let top = 0; top < last; top += step) offsets.push(Math.round(top));
  // The last part is aligned with the bottom. When that is only a little below the step before it, that step
  // would be shown for a whole interval again almost unchanged: drop it if the overlap stays at least half.
  const before = offsets.at(-2);
  if (before !== undefined && last - before <= visible * (1 - PART_OVERLAP / 2)) offsets.pop();
  offsets.push(Math.round(last));
  return offsets;
}

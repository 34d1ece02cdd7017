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

/** Share of the screen a part repeats from the one before when it must cut a card taller than the screen. */
const PART_OVERLAP = 0.12;

/** A note card's top and bottom on the unscaled map (CSS px). */
export interface CardSpan {
  top: number;
  bottom: number;
}

/**
 * Top offsets (unscaled px) of the parts of a page `contentHeight` tall shown `availableHeight` tall at `scale`:
 * [0] when it fits, else parts that end between cards. A part after the first starts at the top of the highest
 * card that the part before cuts at its bottom edge, so that card (and every other it cut) is whole in the
 * next part, and a card cut at a part's top edge was whole in the part before. The projector hides the cards
 * a part cuts (`cutInPart`), so the room never sees half a note. A card taller than the screen cannot be shown
 * whole: past one, the next part steps down a screen less a small overlap.
 *
 * A part after the first repeats the map's headings (`headingHeight` unscaled px: the stage names) above its
 * offset, so it shows `visibleInPart` of the map below them (see `partView`).
 */
export function partOffsetsBetweenCards(contentHeight: number, availableHeight: number, scale: number, cards: readonly CardSpan[], headingHeight = 0): number[] {
  const screen = availableHeight / scale;
  const offsets = [0];
  let top = 0;
  let visible = screen;
  while (top + visible < contentHeight - 1) {
    const bottom = top + visible;
    let next = bottom;
    for (const card of cards) if (crosses(card, bottom)) next = Math.min(next, card.top);
    // the highest cut card starts at this part's top: it is taller than the screen
    if (next < top + 1) next = top + visible * (1 - PART_OVERLAP);
    top = Math.floor(next);
    offsets.push(top);
    visible = visibleInPart(screen, headingHeight);
  }
  return offsets;
}

/**
 * Unscaled px of the map a part after the first shows below the repeated headings; never under half the
 * screen (headings that tall would leave no room for notes: the part then covers some of them).
 */
export function visibleInPart(visible: number, headingHeight: number): number {
  return Math.max(visible / 2, visible - headingHeight);
}

/** What part `index` shows: the map from `top` (unscaled px), `visible` px of it, drawn from `screenTop`. */
export interface PartView {
  /** the map's y drawn at the top of the screen (the repeated headings cover it down to `top`) */
  screenTop: number;
  /** the first y of the map shown below the headings: the part's offset */
  top: number;
  /** unscaled px of the map shown from `top` */
  visible: number;
}

/** Where part `index` of `parts` (partOffsetsBetweenCards) draws the map, `visible` unscaled px of screen tall. */
export function partView(parts: readonly number[], index: number, visible: number, headingHeight: number): PartView {
  const top = parts[index] ?? 0;
  if (index === 0 || top === 0) return { screenTop: 0, top: 0, visible };
  const shown = visibleInPart(visible, headingHeight);
  return { screenTop: Math.max(0, top - (visible - shown)), top, visible: shown };
}

/**
 * Whether the part at `top` (`visible` unscaled px tall) cuts `card` at its top or bottom edge, and the card
 * could be whole in some part (it is no taller than the screen): such a card is hidden there. So is a card that
 * starts in the `drawnBelow` px under the part that the screen still draws (the map area's bottom padding): it is
 * whole in the next part.
 */
export function cutInPart(card: CardSpan, top: number, visible: number, drawnBelow = 0): boolean {
  const bottom = top + visible;
  if (card.top >= bottom - 0.5 && card.top < bottom + drawnBelow) return true;
  return (crosses(card, top) || crosses(card, bottom)) && card.bottom - card.top <= visible;
}

/** Whether a horizontal edge at `y` cuts `card` (by more than half a pixel: layout sizes round). */
function crosses(card: CardSpan, y: number): boolean {
  return card.top < y - 0.5 && card.bottom > y + 0.5;
}

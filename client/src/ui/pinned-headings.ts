/**
 * Where a board's stage names and lane names go so that they stay in view over a tall map, the way sticky
 * headings would: the projector's map is translated, not scrolled, and the workspace's lane names cannot be
 * sticky without slowing every frame while people type (docs/benchmarks.md), so both move them from here.
 * Pure arithmetic on measured sizes, tested without a browser.
 */

/** The board's headings and a lane's row on the map (unscaled px, from the top of the map). */
export interface HeadingSpans {
  /** the board's top and height, and the height of its heading row (stage names) */
  board: { top: number; height: number; headingHeight: number };
  /** each lane's row: its top and height, and how far its name reaches below the row's top (padding included) */
  lanes: readonly { top: number; height: number; nameHeight: number }[];
}

/** How far the heading row and each lane's name are moved down (pinnedHeadings). */
export interface PinnedHeadings {
  heading: number;
  lanes: number[];
}

/**
 * How far (unscaled px) the heading row and each lane's name are moved down so that a view of the map from
 * `screenTop` (a projector part, or the workspace's scroll position) shows them as its top does: the stage
 * names at the screen's top (as long as the board reaches that far) and each lane's name at the top of what
 * shows of its row, never below the row's end.
 */
export function pinnedHeadings(spans: HeadingSpans, screenTop: number): PinnedHeadings {
  const { board } = spans;
  const heading = clamp(screenTop - board.top, 0, board.height - board.headingHeight);
  const firstShown = board.top + heading + board.headingHeight;
  const lanes = spans.lanes.map((lane) => (heading === 0 ? 0 : clamp(firstShown - lane.top, 0, lane.height - lane.nameHeight)));
  return { heading, lanes };
}

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

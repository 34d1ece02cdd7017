import { describe, expect, it } from 'vitest';
import { pinnedHeadings } from '../../client/src/ui/pinned-headings.js';

describe('pinned headings', () => {
  it('moves the stage names to the top of a view further down and each lane name to the top of what shows of its row', () => {
    // a board 2,000 px tall with 80 px of stage names; lane rows of 1,000 and 920 px, names 60 px down their rows
    const spans = {
      board: { top: 0, height: 2000, headingHeight: 80 },
      lanes: [
        { top: 80, height: 1000, nameHeight: 60 },
        { top: 1080, height: 920, nameHeight: 60 },
      ],
    };
    expect(pinnedHeadings(spans, 0)).toEqual({ heading: 0, lanes: [0, 0] });
    // a view from y 500: the names at 500-580, the first lane's name right under them, the second lane at its place
    expect(pinnedHeadings(spans, 500)).toEqual({ heading: 500, lanes: [500, 0] });
    // further down: the first lane's name stops at the end of its row, the second's follows the top
    expect(pinnedHeadings(spans, 1500)).toEqual({ heading: 1500, lanes: [940, 500] });
    // past the board's end (the actions below it): the headings stay on the board
    expect(pinnedHeadings(spans, 2500)).toEqual({ heading: 1920, lanes: [940, 860] });
    // a persona card above the board: a view from above the board leaves the headings where they are
    expect(pinnedHeadings({ ...spans, board: { ...spans.board, top: 300 } }, 250)).toEqual({ heading: 0, lanes: [0, 0] });
  });

  it('keeps a lane name under sticky stage names in a scrolled grid with a line of help above it', () => {
    // the workspace: the grid starts 40 px down its scroller; scrolled by 1,000 px the stage names stick at the
    // top (moved 960 px down the grid) and the first lane's name sits right under them, at 1,080 on the map
    const spans = { board: { top: 40, height: 3000, headingHeight: 80 }, lanes: [{ top: 120, height: 2000, nameHeight: 60 }] };
    expect(pinnedHeadings(spans, 1000)).toEqual({ heading: 960, lanes: [960] });
    // scrolled less than the help line: nothing moves
    expect(pinnedHeadings(spans, 30)).toEqual({ heading: 0, lanes: [0] });
  });
});

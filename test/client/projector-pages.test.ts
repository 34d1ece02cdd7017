import { describe, expect, it } from 'vitest';
import {
  cutInPart,
  fillWidth,
  minimumScale,
  pageCount,
  pageLabel,
  pageOfStage,
  pageRange,
  partOffsetsBetweenCards,
  partView,
  stagesPerPage,
  type CardSpan,
} from '../../client/src/ui/projector-pages.js';

const geometry = { availableWidth: 1500, laneWidth: 180, stageWidth: 200, stageCount: 6, noteTextPx: 19, minTextPx: 32 };

describe('projector pages', () => {
  it('the minimum scale brings note text to the minimum size', () => {
    expect(minimumScale(geometry) * geometry.noteTextPx).toBeCloseTo(32);
  });

  it('puts as many whole stages on a page as fit at that scale', () => {
    // 1500 / (32/19) = 890.6 px of map: 180 for lanes, 3 stages of 200
    expect(stagesPerPage(geometry)).toBe(3);
    expect(stagesPerPage({ ...geometry, availableWidth: 4000 })).toBe(6);
    expect(stagesPerPage({ ...geometry, availableWidth: 300 })).toBe(1);
    expect(stagesPerPage({ ...geometry, stageCount: 0 })).toBe(1);
  });

  it('splits stages evenly and finds the page of a stage', () => {
    expect(pageCount(4, 6)).toBe(2);
    expect([0, 1].map((p) => pageRange(p, 4, 6))).toEqual([{ start: 0, end: 3 }, { start: 3, end: 6 }]);
    expect([0, 1, 2].map((p) => pageRange(p, 1, 3))).toEqual([{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 3 }]);
    expect(pageRange(9, 3, 6)).toEqual({ start: 3, end: 6 });
    expect([0, 1, 2, 3, 4, 5].map((i) => pageOfStage(i, 4, 6))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(pageRange(0, 3, 0)).toEqual({ start: 0, end: 0 });
  });

  it('labels the page', () => {
    expect(pageLabel({ start: 1, end: 2 }, 6)).toBe('Stage 2 of 6');
    expect(pageLabel({ start: 0, end: 3 }, 6)).toBe('Stages 1–3 of 6');
  });

  /** Columns of cards, `gap` px apart, with these heights, from y = 100 (a header above them). */
  function columns(heights: number[][], gap = 12): CardSpan[] {
    return heights.flatMap((column) => {
      let y = 100;
      return column.map((height) => {
        const card = { top: y, bottom: y + height };
        y += height + gap;
        return card;
      });
    });
  }

  /** Every card no taller than the screen is whole (inside, not hidden) in at least one part. */
  function expectEveryCardWhole(cards: CardSpan[], parts: number[], visible: number): void {
    for (const card of cards) {
      if (card.bottom - card.top > visible) continue;
      const whole = parts.some((top) => card.top >= top - 0.5 && card.bottom <= top + visible + 0.5 && !cutInPart(card, top, visible));
      expect(whole, `card ${card.top}-${card.bottom}`).toBe(true);
    }
  }

  it('splits a tall page into parts that end between cards, each cut card whole in the next', () => {
    const cards = columns([
      [140, 330, 470, 200, 260, 330, 140, 390],
      [250, 330, 140, 470, 200, 330],
      [200, 250, 470, 330, 140, 260, 200],
    ]);
    const content = Math.max(...cards.map((c) => c.bottom)) + 12;
    // 900 px of screen at scale 1.5: 600 unscaled px per part
    const parts = partOffsetsBetweenCards(content, 900, 1.5, cards);
    expect(parts[0]).toBe(0);
    for (let i = 1; i < parts.length; i++) {
      expect(parts[i]!).toBeGreaterThan(parts[i - 1]!);
      expect(parts[i]! - parts[i - 1]!).toBeLessThanOrEqual(600);
      // a part starts at the top of a card the part before cut at its bottom edge
      expect(cards.some((c) => c.top === parts[i] && cutInPart(c, parts[i - 1]!, 600))).toBe(true);
    }
    expect(parts.at(-1)! + 600).toBeGreaterThanOrEqual(content - 1);
    expectEveryCardWhole(cards, parts, 600);
    // a part hides the cards it cuts at either edge, and only those
    const second = parts[1]!;
    for (const card of cards) {
      const inside = card.top >= second && card.bottom <= second + 600;
      const outside = card.bottom <= second || card.top >= second + 600;
      if (inside || outside) expect(cutInPart(card, second, 600)).toBe(false);
      else expect(cutInPart(card, second, 600)).toBe(true);
    }
  });

  it('hides a card that starts in the strip under a part that the screen still draws', () => {
    // a part from 0 to 600 with 12 px of padding drawn below it
    expect(cutInPart({ top: 605, bottom: 800 }, 0, 600, 12)).toBe(true);
    expect(cutInPart({ top: 605, bottom: 800 }, 0, 600)).toBe(false);
    expect(cutInPart({ top: 620, bottom: 800 }, 0, 600, 12)).toBe(false);
    expect(cutInPart({ top: 400, bottom: 599 }, 0, 600, 12)).toBe(false);
  });

  it('fits in one part when it can, steps a screen at a time with nothing to cut, and gets past a card taller than the screen', () => {
    expect(partOffsetsBetweenCards(800, 900, 1, columns([[200, 300]]))).toEqual([0]);
    expect(partOffsetsBetweenCards(1500, 600, 1, [])).toEqual([0, 600, 1200]);
    const tall = columns([[100, 900, 100], [150, 150, 150]]);
    const parts = partOffsetsBetweenCards(1300, 600, 1, tall);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!).toBeGreaterThan(parts[i - 1]!);
    expect(parts.at(-1)! + 600).toBeGreaterThanOrEqual(1299);
    // the tall card is never hidden: it is shown cut rather than not at all
    const card = tall[1]!;
    for (const top of parts) expect(cutInPart(card, top, 600)).toBe(false);
    expectEveryCardWhole(tall, parts, 600);
  });

  it('leaves room for the repeated headings in every part after the first, and still shows every card whole', () => {
    const cards = columns([
      [140, 330, 470, 200, 260, 330, 140, 390],
      [250, 330, 140, 470, 200, 330],
    ]);
    const content = Math.max(...cards.map((c) => c.bottom)) + 12;
    // 600 unscaled px of screen, 90 of them taken by the stage names from the second part on
    const parts = partOffsetsBetweenCards(content, 900, 1.5, cards, 90);
    const views = parts.map((_, index) => partView(parts, index, 600, 90));
    expect(views[0]).toEqual({ screenTop: 0, top: 0, visible: 600 });
    for (const [index, view] of views.entries()) {
      if (index === 0) continue;
      // drawn from 90 px above the part, where the stage names cover the map, and 510 px shown below them
      expect(view).toEqual({ screenTop: parts[index]! - 90, top: parts[index], visible: 510 });
      // the part starts at the top of a card the part before cut at its bottom edge
      const before = views[index - 1]!;
      expect(view.top - before.top).toBeLessThanOrEqual(before.visible);
      expect(cards.some((c) => c.top === view.top && cutInPart(c, before.top, before.visible))).toBe(true);
    }
    expect(views.at(-1)!.top + views.at(-1)!.visible).toBeGreaterThanOrEqual(content - 1);
    for (const card of cards) {
      const whole = views.some((v) => card.top >= v.top - 0.5 && card.bottom <= v.top + v.visible + 0.5 && !cutInPart(card, v.top, v.visible));
      expect(whole, `card ${card.top}-${card.bottom}`).toBe(true);
    }
    // more parts than without the headings, as each shows less
    expect(parts.length).toBeGreaterThanOrEqual(partOffsetsBetweenCards(content, 900, 1.5, cards).length);
    // headings taller than half the screen leave half of it to the map
    expect(partView([0, 700], 1, 600, 400)).toEqual({ screenTop: 400, top: 700, visible: 300 });
  });

  it('widens a map drawn at the minimum text size to span the screen, and only then', () => {
    // 1500 px of screen at scale 1.6: the map may be 937 px wide; at its natural 760 px it would leave 283 px empty
    expect(fillWidth(1500, 760, 1.6, 1.6)).toBe(937);
    // drawn above the minimum: the room goes to bigger text, not wider columns
    expect(fillWidth(1500, 760, 1.9, 1.6)).toBeUndefined();
    // already spans the screen (a few px of rounding are not worth a new layout)
    expect(fillWidth(1500, 933, 1.6, 1.6)).toBeUndefined();
    expect(fillWidth(1500, 760, 0, 1.6)).toBeUndefined();
  });
});

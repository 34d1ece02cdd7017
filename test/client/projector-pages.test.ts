import { describe, expect, it } from 'vitest';
import { fillWidth, minimumScale, pageCount, pageLabel, pageOfStage, pageRange, partOffsets, stagesPerPage } from '../../client/src/ui/projector-pages.js';

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

  it('splits a tall page into overlapping parts that end at its bottom', () => {
    expect(partOffsets(800, 900, 1)).toEqual([0]);
    const parts = partOffsets(3000, 900, 1.5);
    // 600 px visible per part, steps of 528, the last at 2400
    expect(parts[0]).toBe(0);
    expect(parts.at(-1)).toBe(2400);
    for (let i = 1; i < parts.length; i++) expect(parts[i]! - parts[i - 1]!).toBeLessThanOrEqual(600);
  });

  it('does not add a part only a few pixels below the one before', () => {
    // 565 px visible, steps of 497: the bottom-aligned last part (at 502) replaces the one at 497
    expect(partOffsets(1067, 565, 1)).toEqual([0, 502]);
    // far enough below: both stay
    expect(partOffsets(1300, 565, 1)).toEqual([0, 497, 735]);
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

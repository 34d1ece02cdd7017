// The comparison: a pure function over two snapshots (checked field by field), and its md/html/json/pdf
// renderings against golden files. Regenerate goldens with UPDATE_GOLDEN=1 after an intended change.
import { describe, expect, it } from 'vitest';
import { compareBoards, sinceLastSession } from '../../shared/board/compare.js';
import { matchByLineageThenText, textSimilarity } from '../../shared/board/text-similarity.js';
import { renderCompare } from '../../server/export/compare-index.js';
import { seriesSides } from '../fixtures/series.js';
import { golden, pdfToText } from './helpers.js';

const { then, now } = seriesSides();
const c = compareBoards(then, now);

describe('compareBoards', () => {
  it('is pure: the same snapshots give the same comparison', () => {
    expect(compareBoards(then, now)).toEqual(c);
    expect(c.then).toEqual({ label: 'Session 1', boardId: 'board-1', title: 'Invoicing journey — Q4 workshop', takenAt: then.takenAt });
  });

  it('puts the emotion then and now on every stage, matched by id', () => {
    const byTitle = Object.fromEntries(c.stages.map((s) => [s.title, [s.emotionThen, s.emotionNow, s.presence]]));
    // Only pains were carried, so "now" feelings are the ones written in session 2.
    expect(byTitle.Onboard).toEqual([-1.5, 1, 'both']);
    expect(byTitle.Pay).toEqual([-1, -2, 'both']);
    expect(byTitle.Discover).toEqual([1.5, null, 'both']);
  });

  it('matches pains by lineage first, then by text similarity, and says which', () => {
    const still = Object.fromEntries(c.pains.still.map((m) => [m.now.noteId, [m.then.noteId, m.method]]));
    expect(still['x6']).toEqual(['x6', 'lineage']);
    expect(still['x3-new']).toEqual(['x3', 'similarity']);
    expect(c.pains.gone.map((p) => p.noteId)).toEqual(['x2']);
    expect(c.pains.new.map((p) => p.noteId)).toEqual(['x7']);
    expect(c.method).toMatch(/lineage.*text similarity/);
  });

  it('ranks still-there pains then and now', () => {
    const x6 = c.pains.still.find((m) => m.now.noteId === 'x6')!;
    expect(x6.now.rank).toBe(1);
    expect(x6.rankChange).toBe(x6.then.rank - 1);
  });

  it('lists moments of truth added and removed, stage metrics, and actions done, open and dropped', () => {
    expect(c.momentsOfTruth.added.map((m) => m.noteId)).toEqual(['x7']);
    expect(c.momentsOfTruth.removed.map((m) => m.noteId).sort()).toEqual(['d3', 'd5', 'x3']);
    const payMetrics = c.stages.find((s) => s.title === 'Pay')!.metrics;
    expect(payMetrics).toEqual([
      { metric: 'Churn after first invoice', unit: '%', then: 4.5, now: null },
      { metric: 'Refund requests', unit: '/month', then: null, now: 12 },
    ]);
    expect(c.actions.done.map((a) => [a.id, a.statusThen, a.statusNow])).toEqual([['ac-2', 'open', 'done']]);
    expect(c.actions.dropped.map((a) => [a.id, a.statusThen, a.statusNow])).toEqual([['ac-1', 'in_progress', 'dropped']]);
    expect(c.actions.open.map((a) => [a.id, a.statusThen])).toEqual([['ac-4', null]]);
  });

  it('digests into the "since the last session" section', () => {
    const since = sinceLastSession(c, 2, 2);
    expect(since.actions).toEqual({ done: 1, open: 1, dropped: 1, carriedOver: 2 });
    expect(since.pains).toEqual({ new: 1, gone: 1, still: c.pains.still.length });
    expect(since.emotion[0]).toEqual({ stageTitle: 'Onboard', then: -1.5, now: 1 });
  });
});

describe('text similarity', () => {
  it('ignores case, punctuation and accents, and refuses unrelated texts', () => {
    expect(textSimilarity('Invoice: DOUBLE charge!', 'double charge on the invoice')).toBeGreaterThanOrEqual(0.5);
    expect(textSimilarity('Zoë', 'zoe')).toBe(1);
    expect(textSimilarity('', 'anything')).toBe(0);
    expect(matchByLineageThenText([{ id: 'a', text: 'slow support' }], [{ id: 'b', text: 'pricing unclear' }])).toEqual([]);
  });

  it('matches each note once, best pair first', () => {
    const matches = matchByLineageThenText(
      [
        { id: 'a', text: 'invoice double charge' },
        { id: 'b', text: 'invoice double charge after plan change' },
      ],
      [{ id: 'c', text: 'double charge after plan change on invoice' }],
    );
    expect(matches).toEqual([{ thenIndex: 1, nowIndex: 0, method: 'similarity', similarity: 0.92 }]);
  });
});

describe('comparison exports', () => {
  it.each(['md', 'html', 'json'] as const)('compare.%s matches the golden file', async (format) => {
    const { body, fileName } = await renderCompare(format, c);
    expect(fileName).toBe(`invoicing-journey-session-2-compare-2027-02-19.${format}`);
    expect(body).toBe(golden(`series.compare.${format}`, body as string));
  });

  it('compare.pdf text matches the golden file', async () => {
    const { body } = await renderCompare('pdf', c);
    const text = await pdfToText(body as Buffer);
    expect(text).toBe(golden('series.compare.pdf.txt', text));
  });
});

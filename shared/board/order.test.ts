import { describe, expect, it } from 'vitest';
import { compareOrdered, keyAfterAll, keyBetween, keyForIndex, sortOrdered } from './order.js';

describe('order keys', () => {
  it('produces keys strictly between their neighbours', () => {
    const a = keyBetween(null, null);
    const c = keyBetween(a, null);
    const b = keyBetween(a, c);
    expect(a < b && b < c).toBe(true);
  });

  it('breaks ties on id so every peer sorts equal keys the same way', () => {
    const items = [
      { id: 'b', order: 'a0' },
      { id: 'a', order: 'a0' },
      { id: 'c', order: 'Zz' },
    ];
    expect(sortOrdered(items).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(compareOrdered(items[0]!, items[1]!)).toBe(1);
  });

  it('places an item at an index among the others, leaving itself out', () => {
    const items = [
      { id: 'x', order: keyBetween(null, null) },
    ];
    items.push({ id: 'y', order: keyAfterAll(items) });
    items.push({ id: 'z', order: keyAfterAll(items) });
    // move z to the front
    const key = keyForIndex(items, 0, 'z');
    const moved = items.map((i) => (i.id === 'z' ? { ...i, order: key } : i));
    expect(sortOrdered(moved).map((i) => i.id)).toEqual(['z', 'x', 'y']);
    // move x to the end (index past the end is clamped)
    const key2 = keyForIndex(moved, 99, 'x');
    const moved2 = moved.map((i) => (i.id === 'x' ? { ...i, order: key2 } : i));
    expect(sortOrdered(moved2).map((i) => i.id)).toEqual(['z', 'y', 'x']);
  });

  it('never throws on invalid or out-of-order keys written by a bad peer', () => {
    expect(typeof keyBetween('not a key!', null)).toBe('string');
    expect(typeof keyBetween('a5', 'a1')).toBe('string');
    expect(typeof keyBetween('a1', 'a1')).toBe('string');
    const bad = [
      { id: '1', order: '' },
      { id: '2', order: '\u0000' },
      { id: '3', order: 'zzzzzz' },
    ];
    for (let i = 0; i <= bad.length; i++) expect(typeof keyForIndex(bad, i)).toBe('string');
  });
});

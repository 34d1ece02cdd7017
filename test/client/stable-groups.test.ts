/** groupStable keeps an unchanged group's array, so <jr-board> can skip an unchanged cell by identity. */
import { describe, expect, it } from 'vitest';
import { groupStable } from '../../client/src/ui/stable-groups.js';

interface Item {
  id: string;
  cell: string;
}

const item = (id: string, cell: string): Item => ({ id, cell });
const byCell = (i: Item): string => i.cell;

describe('groupStable', () => {
  it('groups by key in the items’ order', () => {
    const [a, b, c] = [item('a', 'x'), item('b', 'y'), item('c', 'x')];
    const groups = groupStable([a, b, c], byCell, new Map());
    expect([...groups.keys()]).toEqual(['x', 'y']);
    expect(groups.get('x')).toEqual([a, c]);
    expect(groups.get('y')).toEqual([b]);
  });

  it('keeps the previous array of a group with the same items in the same order, and only that one', () => {
    const [a, b, c] = [item('a', 'x'), item('b', 'y'), item('c', 'x')];
    const first = groupStable([a, b, c], byCell, new Map());
    const b2 = { ...b }; // b re-read after an edit: equal content, a new object
    const second = groupStable([a, b2, c], byCell, first);
    expect(second.get('x')).toBe(first.get('x'));
    expect(second.get('y')).not.toBe(first.get('y'));
    expect(second.get('y')).toEqual([b2]);
  });

  it('gives a new array when a group gains, loses or reorders items', () => {
    const [a, b, c] = [item('a', 'x'), item('b', 'x'), item('c', 'x')];
    const first = groupStable([a, b], byCell, new Map());
    expect(groupStable([a, b, c], byCell, first).get('x')).toEqual([a, b, c]);
    expect(groupStable([a], byCell, first).get('x')).toEqual([a]);
    const reordered = groupStable([b, a], byCell, first).get('x');
    expect(reordered).not.toBe(first.get('x'));
    expect(reordered).toEqual([b, a]);
  });

  it('drops groups that have no items any more', () => {
    const first = groupStable([item('a', 'x'), item('b', 'y')], byCell, new Map());
    const second = groupStable([item('a', 'x')], byCell, first);
    expect(second.has('y')).toBe(false);
  });
});

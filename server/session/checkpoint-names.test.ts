import { describe, expect, it } from 'vitest';
import { beforeRestoreName } from './checkpoint-names.js';

const MAX = 80;
const at = (hhmm: string): number => Date.parse(`2026-03-05T${hhmm}:30Z`);
const name = (restored: string, hhmm: string): string => beforeRestoreName(restored, at(hhmm), MAX, 'UTC');

describe('beforeRestoreName', () => {
  it('quotes the restored checkpoint and says when', () => {
    expect(name('After the vote', '14:02')).toBe("Before restoring 'After the vote' (14:02)");
  });

  it('restore, undo, redo, undo: never nests', () => {
    const first = name('After the vote', '14:02');
    const undo = name(first, '14:05');
    expect(undo).toBe("Before undoing the restore of 'After the vote' (14:05)");
    const redo = name(undo, '14:07');
    expect(redo).toBe("Before restoring 'After the vote' (14:07)");
    expect(name(redo, '14:09')).toBe("Before undoing the restore of 'After the vote' (14:09)");
  });

  it('reads names stored before this scheme, however nested', () => {
    expect(name('Before restoring Before restoring After the vote', '09:15')).toBe("Before undoing the restore of 'After the vote' (09:15)");
  });

  it('keeps quotes and parentheses inside a name', () => {
    expect(name("Sam's map (v2)", '10:00')).toBe("Before restoring 'Sam's map (v2)' (10:00)");
  });

  it('fits the name limit, shortening the quoted name, never the frame', () => {
    const long = 'x'.repeat(MAX);
    const result = name(long, '23:59');
    expect(result.length).toBeLessThanOrEqual(MAX);
    expect(result).toMatch(/^Before restoring 'x+…' \(23:59\)$/);
    const undo = name(result, '00:01');
    expect(undo.length).toBeLessThanOrEqual(MAX);
    expect(undo).toMatch(/^Before undoing the restore of 'x+…' \(00:01\)$/);
  });
});

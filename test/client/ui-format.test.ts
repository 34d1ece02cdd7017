/** How metrics and durations read in the client. */
import { describe, expect, it } from 'vitest';
import { metricText, metricValueText } from '../../client/src/ui/metric-format.js';
import { formatDuration } from '../../client/src/ui/duration-format.js';

describe('metricValueText', () => {
  it('writes % and per-units without a space, other units after a space, and no unit as the bare number', () => {
    const n = (value: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
    expect(metricValueText(71, '%')).toBe(`${n(71)}%`);
    expect(metricValueText(4.2, '/5')).toBe(`${n(4.2)}/5`);
    expect(metricValueText(1240, ' calls/month ')).toBe(`${n(1240)} calls/month`);
    expect(metricValueText(3.14159, '')).toBe(n(3.14));
  });

  it('reads the whole metric as one phrase', () => {
    expect(metricText({ metric: 'CSAT', value: 71, unit: '%' })).toBe('CSAT: 71%');
  });
});

describe('formatDuration', () => {
  it('rounds to whole minutes and adds hours from 60 minutes on', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(89_000)).toBe('1 min');
    expect(formatDuration(59 * 60_000)).toBe('59 min');
    expect(formatDuration(60 * 60_000)).toBe('1 h 00 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
  });
});

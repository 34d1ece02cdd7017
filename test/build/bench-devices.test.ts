/** The benchmark's browser devices: BENCH_BROWSER_DEVICE names one, and a bad name stops the run with the list. */
import { describe, expect, it } from 'vitest';
import { browserDevice } from '../../scripts/bench/browser.js';

describe('BENCH_BROWSER_DEVICE', () => {
  it('names a laptop, a phone or a laptop on the outline', () => {
    expect(['laptop', 'phone', 'outline'].map(browserDevice)).toEqual(['laptop', 'phone', 'outline']);
  });

  it('refuses any other name, listing the devices', () => {
    for (const bad of ['', 'Phone', 'tablet', 'toString', '__proto__']) {
      expect(() => browserDevice(bad)).toThrow(`unknown browser device "${bad}": one of laptop, phone, outline`);
    }
  });
});

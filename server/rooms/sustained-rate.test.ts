import { describe, expect, it } from 'vitest';
import { SLOT_MS, SustainedRate } from './sustained-rate.js';

/** Counts `perSlot` events in each of `slots` slots from `from`; returns the time after the last slot. */
function feed(rate: SustainedRate, from: number, slots: number, perSlot: number): number {
  for (let slot = 0; slot < slots; slot++) {
    for (let i = 0; i < perSlot; i++) rate.count(from + slot * SLOT_MS + (i * SLOT_MS) / perSlot);
  }
  return from + slots * SLOT_MS;
}

describe('SustainedRate', () => {
  it('is sustained once every slot of the period held its share, and not before', () => {
    const rate = new SustainedRate(100, 1000);
    // 100 a second is 25 a slot; four slots make a second.
    const at = feed(rate, 0, 3, 25);
    expect(rate.sustained(at)).toBe(false);
    expect(rate.sustained(feed(rate, at, 1, 25))).toBe(true);
  });

  it('a burst does not count as sustained load, however dense', () => {
    const rate = new SustainedRate(100, 1000);
    for (let i = 0; i < 500; i++) rate.count(i / 10);
    expect(rate.sustained(60)).toBe(false);
    expect(rate.sustained(SLOT_MS + 1)).toBe(false);
  });

  it('one thin slot, or a pause, starts the count again', () => {
    const rate = new SustainedRate(100, 1000);
    let at = feed(rate, 0, 4, 25);
    expect(rate.sustained(at)).toBe(true);
    at = feed(rate, at, 1, 10);
    expect(rate.sustained(at)).toBe(false);
    at = feed(rate, at, 4, 25);
    expect(rate.sustained(at)).toBe(true);
    // Two slots with nothing, then busy again: not sustained until a full period has passed.
    at = feed(rate, at + 2 * SLOT_MS, 3, 25);
    expect(rate.sustained(at)).toBe(false);
  });

  it('with no rate and no period it is always sustained', () => {
    const rate = new SustainedRate(0, 0);
    expect(rate.sustained(0)).toBe(true);
    rate.count(5);
    expect(rate.sustained(10_000)).toBe(true);
  });
});

/** Reads computed CSS in the page, typed without the DOM library (the e2e code compiles with Node types only). */
import type { Locator } from 'playwright-core';

interface StyleWindow {
  getComputedStyle(element: unknown): { getPropertyValue(property: string): string };
}

/** The computed value of `property` (e.g. `font-size`, `border-left-color`) of every element `locator` matches. */
export function computedStyles(locator: Locator, property: string): Promise<string[]> {
  return locator.evaluateAll(
    (elements, prop) => elements.map((element) => (globalThis as unknown as StyleWindow).getComputedStyle(element).getPropertyValue(prop)),
    property,
  );
}

/**
 * Phone-layout measurements for browser tests: controls smaller than a touch target, and sideways
 * overflow. Both look through every shadow root, as a finger would.
 */
import type { Page } from 'playwright-core';

/** Smallest touch target, CSS px, in both dimensions (WCAG 2.5.5). */
export const MIN_TOUCH_PX = 44;

/** A control under MIN_TOUCH_PX, described for an assertion message. */
export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

/**
 * Runs in the page (a script, because this project type-checks tests without the DOM library). Every
 * visible interactive control, through shadow roots; a checkbox or radio is measured with its label (the
 * target a finger hits); controls with no box or wholly outside the page (a skip link before it is
 * focused) do not count.
 */
const PROBE_SOURCE = `(min) => {
  const selector = 'button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="radio"], [tabindex]:not([tabindex="-1"])';
  const found = [];
  const visit = (root) => {
    root.querySelectorAll(selector).forEach((el) => found.push(el));
    root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) visit(el.shadowRoot); });
  };
  visit(document);
  const small = [];
  let checked = 0;
  for (const el of found) {
    const choice = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
    const target = choice ? (el.closest('label') || el) : el;
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
    if (box.bottom + window.scrollY <= 0 || box.right + window.scrollX <= 0) continue;
    checked++;
    if (box.width + 0.5 < min || box.height + 0.5 < min) {
      const name = el.getAttribute('aria-label') || (target.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      small.push({ what: '<' + el.localName + (choice ? ' type=' + el.type : '') + '> ' + name, width: Math.round(box.width), height: Math.round(box.height) });
    }
  }
  return { checked, small };
}`;

/** Every visible interactive control smaller than MIN_TOUCH_PX wide or high, and how many were measured. */
export async function smallTouchTargets(page: Page): Promise<{ checked: number; small: SmallTarget[] }> {
  return page.evaluate(`(${PROBE_SOURCE})(${MIN_TOUCH_PX})`);
}

/** How far the page is wider than the viewport (0: no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('Math.max(0, document.documentElement.scrollWidth - window.innerWidth, document.body.scrollWidth - window.innerWidth)');
}

/** The id of the element that has the keyboard focus, looking into shadow roots. */
export async function deepActiveId(page: Page): Promise<string> {
  return page.evaluate('(() => { let el = document.activeElement; while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement; return el ? el.id : ""; })()');
}

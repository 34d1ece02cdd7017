/**
 * Inline SVG icons drawn for Journeyroom. No icon font and no emoji: rooms are often offline and many
 * machines (projector PCs, minimal Linux) lack a colour-emoji font. Icons are decorative (aria-hidden);
 * every control that uses one also has an accessible name.
 */
import { html, svg, type SVGTemplateResult } from 'lit';

const PATHS = {
  trash: svg`<path d="M4 7h16M9.5 7V4.5h5V7M6.5 7l1 12.5h9l1-12.5M10 11v5M14 11v5"/>`,
  left: svg`<path d="M14.5 5.5 8 12l6.5 6.5"/>`,
  right: svg`<path d="M9.5 5.5 16 12l-6.5 6.5"/>`,
  up: svg`<path d="M5.5 14.5 12 8l6.5 6.5"/>`,
  down: svg`<path d="M5.5 9.5 12 16l6.5-6.5"/>`,
  grip: svg`<g fill="currentColor" stroke="none"><circle cx="9" cy="6" r="1.6"/><circle cx="15" cy="6" r="1.6"/><circle cx="9" cy="12" r="1.6"/><circle cx="15" cy="12" r="1.6"/><circle cx="9" cy="18" r="1.6"/><circle cx="15" cy="18" r="1.6"/></g>`,
  star: svg`<path d="m12 3.5 2.6 5.4 5.9.8-4.3 4.1 1.1 5.8L12 16.8l-5.3 2.8 1.1-5.8-4.3-4.1 5.9-.8z"/>`,
  starFilled: svg`<path fill="currentColor" d="m12 3.5 2.6 5.4 5.9.8-4.3 4.1 1.1 5.8L12 16.8l-5.3 2.8 1.1-5.8-4.3-4.1 5.9-.8z"/>`,
  plus: svg`<path d="M12 5v14M5 12h14"/>`,
  check: svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,
  doing: svg`<path d="M4 12h13M12 6l6 6-6 6"/>`,
  thinking: svg`<path d="M7.5 15.5a4 4 0 0 1-.3-8 5 5 0 0 1 9.4.6 3.6 3.6 0 0 1-.4 7.4z"/><circle cx="7" cy="19" r="1.2"/><circle cx="4.5" cy="21" r=".7"/>`,
  feeling: svg`<path d="M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5C19.5 15.4 12 20 12 20z"/>`,
  touchpoints: svg`<path d="M12 21s-6.5-6.2-6.5-11.2a6.5 6.5 0 0 1 13 0C18.5 14.8 12 21 12 21z"/><circle cx="12" cy="9.8" r="2.3"/>`,
  pains: svg`<path d="M12 3.5 21.5 20h-19z"/><path d="M12 10v4.5"/><circle cx="12" cy="17.2" r=".6" fill="currentColor"/>`,
  opportunities: svg`<path d="M9.5 17.5h5M10.5 20.5h3M12 3.5a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.3 1.1 2.2h5c0-.9.4-1.6 1.1-2.2A6 6 0 0 0 12 3.5z"/>`,
  custom: svg`<path d="M5.5 3.5h13v17h-13z"/><path d="M8.5 8.5h7M8.5 12h7M8.5 15.5h4"/>`,
  undo: svg`<path d="M9 14.5 4.5 10 9 5.5"/><path d="M4.5 10h10a5 5 0 0 1 0 10h-3"/>`,
  redo: svg`<path d="M15 14.5 19.5 10 15 5.5"/><path d="M19.5 10h-10a5 5 0 0 0 0 10h3"/>`,
  projector: svg`<path d="M3.5 7.5h17v9h-17z"/><circle cx="15.5" cy="12" r="2.2"/><path d="M6.5 16.5l-1.5 3M17.5 16.5l1.5 3"/>`,
} as const;

const FACE_MOUTHS: Record<number, SVGTemplateResult> = {
  [-2]: svg`<path d="M8 17.2q4-4.4 8 0"/><path d="M7.3 8.6l2.6 1.3M16.7 8.6l-2.6 1.3"/>`,
  [-1]: svg`<path d="M8.5 16.4q3.5-2.6 7 0"/><circle cx="9.2" cy="10" r="1" fill="currentColor" stroke="none"/><circle cx="14.8" cy="10" r="1" fill="currentColor" stroke="none"/>`,
  0: svg`<path d="M8.6 15.4h6.8"/><circle cx="9.2" cy="10" r="1" fill="currentColor" stroke="none"/><circle cx="14.8" cy="10" r="1" fill="currentColor" stroke="none"/>`,
  1: svg`<path d="M8.5 14q3.5 3 7 0"/><circle cx="9.2" cy="10" r="1" fill="currentColor" stroke="none"/><circle cx="14.8" cy="10" r="1" fill="currentColor" stroke="none"/>`,
  2: svg`<path d="M7.6 13.2h8.8q-.6 4.8-4.4 4.8t-4.4-4.8z" fill="currentColor"/><path d="M7.6 10.2q1.6-2 3.2 0M13.2 10.2q1.6-2 3.2 0"/>`,
};

export type IconName = keyof typeof PATHS;

/** A decorative icon, 1em square, drawn in the current text colour. */
export function icon(name: IconName) {
  return html`<svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${PATHS[name]}</svg>`;
}

/** A face for an emotion value -2..2 (decorative; always shown with its word or an accessible name). */
export function face(value: number) {
  return html`<svg class="icon face" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false"
    fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="9.2"/>${FACE_MOUTHS[value] ?? FACE_MOUTHS[0]}</svg>`;
}

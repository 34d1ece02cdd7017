/**
 * A note not made yet on a big board: its card's colours, its author and its text, about a tenth of a note's
 * elements. The grid and the outline show these for the parts far from the screen (note-parts.ts), so that every
 * note's text stays in the page: a screen reader reads it and find in page finds it, where a placeholder that only
 * said "Notes 6–10 of 54" hid it. The component showing one makes it focusable and makes the real note on focus.
 */
import { css, html } from 'lit';
import type { Note } from '../../../shared/board/schema.js';
import { noteColor } from './note-colors.js';
import { noteByline } from './note-excerpt.js';

/**
 * What a light note shows, for its element of class `light` (an `li`, a `div`): the author, then the text. The
 * element itself is the card, given the author's colours by `lightNoteColors`: one element and a text node a note,
 * as a 2,000-note board holds nearly all its notes as these.
 */
export function lightNoteContent(note: Note) {
  // no whitespace between the two: the card keeps its text's own (pre-wrap)
  return html`<span class="who">${noteByline(note)}</span>${note.text}`;
}

/** The light note element's `style`: the card's colours, as its note's. */
export function lightNoteColors(note: Note): string {
  const color = noteColor(note.authorRole, note.department);
  return `--note-bg:${color.background};--note-accent:${color.accent}`;
}

/** Styles of `.light` items: each is the card of its note (lightNoteContent). */
export const lightNoteStyles = css`
  .light {
    display: block;
    min-height: 7rem;
    margin: 0;
    padding: 0.5rem 0.6rem;
    border-radius: 6px;
    background: var(--note-bg);
    border: 1px solid rgb(0 0 0 / 12%);
    border-left: 5px solid var(--note-accent);
    font-size: 0.95em;
    line-height: 1.35;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .light .who {
    display: block;
    margin-bottom: 0.3rem;
    font-size: 0.8em;
    font-weight: 700;
    white-space: normal;
  }
  /* inside the card: a grid's part is painted within its own box (content-visibility) */
  .light:focus-visible {
    outline: 3px solid var(--jr-focus);
    outline-offset: -3px;
  }
`;

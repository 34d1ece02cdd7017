/** Styles of a radio button drawn as a selectable card (join role, board template). */
import { css } from 'lit';

/** `<label class="choice"><input type="radio">…</label>`: bordered card, accent when checked, focus ring. */
export const choiceStyles = css`
  .choice {
    display: flex;
    gap: 0.55rem;
    align-items: flex-start;
    padding: 0.7rem 0.8rem;
    border: 1px solid var(--jr-border-strong);
    border-radius: var(--jr-radius);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--jr-accent);
    background: var(--jr-accent-soft);
    box-shadow: 0 0 0 1px var(--jr-accent);
  }
  .choice:has(input:focus-visible) {
    outline: 3px solid var(--jr-focus);
    outline-offset: 2px;
  }
  .choice input {
    accent-color: var(--jr-accent);
  }
`;

/** Styles every component adopts: buttons, fields, focus rings, visually hidden text. */
import { css } from 'lit';

/** Base styles shared by all Journeyroom elements (adopted once by the browser, not copied). */
export const sharedStyles = css`
  :host {
    font-family: var(--jr-font);
    color: var(--jr-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 3px solid var(--jr-focus);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.25rem;
    padding: 0.4rem 0.9rem;
    border-radius: var(--jr-radius);
    border: 1px solid var(--jr-border-strong);
    background: var(--jr-surface);
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
    transition: background var(--jr-motion), border-color var(--jr-motion);
  }
  .btn:hover:not(:disabled) {
    background: var(--jr-surface-2);
    border-color: var(--jr-text);
  }
  .btn.primary {
    background: var(--jr-accent);
    border-color: var(--jr-accent);
    color: var(--jr-accent-text);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--jr-accent-hover);
    border-color: var(--jr-accent-hover);
  }
  .btn.danger {
    color: var(--jr-danger);
    border-color: var(--jr-danger);
  }
  .btn.danger.solid {
    background: var(--jr-danger);
    color: #fff;
  }
  .icon-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 1.9rem;
    min-height: 1.9rem;
    padding: 0.15rem;
    border-radius: 6px;
    border: 1px solid transparent;
    background: transparent;
    color: var(--jr-muted);
    font-size: 0.95rem;
    line-height: 1;
  }
  .icon-btn:hover:not(:disabled) {
    background: rgb(0 0 0 / 7%);
    color: var(--jr-text);
  }
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .field > label,
  .label {
    font-weight: 600;
  }
  .hint {
    color: var(--jr-muted);
    font-size: 0.88em;
  }
  .input {
    width: 100%;
    min-height: 2.4rem;
    padding: 0.45rem 0.65rem;
    border: 1px solid var(--jr-border-strong);
    border-radius: var(--jr-radius);
    background: var(--jr-surface);
  }
  .input[aria-invalid='true'] {
    border-color: var(--jr-danger);
    box-shadow: 0 0 0 1px var(--jr-danger);
  }
  .error {
    color: var(--jr-danger);
    font-weight: 600;
  }
  .error-box {
    padding: 0.6rem 0.8rem;
    border-radius: var(--jr-radius);
    background: var(--jr-danger-soft);
    color: var(--jr-danger);
    border: 1px solid var(--jr-danger);
  }
  /* Touch screens: every control is at least 44 x 44 CSS px (WCAG 2.5.5), whatever a component's own
     compact sizing says, hence !important. A checkbox or radio counts with its label, which is the target. */
  @media (pointer: coarse) {
    button,
    select,
    summary,
    a[href],
    input:not([type='checkbox']):not([type='radio']),
    textarea,
    label:has(> input[type='checkbox']),
    label:has(> input[type='radio']) {
      min-height: 44px !important;
      min-width: 44px !important;
    }
    a[href] {
      display: inline-flex;
      align-items: center;
    }
  }
`;

/** Styles of the pages around the board (start, join, join code): the raised card and the centred one-card page. */
import { css } from 'lit';

/** A raised white card holding a page's form or message. */
export const cardStyles = css`
  .card {
    padding: 1.5rem;
    background: var(--jr-surface);
    border: 1px solid var(--jr-border);
    border-radius: 14px;
    box-shadow: var(--jr-shadow);
  }
`;

/** A full-height page with one card in a narrow centred column under the brand line. */
export const centeredPageStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  .center {
    max-width: 34rem;
    margin: 0 auto;
    padding: 3rem 1rem;
  }
  .brand {
    color: var(--jr-accent);
    font-weight: 800;
  }
`;

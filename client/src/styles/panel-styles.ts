/** Styles shared by the facilitator panel's sections (jr-panel-*): collapsible section, badge, rows, notices. */
import { css } from 'lit';

/** One collapsible section of the facilitator panel: details/summary, badge, body grid, rows, small buttons. */
export const panelSectionStyles = css`
  :host {
    display: block;
  }
  details {
    border-bottom: 1px solid var(--jr-border);
  }
  summary {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.65rem 1rem;
    cursor: pointer;
    font-weight: 700;
    list-style: none;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  summary::before {
    content: '▸';
    color: var(--jr-muted);
    transition: transform var(--jr-motion);
  }
  details[open] > summary::before {
    transform: rotate(90deg);
  }
  summary .badge {
    margin-left: auto;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.78em;
    background: var(--jr-accent-soft);
    color: var(--jr-accent);
  }
  summary .badge.warn {
    background: #fff3cd;
    color: #5c4300;
  }
  .body {
    display: grid;
    gap: 0.6rem;
    padding: 0 1rem 0.9rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .btn.sm {
    min-height: 2rem;
    padding: 0.25rem 0.6rem;
    font-size: 0.9em;
  }
  .input.narrow {
    width: 5.5rem;
  }
  label.check {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  ul.plain {
    margin: 0;
    padding-left: 0;
    list-style: none;
    display: grid;
    gap: 0.2rem;
  }
  .muted {
    color: var(--jr-muted);
  }
  .notice {
    padding: 0.45rem 0.6rem;
    border-radius: var(--jr-radius);
    background: var(--jr-accent-soft);
  }
`;

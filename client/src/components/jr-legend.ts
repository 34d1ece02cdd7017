/** <jr-legend>: what the note colours mean on this board (customer, each department present). */
import { LitElement, css, html, nothing } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';
import type { NoteColor } from '../ui/note-colors.js';

export class JrLegend extends LitElement {
  static override properties = { entries: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem 0.8rem;
        font-size: 0.82em;
      }
      h2 {
        margin: 0;
        font-size: 1em;
        font-weight: 600;
        color: var(--jr-muted);
      }
      ul {
        display: contents;
        list-style: none;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
      }
      .swatch {
        width: 1.1rem;
        height: 0.9rem;
        border-radius: 3px;
        background: var(--bg);
        border: 1px solid rgb(0 0 0 / 15%);
        border-left: 4px solid var(--accent);
      }
    `,
  ];

  declare entries: NoteColor[];

  constructor() {
    super();
    this.entries = [];
  }

  protected override render() {
    if (!this.entries.length) return nothing;
    return html`<div class="legend">
      <h2 id="legend-title">Note colours</h2>
      <ul aria-labelledby="legend-title">
        ${this.entries.map(
          (entry) => html`<li style="--bg:${entry.background};--accent:${entry.accent}">
            <span class="swatch" aria-hidden="true"></span>${entry.label}
          </li>`,
        )}
      </ul>
    </div>`;
  }
}

customElements.define('jr-legend', JrLegend);

declare global {
  interface HTMLElementTagNameMap {
    'jr-legend': JrLegend;
  }
}

/** <jr-metric-chips>: a stage's imported metrics as compact chips under its header (name, then value and unit). */
import { LitElement, css, html, nothing } from 'lit';
import type { StageMetric } from '../../../shared/session/schema.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { metricText, metricValueText } from '../ui/metric-format.js';

export class JrMetricChips extends LitElement {
  static override properties = {
    metrics: { attribute: false },
    stageTitle: { attribute: 'stage-title' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0.3rem 0 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0 0.3em;
        max-width: 100%;
        min-width: 0;
        padding: 0.1rem 0.5rem;
        border-radius: 8px;
        background: var(--jr-accent-soft);
        border: 1px solid color-mix(in srgb, var(--jr-accent) 30%, transparent);
        color: var(--jr-text);
        font-size: 0.78em;
        font-weight: 500;
        line-height: 1.35;
      }
      .name {
        min-width: 0;
        overflow-wrap: anywhere;
        color: var(--jr-muted);
      }
      .value {
        min-width: 0;
        font-weight: 700;
        overflow-wrap: anywhere;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  declare metrics: readonly StageMetric[];
  declare stageTitle: string;

  constructor() {
    super();
    this.metrics = [];
    this.stageTitle = '';
  }

  protected override render() {
    if (!this.metrics.length) return nothing;
    return html`<ul aria-label=${this.stageTitle ? `Metrics of ${this.stageTitle}` : 'Metrics'}>
      ${this.metrics.map(
        (m) => html`<li title=${metricText(m)}>
          <span class="name">${m.metric}</span><span class="value">${metricValueText(m.value, m.unit)}</span>
        </li>`,
      )}
    </ul>`;
  }
}

customElements.define('jr-metric-chips', JrMetricChips);

declare global {
  interface HTMLElementTagNameMap {
    'jr-metric-chips': JrMetricChips;
  }
}

/** <jr-stage-header>: a stage's column header: editable title, move left/right, delete (after confirming), imported metrics. */
import { LitElement, css, html, nothing } from 'lit';
import { LIMITS, type Stage } from '../../../shared/board/schema.js';
import type { StageMetric } from '../../../shared/session/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-inline-edit.js';
import { reorderToolsHostStyles } from './jr-reorder-tools.js';
import './jr-metric-chips.js';

export class JrStageHeader extends LitElement {
  static override properties = {
    stage: { attribute: false },
    index: { type: Number },
    count: { type: Number },
    noteCount: { type: Number, attribute: 'note-count' },
    actions: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
    metrics: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    reorderToolsHostStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.15rem;
        font-size: 1.05em;
        font-weight: 700;
      }
      /* In a narrow (compact) column the move and delete buttons wrap under the title instead of hiding it. */
      jr-inline-edit {
        flex: 1 1 6rem;
        min-width: 6rem;
      }
      .num {
        color: var(--jr-muted);
        font-weight: 600;
        font-size: 0.85em;
        min-width: 1.2em;
        text-align: right;
      }
    `,
  ];

  declare stage: Stage | undefined;
  declare index: number;
  declare count: number;
  declare noteCount: number;
  declare actions: BoardActions | undefined;
  declare readOnly: boolean;
  /** metrics imported for this stage (shown as chips) */
  declare metrics: readonly StageMetric[];

  constructor() {
    super();
    this.stage = undefined;
    this.index = 0;
    this.count = 1;
    this.noteCount = 0;
    this.actions = undefined;
    this.readOnly = false;
    this.metrics = [];
  }

  /** Focuses the title field (after adding a stage). */
  async focusTitle(): Promise<void> {
    await this.updateComplete;
    await this.renderRoot.querySelector('jr-inline-edit')?.focusAndSelect();
  }

  protected override render() {
    const stage = this.stage;
    if (!stage) return nothing;
    return html`<div class="head">
      <span class="num" aria-hidden="true">${this.index + 1}</span>
      <jr-inline-edit
        .value=${stage.title}
        label=${`Stage ${this.index + 1} title`}
        max-length=${LIMITS.stageTitleChars}
        ?read-only=${this.readOnly}
        .commit=${(title: string) => this.actions?.renameStage(stage.id, title) ?? false}
      ></jr-inline-edit>
      ${this.readOnly
        ? nothing
        : html`<jr-reorder-tools
            thing="stage"
            name=${stage.title}
            .index=${this.index}
            .count=${this.count}
            .noteCount=${this.noteCount}
            .moveTo=${this.actions ? (index: number) => this.actions?.moveStage(stage.id, index) : undefined}
            .deleteItem=${this.actions ? () => this.actions?.removeStage(stage.id) ?? false : undefined}
          ></jr-reorder-tools>`}
    </div>
    <jr-metric-chips .metrics=${this.metrics} stage-title=${stage.title}></jr-metric-chips>`;
  }
}

customElements.define('jr-stage-header', JrStageHeader);

declare global {
  interface HTMLElementTagNameMap {
    'jr-stage-header': JrStageHeader;
  }
}

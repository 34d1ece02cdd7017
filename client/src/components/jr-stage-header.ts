/** <jr-stage-header>: a stage's column header: editable title, move left/right, delete (after confirming), imported metrics. */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { LIMITS, type Stage } from '../../../shared/board/schema.js';
import type { StageMetric } from '../../../shared/session/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import type { DeletedDetail } from '../ui/drag.js';
import { icon } from '../ui/icons.js';
import { askConfirm } from './jr-confirm-dialog.js';
import './jr-inline-edit.js';
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
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.15rem;
        font-size: 1.05em;
        font-weight: 700;
      }
      jr-inline-edit {
        flex: 1;
      }
      .num {
        color: var(--jr-muted);
        font-weight: 600;
        font-size: 0.85em;
        min-width: 1.2em;
        text-align: right;
      }
      .tools {
        display: flex;
        gap: 0;
        opacity: 0.6;
        transition: opacity var(--jr-motion);
      }
      .head:hover .tools,
      .tools:focus-within {
        opacity: 1;
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
  private refocus: 'left' | 'right' | undefined;

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
    const edit = this.renderRoot.querySelector('jr-inline-edit');
    await edit?.updateComplete;
    const input = edit?.renderRoot.querySelector('input');
    input?.focus();
    input?.select();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.refocus && changed.has('index')) {
      const button = this.renderRoot.querySelector<HTMLButtonElement>(`.${this.refocus}`);
      if (button && !button.disabled) button.focus();
      else this.renderRoot.querySelector<HTMLButtonElement>('.left:not(:disabled), .right:not(:disabled)')?.focus();
      this.refocus = undefined;
    }
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
        : html`<div class="tools">
            <button class="icon-btn left" aria-label=${`Move stage ${stage.title} left`} title="Move left" ?disabled=${this.index === 0} @click=${() => this.move(-1)}>${icon('left')}</button>
            <button class="icon-btn right" aria-label=${`Move stage ${stage.title} right`} title="Move right" ?disabled=${this.index >= this.count - 1} @click=${() => this.move(1)}>${icon('right')}</button>
            <button class="icon-btn" aria-label=${`Delete stage ${stage.title}`} title="Delete stage" ?disabled=${this.count <= 1} @click=${this.confirmDelete}>${icon('trash')}</button>
          </div>`}
    </div>
    <jr-metric-chips .metrics=${this.metrics} stage-title=${stage.title}></jr-metric-chips>`;
  }

  private move(step: -1 | 1): void {
    const stage = this.stage;
    if (!stage || !this.actions) return;
    const target = this.index + step;
    this.refocus = step < 0 ? 'left' : 'right';
    this.actions.moveStage(stage.id, target);
    announce(`Stage ${stage.title} moved to position ${target + 1} of ${this.count}.`);
  }

  private readonly confirmDelete = async (): Promise<void> => {
    const stage = this.stage;
    if (!stage || !this.actions) return;
    const notes = this.noteCount === 1 ? '1 note' : `${this.noteCount} notes`;
    const ok = await askConfirm(this, {
      title: `Delete stage “${stage.title}”?`,
      message: `This removes the stage and its ${notes} for everyone. You can undo right after.`,
      confirmLabel: 'Delete stage',
    });
    if (ok && this.actions.removeStage(stage.id)) {
      this.dispatchEvent(new CustomEvent<DeletedDetail>('jr-deleted', { detail: { label: `Stage “${stage.title}”` }, bubbles: true, composed: true }));
    }
  };
}

customElements.define('jr-stage-header', JrStageHeader);

declare global {
  interface HTMLElementTagNameMap {
    'jr-stage-header': JrStageHeader;
  }
}

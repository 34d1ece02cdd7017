/** <jr-lane-header>: a lane's row header: kind, editable title, move up/down, delete (after confirming). */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { LIMITS, type Lane } from '../../../shared/board/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import type { DeletedDetail } from '../ui/drag.js';
import { icon } from '../ui/icons.js';
import { LANE_KIND_INFO } from '../ui/lane-kinds.js';
import { askConfirm } from './jr-confirm-dialog.js';
import './jr-inline-edit.js';

export class JrLaneHeader extends LitElement {
  static override properties = {
    lane: { attribute: false },
    index: { type: Number },
    count: { type: Number },
    noteCount: { type: Number, attribute: 'note-count' },
    actions: { attribute: false },
    readOnly: { type: Boolean, attribute: 'read-only' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: grid;
        gap: 0.2rem;
      }
      .title {
        display: flex;
        align-items: center;
        gap: 0.25rem;
        font-weight: 700;
        font-size: 1em;
      }
      .kind-icon {
        display: inline-flex;
        font-size: 1.15em;
        color: var(--jr-muted);
      }
      jr-inline-edit {
        flex: 1;
      }
      .kind {
        color: var(--jr-muted);
        font-size: 0.78em;
        padding-left: 0.4rem;
      }
      .tools {
        display: flex;
        opacity: 0.6;
        transition: opacity var(--jr-motion);
      }
      .head:hover .tools,
      .tools:focus-within {
        opacity: 1;
      }
    `,
  ];

  declare lane: Lane | undefined;
  declare index: number;
  declare count: number;
  declare noteCount: number;
  declare actions: BoardActions | undefined;
  declare readOnly: boolean;
  private refocus: 'up' | 'down' | undefined;

  constructor() {
    super();
    this.lane = undefined;
    this.index = 0;
    this.count = 1;
    this.noteCount = 0;
    this.actions = undefined;
    this.readOnly = false;
  }

  /** Focuses the title field (after adding a lane). */
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
      else this.renderRoot.querySelector<HTMLButtonElement>('.up:not(:disabled), .down:not(:disabled)')?.focus();
      this.refocus = undefined;
    }
  }

  protected override render() {
    const lane = this.lane;
    if (!lane) return nothing;
    const info = LANE_KIND_INFO[lane.kind];
    return html`<div class="head">
      <div class="title">
        <span class="kind-icon">${icon(info.icon)}</span>
        <jr-inline-edit
          .value=${lane.title}
          label=${`Lane ${this.index + 1} title`}
          max-length=${LIMITS.laneTitleChars}
          ?read-only=${this.readOnly}
          .commit=${(title: string) => this.actions?.renameLane(lane.id, title) ?? false}
        ></jr-inline-edit>
      </div>
      ${lane.title.toLowerCase() !== info.label.toLowerCase() ? html`<span class="kind">${info.label} lane</span>` : nothing}
      ${this.readOnly
        ? nothing
        : html`<div class="tools">
            <button class="icon-btn up" aria-label=${`Move lane ${lane.title} up`} title="Move up" ?disabled=${this.index === 0} @click=${() => this.move(-1)}>${icon('up')}</button>
            <button class="icon-btn down" aria-label=${`Move lane ${lane.title} down`} title="Move down" ?disabled=${this.index >= this.count - 1} @click=${() => this.move(1)}>${icon('down')}</button>
            <button class="icon-btn" aria-label=${`Delete lane ${lane.title}`} title="Delete lane" ?disabled=${this.count <= 1} @click=${this.confirmDelete}>${icon('trash')}</button>
          </div>`}
    </div>`;
  }

  private move(step: -1 | 1): void {
    const lane = this.lane;
    if (!lane || !this.actions) return;
    const target = this.index + step;
    this.refocus = step < 0 ? 'up' : 'down';
    this.actions.moveLane(lane.id, target);
    announce(`Lane ${lane.title} moved to position ${target + 1} of ${this.count}.`);
  }

  private readonly confirmDelete = async (): Promise<void> => {
    const lane = this.lane;
    if (!lane || !this.actions) return;
    const notes = this.noteCount === 1 ? '1 note' : `${this.noteCount} notes`;
    const ok = await askConfirm(this, {
      title: `Delete lane “${lane.title}”?`,
      message: `This removes the lane and its ${notes} for everyone. You can undo right after.`,
      confirmLabel: 'Delete lane',
    });
    if (ok && this.actions.removeLane(lane.id)) {
      this.dispatchEvent(new CustomEvent<DeletedDetail>('jr-deleted', { detail: { label: `Lane “${lane.title}”` }, bubbles: true, composed: true }));
    }
  };
}

customElements.define('jr-lane-header', JrLaneHeader);

declare global {
  interface HTMLElementTagNameMap {
    'jr-lane-header': JrLaneHeader;
  }
}

/** <jr-lane-header>: a lane's row header: kind, editable title, move up/down, delete (after confirming). */
import { LitElement, css, html, nothing } from 'lit';
import { LIMITS, type Lane } from '../../../shared/board/schema.js';
import type { BoardActions } from '../session/board-actions.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { icon } from '../ui/icons.js';
import { LANE_KIND_INFO } from '../ui/lane-kinds.js';
import './jr-inline-edit.js';
import { reorderToolsHostStyles } from './jr-reorder-tools.js';

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
    reorderToolsHostStyles,
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
    `,
  ];

  declare lane: Lane | undefined;
  declare index: number;
  declare count: number;
  declare noteCount: number;
  declare actions: BoardActions | undefined;
  declare readOnly: boolean;

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
    await this.renderRoot.querySelector('jr-inline-edit')?.focusAndSelect();
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
        : html`<jr-reorder-tools
            thing="lane"
            name=${lane.title}
            .index=${this.index}
            .count=${this.count}
            .noteCount=${this.noteCount}
            .moveTo=${this.actions ? (index: number) => this.actions?.moveLane(lane.id, index) : undefined}
            .deleteItem=${this.actions ? () => this.actions?.removeLane(lane.id) ?? false : undefined}
          ></jr-reorder-tools>`}
    </div>`;
  }
}

customElements.define('jr-lane-header', JrLaneHeader);

declare global {
  interface HTMLElementTagNameMap {
    'jr-lane-header': JrLaneHeader;
  }
}

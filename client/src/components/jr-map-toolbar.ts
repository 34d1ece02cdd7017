/**
 * <jr-map-toolbar>: the row above the map: add a note to a chosen stage and lane (the stage the room is on
 * comes first, so a keyboard user adds a note in a few key presses), undo and redo of one's own changes,
 * grid or outline, and compact mode. Sends its requests up as events (MAP_TOOLBAR_EVENT).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Lane, Stage } from '../../../shared/board/schema.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { icon } from '../ui/icons.js';

/** Events the toolbar sends (bubbling, composed). */
export const MAP_TOOLBAR_EVENT = {
  /** detail QuickAddDetail */
  add: 'jr-quick-add',
  undo: 'jr-undo',
  redo: 'jr-redo',
  /** detail 'grid' | 'outline' */
  layout: 'jr-layout-change',
  /** detail boolean */
  compact: 'jr-compact-change',
} as const;

export interface QuickAddDetail {
  stageId: string;
  laneId: string;
}

export class JrMapToolbar extends LitElement {
  static override properties = {
    stages: { attribute: false },
    lanes: { attribute: false },
    currentStageId: { attribute: false },
    canUndo: { type: Boolean, attribute: 'can-undo' },
    canRedo: { type: Boolean, attribute: 'can-redo' },
    layout: {},
    compact: { type: Boolean },
    phone: { type: Boolean },
    locked: { type: Boolean },
    chosenStage: { state: true },
    chosenLane: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 0.9rem;
      }
      .group {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem;
      }
      .add .label {
        font-weight: 600;
        font-size: 0.9em;
      }
      select {
        min-height: 2.25rem;
        max-width: 10rem;
        padding: 0.25rem 0.3rem;
        border: 1px solid var(--jr-border-strong);
        border-radius: var(--jr-radius);
        background: var(--jr-surface);
      }
      .seg .btn[aria-pressed='true'] {
        background: var(--jr-accent-soft);
        border-color: var(--jr-accent);
      }
      .seg .btn:first-child {
        border-top-right-radius: 0;
        border-bottom-right-radius: 0;
      }
      .seg .btn:last-child {
        border-top-left-radius: 0;
        border-bottom-left-radius: 0;
        margin-left: -1px;
      }
      .seg {
        gap: 0;
      }
      .spacer {
        flex: 1;
      }
      .btn {
        padding-inline: 0.65rem;
      }
      /* Undo and redo show their words only where there is room; their names never change. */
      @media (max-width: 1500px) {
        .word {
          display: none;
        }
      }
    `,
  ];

  declare stages: readonly Stage[];
  declare lanes: readonly Lane[];
  /** the stage the room is on (facilitator's focus), preselected for adding */
  declare currentStageId: string | undefined;
  declare canUndo: boolean;
  declare canRedo: boolean;
  declare layout: 'grid' | 'outline';
  declare compact: boolean;
  /** the phone view: stage navigation and per-lane adding live in the map, so only undo/redo here */
  declare phone: boolean;
  declare locked: boolean;
  declare chosenStage: string | undefined;
  declare chosenLane: string | undefined;

  constructor() {
    super();
    this.stages = [];
    this.lanes = [];
    this.currentStageId = undefined;
    this.canUndo = false;
    this.canRedo = false;
    this.layout = 'grid';
    this.compact = false;
    this.phone = false;
    this.locked = false;
    this.chosenStage = undefined;
    this.chosenLane = undefined;
  }

  private emit<T>(type: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent<T | undefined>(type, { detail, bubbles: true, composed: true }));
  }

  /** The stage and lane the add controls point at: the person's choice while it exists, else the room's stage. */
  private target(): { stageId: string | undefined; laneId: string | undefined } {
    const has = (list: readonly { id: string }[], id: string | undefined) => id !== undefined && list.some((x) => x.id === id);
    const stageId = has(this.stages, this.chosenStage) ? this.chosenStage : has(this.stages, this.currentStageId) ? this.currentStageId : this.stages[0]?.id;
    const laneId = has(this.lanes, this.chosenLane) ? this.chosenLane : this.lanes[0]?.id;
    return { stageId, laneId };
  }

  protected override render() {
    const { stageId, laneId } = this.target();
    const canAdd = !this.locked && stageId !== undefined && laneId !== undefined;
    return html`<div class="bar">
      ${this.phone || this.locked
        ? nothing
        : html`<div class="group add" role="group" aria-label="Add a note">
            <span class="label" aria-hidden="true">Add a note to</span>
            <select aria-label="Stage of the new note" @change=${(e: Event) => (this.chosenStage = (e.target as HTMLSelectElement).value)}>
              ${this.stages.map((s) => html`<option value=${s.id} ?selected=${s.id === stageId}>${s.title}${s.id === this.currentStageId ? ' (the room is here)' : ''}</option>`)}
            </select>
            <select aria-label="Lane of the new note" @change=${(e: Event) => (this.chosenLane = (e.target as HTMLSelectElement).value)}>
              ${this.lanes.map((l) => html`<option value=${l.id} ?selected=${l.id === laneId}>${l.title}</option>`)}
            </select>
            <button class="btn primary" ?disabled=${!canAdd}
              @click=${() => canAdd && this.emit<QuickAddDetail>(MAP_TOOLBAR_EVENT.add, { stageId, laneId })}>${icon('plus')} Add note</button>
          </div>`}
      <div class="group" role="group" aria-label="Undo and redo your changes">
        <button class="btn" ?disabled=${!this.canUndo || this.locked} aria-label="Undo" title="Undo your last change (Ctrl+Z)" aria-keyshortcuts="Control+Z"
          @click=${() => this.emit(MAP_TOOLBAR_EVENT.undo)}>${icon('undo')}<span class="word" aria-hidden="true">Undo</span></button>
        <button class="btn" ?disabled=${!this.canRedo || this.locked} aria-label="Redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" aria-keyshortcuts="Control+Shift+Z Control+Y"
          @click=${() => this.emit(MAP_TOOLBAR_EVENT.redo)}>${icon('redo')}<span class="word" aria-hidden="true">Redo</span></button>
      </div>
      <span class="spacer"></span>
      ${this.phone
        ? nothing
        : html`<div class="group seg" role="group" aria-label="Show the map as">
              <button class="btn" aria-pressed=${this.layout === 'grid' ? 'true' : 'false'} @click=${() => this.emit(MAP_TOOLBAR_EVENT.layout, 'grid')}>Grid</button>
              <button class="btn" aria-pressed=${this.layout === 'outline' ? 'true' : 'false'} @click=${() => this.emit(MAP_TOOLBAR_EVENT.layout, 'outline')}>Outline</button>
            </div>
            <button class="btn" aria-pressed=${this.compact ? 'true' : 'false'} title="Smaller spacing and narrower stages, to see more of the map"
              @click=${() => this.emit(MAP_TOOLBAR_EVENT.compact, !this.compact)}>Compact</button>`}
    </div>`;
  }
}

customElements.define('jr-map-toolbar', JrMapToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'jr-map-toolbar': JrMapToolbar;
  }
}

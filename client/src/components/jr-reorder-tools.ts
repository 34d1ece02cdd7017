/**
 * <jr-reorder-tools>: the move back / move forward / delete buttons of a stage or lane header. Moves are
 * announced and keep keyboard focus on the button used; delete asks first and then offers undo (jr-deleted).
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import type { DeletedDetail } from '../ui/drag.js';
import { icon } from '../ui/icons.js';
import { askConfirm } from './jr-confirm-dialog.js';

/** What the tools reorder: stages move left and right, lanes up and down. */
const THINGS = {
  stage: { noun: 'stage', Noun: 'Stage', back: 'left', forward: 'right' },
  lane: { noun: 'lane', Noun: 'Lane', back: 'up', forward: 'down' },
} as const;

/** A header's tools fade until the header is hovered or a tool has focus (for the header's own styles). */
export const reorderToolsHostStyles = css`
  jr-reorder-tools {
    opacity: 0.6;
    transition: opacity var(--jr-motion);
  }
  .head:hover jr-reorder-tools,
  jr-reorder-tools:focus-within {
    opacity: 1;
  }
`;

/** Move and delete buttons for the item at `index` of `count`; the header passes what a move and a delete do. */
export class JrReorderTools extends LitElement {
  static override properties = {
    thing: {},
    name: {},
    index: { type: Number },
    count: { type: Number },
    noteCount: { type: Number, attribute: 'note-count' },
    moveTo: { attribute: false },
    deleteItem: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
      }
    `,
  ];

  declare thing: keyof typeof THINGS;
  /** the stage's or lane's title, as the buttons name it */
  declare name: string;
  declare index: number;
  declare count: number;
  declare noteCount: number;
  /** moves the item to a new index; undefined when nobody may */
  declare moveTo: ((index: number) => void) | undefined;
  /** deletes the item, true when it did; undefined when nobody may */
  declare deleteItem: (() => boolean) | undefined;
  private refocus: 'back' | 'forward' | undefined;

  constructor() {
    super();
    this.thing = 'stage';
    this.name = '';
    this.index = 0;
    this.count = 1;
    this.noteCount = 0;
    this.moveTo = undefined;
    this.deleteItem = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // After a move the item re-renders at its new index: keep focus on the button that was used,
    // or on the other one when that end has been reached.
    if (this.refocus && changed.has('index')) {
      const button = this.renderRoot.querySelector<HTMLButtonElement>(`.${this.refocus}`);
      if (button && !button.disabled) button.focus();
      else this.renderRoot.querySelector<HTMLButtonElement>('.back:not(:disabled), .forward:not(:disabled)')?.focus();
      this.refocus = undefined;
    }
  }

  protected override render() {
    const t = THINGS[this.thing];
    const { name } = this;
    return html`<button class="icon-btn back" aria-label=${`Move ${t.noun} ${name} ${t.back}`} title=${`Move ${t.back}`} ?disabled=${this.index === 0} @click=${() => this.step(-1)}>${icon(t.back)}</button>
      <button class="icon-btn forward" aria-label=${`Move ${t.noun} ${name} ${t.forward}`} title=${`Move ${t.forward}`} ?disabled=${this.index >= this.count - 1} @click=${() => this.step(1)}>${icon(t.forward)}</button>
      <button class="icon-btn" aria-label=${`Delete ${t.noun} ${name}`} title=${`Delete ${t.noun}`} ?disabled=${this.count <= 1} @click=${this.confirmDelete}>${icon('trash')}</button>`;
  }

  private step(step: -1 | 1): void {
    if (!this.moveTo) return;
    const target = this.index + step;
    this.refocus = step < 0 ? 'back' : 'forward';
    this.moveTo(target);
    announce(`${THINGS[this.thing].Noun} ${this.name} moved to position ${target + 1} of ${this.count}.`);
  }

  private readonly confirmDelete = async (): Promise<void> => {
    const deleteItem = this.deleteItem;
    if (!deleteItem) return;
    const t = THINGS[this.thing];
    const name = this.name;
    const notes = this.noteCount === 1 ? '1 note' : `${this.noteCount} notes`;
    const ok = await askConfirm(this, {
      title: `Delete ${t.noun} “${name}”?`,
      message: `This removes the ${t.noun} and its ${notes} for everyone. You can undo right after.`,
      confirmLabel: `Delete ${t.noun}`,
    });
    if (ok && deleteItem()) {
      this.dispatchEvent(new CustomEvent<DeletedDetail>('jr-deleted', { detail: { label: `${t.Noun} “${name}”` }, bubbles: true, composed: true }));
    }
  };
}

customElements.define('jr-reorder-tools', JrReorderTools);

declare global {
  interface HTMLElementTagNameMap {
    'jr-reorder-tools': JrReorderTools;
  }
}

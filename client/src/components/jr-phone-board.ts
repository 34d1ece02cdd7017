/**
 * <jr-phone-board>: the map on a phone: one stage at a time, with previous/next and a stage picker above
 * and below it, its lanes as sections and the notes full width (the outline of that stage). The view
 * decides which stage (it follows the facilitator's focus); a choice here is sent up as `jr-stage-change`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { FocusState } from '../../../shared/session/schema.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { focusedStageId, type BoardBinding } from '../ui/board-binding.js';
import { icon } from '../ui/icons.js';
import './jr-board-outline.js';
import type { JrBoardOutline } from './jr-board-outline.js';

/** Event with the id of the stage the person chose to see. */
export const STAGE_CHANGE_EVENT = 'jr-stage-change';

export class JrPhoneBoard extends LitElement {
  static override properties = {
    binding: { attribute: false },
    stageId: { attribute: 'stage-id' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      nav {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        gap: 0.4rem;
        align-items: center;
        margin: 0 0 0.7rem;
      }
      nav.bottom {
        margin: 0.8rem 0 0;
      }
      nav .btn {
        padding-inline: 0.6rem;
      }
      select {
        width: 100%;
        min-width: 0;
        padding: 0.3rem 0.4rem;
        border: 1px solid var(--jr-border-strong);
        border-radius: var(--jr-radius);
        background: var(--jr-surface);
        font-weight: 700;
      }
    `,
  ];

  declare binding: BoardBinding | undefined;
  declare stageId: string | undefined;
  /** the person picked a stage here: start reading at its heading once it shows */
  private headingFocusPending = false;

  constructor() {
    super();
    this.binding = undefined;
    this.stageId = undefined;
  }

  /** Puts the caret in a note's text once it is shown. */
  focusNoteText(noteId: string): void {
    this.renderRoot.querySelector<JrBoardOutline>('jr-board-outline')?.focusNoteText(noteId);
  }

  /** The stage or note the facilitator brought everyone to, once the view shows its stage (see MapView). */
  async focusTarget(focus: NonNullable<FocusState>): Promise<HTMLElement | null> {
    await this.updateComplete;
    return this.renderRoot.querySelector<JrBoardOutline>('jr-board-outline')?.focusTarget(focus) ?? null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('stageId') || !this.headingFocusPending) return;
    this.headingFocusPending = false;
    const outline = this.renderRoot.querySelector<JrBoardOutline>('jr-board-outline');
    void outline?.updateComplete.then(() => outline.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  protected override render() {
    const binding = this.binding;
    if (!binding) return nothing;
    const stages = binding.snapshot.stages;
    const index = Math.max(0, stages.findIndex((s) => s.id === this.stageId));
    const stage = stages[index];
    if (!stage) return html`<p>This board has no stages yet.</p>`;
    return html`${this.renderNav(index, 'top')}
      <jr-board-outline .binding=${binding} stage-id=${stage.id}></jr-board-outline>
      ${this.renderNav(index, 'bottom')}`;
  }

  private renderNav(index: number, where: 'top' | 'bottom') {
    const stages = this.binding?.snapshot.stages ?? [];
    const previous = stages[index - 1];
    const next = stages[index + 1];
    const here = this.binding ? focusedStageId(this.binding) : undefined;
    return html`<nav class=${where} aria-label=${where === 'top' ? 'Stages' : 'Stages (end of this stage)'}>
      <button class="btn" ?disabled=${!previous} aria-label=${previous ? `Previous stage: ${previous.title}` : 'No previous stage'}
        @click=${() => previous && this.choose(previous.id)}>${icon('left')}</button>
      <select aria-label="Stage shown" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
        ${stages.map((s, i) => html`<option value=${s.id} ?selected=${i === index}>${i + 1}/${stages.length} · ${s.title}${s.id === here ? ' (the room is here)' : ''}</option>`)}
      </select>
      <button class="btn" ?disabled=${!next} aria-label=${next ? `Next stage: ${next.title}` : 'No next stage'}
        @click=${() => next && this.choose(next.id)}>${icon('right')}</button>
    </nav>`;
  }

  private choose(stageId: string): void {
    if (stageId === this.stageId) return;
    this.headingFocusPending = true;
    this.dispatchEvent(new CustomEvent<string>(STAGE_CHANGE_EVENT, { detail: stageId, bubbles: true, composed: true }));
  }
}

customElements.define('jr-phone-board', JrPhoneBoard);

declare global {
  interface HTMLElementTagNameMap {
    'jr-phone-board': JrPhoneBoard;
  }
}

/**
 * <jr-note-session>: the workshop-session part of a note: its dot-vote control (place / take back dots,
 * the count when it may be shown) and its root-cause links ("Caused by", "Causes", owning department, and
 * the button that opens the root-cause dialog on a pain point).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { LaneKind, Note } from '../../../shared/board/schema.js';
import { FACILITATION_EVENT, type BoardFacilitation, type DotDetail } from '../facilitation/board-facilitation.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { noteExcerpt } from '../ui/note-excerpt.js';

export class JrNoteSession extends LitElement {
  static override properties = {
    note: { attribute: false },
    facilitation: { attribute: false },
    laneKind: { attribute: 'lane-kind' },
    readOnly: { type: Boolean, attribute: 'read-only' },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.3rem;
        min-width: 0;
        font-size: 0.82em;
      }
      .vote {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.3rem;
      }
      .count {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        padding: 0.1rem 0.5rem;
        border-radius: 999px;
        background: #10326e;
        color: #fff;
        font-weight: 800;
      }
      .count.zero {
        background: rgb(0 0 0 / 10%);
        color: #1f2a44;
      }
      .mine {
        display: inline-flex;
        gap: 0.15rem;
      }
      .mine span {
        width: 0.75rem;
        height: 0.75rem;
        border-radius: 50%;
        background: #1d4fd7;
      }
      .dot-btn {
        min-width: 1.9rem;
        min-height: 1.9rem;
        padding: 0 0.35rem;
        border-radius: 6px;
        border: 1px solid #1d4fd7;
        background: #fff;
        color: #10326e;
        font-weight: 800;
      }
      .dot-btn.add {
        background: #1d4fd7;
        color: #fff;
      }
      .links {
        min-width: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2rem;
        align-items: baseline;
      }
      .links b {
        margin-right: 0.15rem;
      }
      .chip {
        min-width: 0;
        padding: 0.05rem 0.4rem;
        border-radius: 999px;
        border: 1px solid rgb(0 0 0 / 25%);
        background: rgb(255 255 255 / 70%);
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .causes-btn {
        justify-self: start;
        min-height: 1.8rem;
        padding: 0.1rem 0.5rem;
        font-size: 1em;
      }
    `,
  ];

  declare note: Note | undefined;
  declare facilitation: BoardFacilitation | undefined;
  declare laneKind: LaneKind;
  declare readOnly: boolean;

  constructor() {
    super();
    this.note = undefined;
    this.facilitation = undefined;
    this.laneKind = 'custom';
    this.readOnly = false;
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const note = this.note;
    const f = this.facilitation;
    if (!note || !f) return nothing;
    return html`${this.renderVote(note, f)}${this.renderCauses(note, f)}`;
  }

  private renderVote(note: Note, f: BoardFacilitation) {
    if (!f.voteLanes.has(note.laneId) || (!f.voting && !f.voteClosed)) return nothing;
    const count = f.counts.get(note.id) ?? 0;
    const mine = f.mine.get(note.id) ?? 0;
    const canVote = f.voting && f.role === 'participant' && !this.readOnly;
    const excerpt = noteExcerpt(note.text);
    return html`<div class="vote" data-votes=${f.showCounts ? count : ''}>
      ${f.showCounts
        ? html`<span class="count ${count === 0 ? 'zero' : ''}" aria-label=${`${count} dot${count === 1 ? '' : 's'}`}>● ${count}</span>`
        : nothing}
      ${canVote
        ? html`<button class="dot-btn" aria-label=${`Take a dot back from note ${excerpt}`} ?disabled=${mine === 0}
              @click=${() => this.emit<DotDetail>(FACILITATION_EVENT.dot, { noteId: note.id, delta: -1 })}>−</button>
            <span class="mine" aria-label=${`Your dots on this note: ${mine}`} role="img" data-mine=${mine}>
              ${Array.from({ length: mine }, () => html`<span></span>`)}
            </span>
            <button class="dot-btn add" aria-label=${`Place a dot on note ${excerpt}`} ?disabled=${f.dotsLeft === 0}
              title=${f.dotsLeft === 0 ? 'No dots left: take one back first' : `${f.dotsLeft} dot${f.dotsLeft === 1 ? '' : 's'} left`}
              @click=${() => this.emit<DotDetail>(FACILITATION_EVENT.dot, { noteId: note.id, delta: 1 })}>+ Dot</button>`
        : mine > 0
          ? html`<span>Your dots: ${mine}</span>`
          : nothing}
    </div>`;
  }

  private renderCauses(note: Note, f: BoardFacilitation) {
    const causedBy = f.causedBy.get(note.id) ?? [];
    const causes = f.causes.get(note.id) ?? [];
    const pain = this.laneKind === 'pains';
    const canEdit = pain && f.canEditCauses && !this.readOnly;
    if (!causedBy.length && !causes.length && !note.ownerDepartment && !canEdit) return nothing;
    return html`${causedBy.length
        ? html`<div class="links" role="group" aria-label="Caused by"><b>Caused by:</b>${causedBy.map((c) => html`<span class="chip" title=${c.label}>${c.label}</span>`)}</div>`
        : nothing}
      ${causes.length
        ? html`<div class="links" role="group" aria-label="Causes"><b>Causes:</b>${causes.map((c) => html`<span class="chip" title=${c.label}>${c.label}</span>`)}</div>`
        : nothing}
      ${note.ownerDepartment ? html`<div class="links"><b>Owner:</b><span class="chip">${note.ownerDepartment}</span></div>` : nothing}
      ${canEdit
        ? html`<button class="btn causes-btn" aria-label=${`Root causes of note ${noteExcerpt(note.text)}`}
            @click=${() => this.emit(FACILITATION_EVENT.causes, { noteId: note.id })}>Root causes…</button>`
        : nothing}`;
  }
}

customElements.define('jr-note-session', JrNoteSession);

declare global {
  interface HTMLElementTagNameMap {
    'jr-note-session': JrNoteSession;
  }
}

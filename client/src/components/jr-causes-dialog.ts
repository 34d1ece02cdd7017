/**
 * <jr-causes-dialog>: root causes of a pain point, keyboard friendly: a modal listing every other note of
 * the board by stage and lane with a checkbox ("this caused it"), plus the department that owns the pain.
 * Answers with a `jr-causes-save` event ({ noteId, causeIds, ownerDepartment }).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { DEPARTMENTS, LIMITS, type Note } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import { sharedStyles } from '../styles/shared-styles.js';

export interface CausesSaveDetail {
  noteId: string;
  causeIds: string[];
  ownerDepartment: string;
}

export class JrCausesDialog extends LitElement {
  static override properties = {
    board: { attribute: false },
    noteId: { state: true },
    chosen: { state: true },
    owner: { state: true },
    filter: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(44rem, 94vw);
        max-height: 88vh;
        padding: 0;
        border: 1px solid var(--jr-border-strong);
        border-radius: 12px;
        box-shadow: var(--jr-shadow-lift);
      }
      dialog::backdrop {
        background: rgb(15 20 30 / 45%);
      }
      form {
        display: flex;
        flex-direction: column;
        max-height: 88vh;
      }
      header,
      footer {
        padding: 0.9rem 1.2rem;
      }
      header {
        border-bottom: 1px solid var(--jr-border);
      }
      h2 {
        margin: 0 0 0.2rem;
        font-size: 1.2rem;
      }
      .pain {
        margin: 0;
        color: var(--jr-muted);
      }
      .list {
        overflow: auto;
        padding: 0.4rem 1.2rem 0.8rem;
      }
      fieldset {
        margin: 0.5rem 0 0;
        padding: 0;
        border: 0;
      }
      legend {
        font-weight: 700;
        padding: 0;
        margin-bottom: 0.2rem;
      }
      label.note {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        padding: 0.25rem 0.3rem;
        border-radius: 6px;
      }
      label.note:hover {
        background: var(--jr-surface-2);
      }
      .by {
        color: var(--jr-muted);
        font-size: 0.85em;
      }
      footer {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: flex-end;
        border-top: 1px solid var(--jr-border);
      }
      footer .field {
        flex: 1 1 14rem;
      }
    `,
  ];

  declare board: BoardSnapshot | undefined;
  declare noteId: string | undefined;
  declare chosen: Set<string>;
  declare owner: string;
  declare filter: string;

  constructor() {
    super();
    this.board = undefined;
    this.noteId = undefined;
    this.chosen = new Set();
    this.owner = '';
    this.filter = '';
  }

  /** Opens the dialog for the pain note `noteId`. */
  async open(noteId: string): Promise<void> {
    const note = this.board?.notes.find((n) => n.id === noteId);
    if (!note) return;
    this.noteId = noteId;
    this.chosen = new Set(note.causes);
    this.owner = note.ownerDepartment;
    this.filter = '';
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#filter')?.focus();
  }

  private readonly close = (): void => this.renderRoot.querySelector('dialog')?.close();

  private readonly save = (event: Event): void => {
    event.preventDefault();
    const noteId = this.noteId;
    if (!noteId) return;
    this.dispatchEvent(
      new CustomEvent<CausesSaveDetail>('jr-causes-save', {
        detail: { noteId, causeIds: [...this.chosen], ownerDepartment: this.owner.trim() },
        bubbles: true,
        composed: true,
      }),
    );
    this.close();
  };

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  /**
   * Closed, it shows nothing of the board, so a new read of the board (every keystroke of anyone) does not render
   * it: its render looked through every note for the one it is open for, 2,000 on a big board.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return this.noteId !== undefined || !this.hasUpdated || changed.size > (changed.has('board') ? 1 : 0);
  }

  protected override render() {
    const board = this.board;
    const note = this.noteId === undefined ? undefined : board?.notes.find((n) => n.id === this.noteId);
    return html`<dialog aria-labelledby="causes-title" @close=${() => (this.noteId = undefined)}>
      ${board && note ? this.renderForm(board, note) : nothing}
    </dialog>`;
  }

  private renderForm(board: BoardSnapshot, pain: Note) {
    const needle = this.filter.trim().toLowerCase();
    const groups = board.stages.flatMap((stage) =>
      board.lanes.map((lane) => ({
        stage,
        lane,
        notes: board.notes.filter(
          (n) => n.stageId === stage.id && n.laneId === lane.id && n.id !== pain.id && (!needle || n.text.toLowerCase().includes(needle) || this.chosen.has(n.id)),
        ),
      })),
    );
    const shown = groups.filter((g) => g.notes.length > 0);
    return html`<form @submit=${this.save}>
      <header>
        <h2 id="causes-title">Root causes</h2>
        <p class="pain">Pain point: “${noteLabel(pain)}”. Tick the notes that caused it, in any stage or lane.</p>
        <div class="field" style="margin-top:0.6rem">
          <label for="filter">Find notes</label>
          <input id="filter" class="input" type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        </div>
      </header>
      <div class="list">
        ${shown.length === 0 ? html`<p class="by">No other notes${needle ? ' match' : ' yet'}.</p>` : nothing}
        ${shown.map(
          (g) => html`<fieldset>
            <legend>${g.stage.title} · ${g.lane.title}</legend>
            ${g.notes.map(
              (n) => html`<label class="note">
                <input type="checkbox" .checked=${this.chosen.has(n.id)} @change=${(e: Event) => this.toggle(n.id, (e.target as HTMLInputElement).checked)} />
                <span>${noteLabel(n)} <span class="by">— ${n.authorName}</span></span>
              </label>`,
            )}
          </fieldset>`,
        )}
      </div>
      <footer>
        <div class="field">
          <label for="owner">Owning department</label>
          <input id="owner" class="input" list="departments" maxlength=${LIMITS.departmentChars} .value=${this.owner}
            @input=${(e: Event) => (this.owner = (e.target as HTMLInputElement).value)} />
          <datalist id="departments">${DEPARTMENTS.map((d) => html`<option value=${d}></option>`)}</datalist>
        </div>
        <button type="button" class="btn" @click=${this.close}>Cancel</button>
        <button class="btn primary">Save (${this.chosen.size} cause${this.chosen.size === 1 ? '' : 's'})</button>
      </footer>
    </form>`;
  }
}

customElements.define('jr-causes-dialog', JrCausesDialog);

declare global {
  interface HTMLElementTagNameMap {
    'jr-causes-dialog': JrCausesDialog;
  }
}

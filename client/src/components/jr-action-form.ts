/**
 * <jr-action-form>: turns pain points and opportunities into an action: title, owning department (from the
 * board's departments or typed), owner, due date, status and the source notes it came from.
 */
import { LitElement, css, html } from 'lit';
import { ACTION_LIMITS, ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionStatus } from '../../../shared/board/actions.js';
import { LIMITS } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { ActionItems } from '../session/action-items.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { boardDepartments } from '../ui/action-groups.js';
import { announce } from '../ui/announce.js';

/** The add-an-action form; writes through `items`. */
export class JrActionForm extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    items: { attribute: false },
    sources: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: 0.5rem;
        align-items: end;
      }
      label {
        display: grid;
        gap: 0.15rem;
        font-size: 0.85em;
        font-weight: 600;
      }
      .wide {
        grid-column: 1 / -1;
      }
      fieldset {
        grid-column: 1 / -1;
        border: 1px solid var(--jr-border);
        border-radius: 6px;
        max-height: 11rem;
        overflow-y: auto;
        margin: 0;
        padding: 0.3rem 0.6rem;
      }
      fieldset label {
        display: flex;
        gap: 0.4rem;
        font-weight: 400;
        align-items: baseline;
      }
    `,
  ];

  declare snapshot: BoardSnapshot | undefined;
  declare items: ActionItems | undefined;
  declare sources: Set<string>;

  constructor() {
    super();
    this.snapshot = undefined;
    this.items = undefined;
    this.sources = new Set();
  }

  private readonly submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const id = this.items?.add({
      title: text('title'),
      department: text('department'),
      owner: text('owner'),
      dueDate: text('dueDate'),
      status: text('status') as ActionStatus,
      sources: [...this.sources],
    });
    if (id) {
      form.reset();
      this.sources = new Set();
      announce('Action added.');
    }
  };

  private toggle(noteId: string, on: boolean): void {
    const next = new Set(this.sources);
    if (on) next.add(noteId);
    else next.delete(noteId);
    this.sources = next;
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return html``;
    const lanes = new Map(snapshot.lanes.map((l) => [l.id, l]));
    const stages = new Map(snapshot.stages.map((s) => [s.id, s.title]));
    const candidates = snapshot.notes.filter((n) => {
      const kind = lanes.get(n.laneId)?.kind;
      return kind === 'pains' || kind === 'opportunities';
    });
    return html`<form @submit=${this.submit} aria-label="New action">
      <label class="wide">Action
        <input class="input" name="title" required maxlength=${ACTION_LIMITS.titleChars} placeholder="What will be done, e.g. Show VAT on the pricing page" />
      </label>
      <label>Owning department
        <input class="input" name="department" list="action-departments" maxlength=${LIMITS.departmentChars} />
        <datalist id="action-departments">${boardDepartments(snapshot).map((d) => html`<option value=${d}></option>`)}</datalist>
      </label>
      <label>Owner (optional)
        <input class="input" name="owner" maxlength=${LIMITS.nameChars} />
      </label>
      <label>Due date (optional)
        <input class="input" name="dueDate" type="date" />
      </label>
      <label>Status
        <select class="input" name="status">${ACTION_STATUSES.map((s) => html`<option value=${s}>${ACTION_STATUS_LABELS[s]}</option>`)}</select>
      </label>
      <fieldset>
        <legend>Comes from (pain points and opportunities)</legend>
        ${candidates.length === 0
          ? html`<p class="muted" style="margin:0">No pain points or opportunities on the board yet.</p>`
          : candidates.map(
              (n) => html`<label><input type="checkbox" .checked=${this.sources.has(n.id)} @change=${(e: Event) => this.toggle(n.id, (e.target as HTMLInputElement).checked)} />
                <span>${n.text.trim() || '(empty note)'} <span class="muted">(${lanes.get(n.laneId)?.title}, ${stages.get(n.stageId)})</span></span></label>`,
            )}
      </fieldset>
      <div><button class="btn primary" type="submit">Add action</button></div>
    </form>`;
  }
}

customElements.define('jr-action-form', JrActionForm);

declare global {
  interface HTMLElementTagNameMap {
    'jr-action-form': JrActionForm;
  }
}

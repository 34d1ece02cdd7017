/**
 * <jr-actions-section>: the "Actions" drawer under the map: for everyone with edit rights the add-an-action
 * form and a status menu per action, the actions by department, and the CSV for issue trackers. Read-only
 * while the board is locked.
 */
import { LitElement, css, html } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { ActionItems } from '../session/action-items.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { errorText } from '../controllers/panel-task-controller.js';
import { fetchActionsCsv, saveFile } from '../series/series-api.js';
import { actionGroups } from '../ui/action-groups.js';
import './jr-action-form.js';
import './jr-actions-list.js';

export class JrActionsSection extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    snapshot: { attribute: false },
    items: { attribute: false },
    locked: { type: Boolean },
    error: { state: true },
    expanded: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      /* A drawer under the map: one line when closed, at most 45% of the window when open, so the map keeps its room. */
      :host {
        display: block;
        flex: none;
        max-height: 45vh;
        overflow-y: auto;
        margin: 0 1rem 1rem;
        border: 1px solid var(--jr-border);
        border-radius: 10px;
        background: var(--jr-surface);
      }
      details.drawer > summary {
        position: sticky;
        top: 0;
        z-index: 1;
        display: flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.5rem 1rem;
        background: var(--jr-surface);
        cursor: pointer;
        font-weight: 700;
        font-size: 1.1rem;
      }
      .inner {
        padding: 0 1rem 1rem;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
        justify-content: space-between;
      }
      h2 {
        margin: 0;
        font-size: inherit;
      }
      details summary {
        cursor: pointer;
        font-weight: 600;
        margin-bottom: 0.5rem;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare snapshot: BoardSnapshot | undefined;
  declare items: ActionItems | undefined;
  declare locked: boolean;
  declare error: string | undefined;
  declare expanded: boolean;
  /** the board the action form was last given (see render) */
  private formSnapshot: BoardSnapshot | undefined;

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.snapshot = undefined;
    this.items = undefined;
    this.locked = false;
    this.error = undefined;
    this.expanded = false;
  }

  private async downloadCsv(): Promise<void> {
    this.error = undefined;
    try {
      saveFile(await fetchActionsCsv(this.boardId, this.token));
    } catch (error) {
      this.error = errorText(error);
    }
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return html``;
    const editable = this.items && !this.locked;
    const summary = actionGroups(snapshot);
    // A closed drawer's form keeps the board it last showed: its list of source notes is not rebuilt on every
    // keystroke of a big board. Opening the drawer renders it with the board as it is then.
    if (this.expanded || !this.formSnapshot) this.formSnapshot = snapshot;
    const open = summary.byStatus.open + summary.byStatus.in_progress;
    return html`<details class="drawer" ?open=${this.expanded} @toggle=${(e: Event) => (this.expanded = (e.target as HTMLDetailsElement).open)}>
      <summary><h2 id="actions-title">Actions</h2><span class="muted">${summary.total === 0 ? 'none yet' : `${open} open of ${summary.total}`}</span></summary>
      <section class="inner" aria-labelledby="actions-title">
        ${this.token && summary.total > 0
          ? html`<div class="head"><button class="btn sm" @click=${() => void this.downloadCsv()}>Download for an issue tracker (CSV)</button></div>`
          : html``}
        ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : html``}
        ${editable
          ? html`<details>
              <summary>Turn pain points and opportunities into an action</summary>
              <jr-action-form .snapshot=${this.formSnapshot} .items=${this.items}></jr-action-form>
            </details>`
          : html``}
        <jr-actions-list .actions=${summary} .items=${editable ? this.items : undefined}></jr-actions-list>
      </section>
    </details>`;
  }
}

customElements.define('jr-actions-section', JrActionsSection);

declare global {
  interface HTMLElementTagNameMap {
    'jr-actions-section': JrActionsSection;
  }
}

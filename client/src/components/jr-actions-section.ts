/**
 * <jr-actions-section>: the "Actions" area under the map for everyone with edit rights: the add-an-action form
 * and the actions by department with their status. Read-only while the board is locked.
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
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        padding: 0.5rem 1rem 2rem;
      }
      section {
        max-width: 70rem;
        border: 1px solid var(--jr-border);
        border-radius: 10px;
        padding: 0.6rem 1rem 1rem;
        background: var(--jr-surface);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: center;
        justify-content: space-between;
      }
      h2 {
        margin: 0.2rem 0 0.6rem;
        font-size: 1.2rem;
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

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.snapshot = undefined;
    this.items = undefined;
    this.locked = false;
    this.error = undefined;
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
    return html`<section aria-labelledby="actions-title">
      <div class="head">
        <h2 id="actions-title">Actions</h2>
        ${this.token && (snapshot.actions?.length ?? 0) > 0
          ? html`<button class="btn sm" @click=${() => void this.downloadCsv()}>Download for an issue tracker (CSV)</button>`
          : html``}
      </div>
      ${this.error ? html`<p class="error-box" role="alert">${this.error}</p>` : html``}
      ${editable
        ? html`<details>
            <summary>Turn pain points and opportunities into an action</summary>
            <jr-action-form .snapshot=${snapshot} .items=${this.items}></jr-action-form>
          </details>`
        : html``}
      <jr-actions-list .actions=${actionGroups(snapshot)} .items=${editable ? this.items : undefined}></jr-actions-list>
    </section>`;
  }
}

customElements.define('jr-actions-section', JrActionsSection);

declare global {
  interface HTMLElementTagNameMap {
    'jr-actions-section': JrActionsSection;
  }
}

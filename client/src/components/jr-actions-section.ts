/**
 * <jr-actions-section>: the "Actions" area under the map for everyone with edit rights: the add-an-action form
 * and the actions by department with their status. Read-only while the board is locked.
 */
import { LitElement, css, html } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { ActionItems } from '../session/action-items.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { actionGroups } from '../ui/action-groups.js';
import './jr-action-form.js';
import './jr-actions-list.js';

export class JrActionsSection extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
    items: { attribute: false },
    locked: { type: Boolean },
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

  declare snapshot: BoardSnapshot | undefined;
  declare items: ActionItems | undefined;
  declare locked: boolean;

  constructor() {
    super();
    this.snapshot = undefined;
    this.items = undefined;
    this.locked = false;
  }

  protected override render() {
    const snapshot = this.snapshot;
    if (!snapshot) return html``;
    const editable = this.items && !this.locked;
    return html`<section aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
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

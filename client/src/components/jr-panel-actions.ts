/** <jr-panel-actions>: the facilitator panel's "Actions" section: every action item by owning department. */
import { LitElement, html, nothing } from 'lit';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { ActionItems } from '../session/action-items.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { actionGroups } from '../ui/action-groups.js';
import './jr-actions-list.js';

/** The actions section; status menus when `items` (a board writer) is given. */
export class JrPanelActions extends LitElement {
  static override properties = {
    board: { attribute: false },
    items: { attribute: false },
  };
  static override styles = [sharedStyles, panelSectionStyles];

  declare board: BoardSnapshot | undefined;
  declare items: ActionItems | undefined;

  constructor() {
    super();
    this.board = undefined;
    this.items = undefined;
  }

  protected override render() {
    if (!this.board) return nothing;
    const actions = actionGroups(this.board);
    const open = actions.byStatus.open + actions.byStatus.in_progress;
    return html`<details>
      <summary>Actions ${actions.total > 0 ? html`<span class="badge">${open} open of ${actions.total}</span>` : nothing}</summary>
      <div class="body"><jr-actions-list .actions=${actions} .items=${this.items}></jr-actions-list></div>
    </details>`;
  }
}

customElements.define('jr-panel-actions', JrPanelActions);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-actions': JrPanelActions;
  }
}

/**
 * <jr-actions-list>: the board's action items by owning department, each with its status, owner, due date
 * and source notes. Read-only (facilitator panel, projector) unless `items` is given: then each action gets
 * a status menu and a delete button.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionStatus } from '../../../shared/board/actions.js';
import type { SummaryAction, SummaryActions } from '../../../shared/board/summary-actions.js';
import type { ActionItems } from '../session/action-items.js';
import { sharedStyles } from '../styles/shared-styles.js';

/** Lists actions grouped by department. */
export class JrActionsList extends LitElement {
  static override properties = {
    actions: { attribute: false },
    items: { attribute: false },
    large: { type: Boolean, reflect: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0.6rem 0 0.3rem;
        font-size: 1em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      li {
        border: 1px solid var(--jr-border);
        border-left: 4px solid var(--jr-accent);
        border-radius: 6px;
        padding: 0.4rem 0.6rem;
        background: var(--jr-surface);
      }
      li.done {
        border-left-color: #2e7d4f;
      }
      li.dropped {
        border-left-color: #9aa3ad;
        opacity: 0.75;
      }
      li.in_progress {
        border-left-color: #b7791f;
      }
      .title {
        font-weight: 700;
      }
      li.dropped .title {
        text-decoration: line-through;
      }
      .meta,
      .src {
        color: var(--jr-muted);
        font-size: 0.85em;
      }
      .src {
        margin: 0.15rem 0 0;
        padding-left: 1rem;
      }
      .tools {
        display: flex;
        gap: 0.4rem;
        align-items: center;
        margin-top: 0.3rem;
      }
      .status {
        font-weight: 600;
      }
      :host([large]) {
        font-size: 1.35rem;
      }
      :host([large]) ul {
        grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
      }
    `,
  ];

  declare actions: SummaryActions | undefined;
  declare items: ActionItems | undefined;
  declare large: boolean;

  constructor() {
    super();
    this.actions = undefined;
    this.items = undefined;
    this.large = false;
  }

  private renderAction(a: SummaryAction) {
    const items = this.items;
    const details = [a.owner.trim() ? `Owner ${a.owner.trim()}` : '', a.dueDate ? `due ${a.dueDate}` : '', a.carriedFrom ? 'carried over' : '']
      .filter(Boolean)
      .join(' · ');
    return html`<li class=${a.status} data-action-id=${a.id}>
      <div class="title">${a.title}</div>
      <div class="meta"><span class="status">${ACTION_STATUS_LABELS[a.status]}</span>${details ? html` · ${details}` : nothing}</div>
      ${a.sources.length > 0 || a.missingSources > 0
        ? html`<ul class="src" aria-label="Source notes">
            ${a.sources.map((s) => html`<li style="border:0;padding:0;background:none">“${s.text.trim() || '(empty note)'}” (${s.laneTitle}, ${s.stageTitle})</li>`)}
          </ul>`
        : nothing}
      ${items
        ? html`<div class="tools">
            <label class="visually-hidden" for=${`st-${a.id}`}>Status of ${a.title}</label>
            <select id=${`st-${a.id}`} class="input" .value=${a.status} @change=${(e: Event) => items.update(a.id, { status: (e.target as HTMLSelectElement).value as ActionStatus })}>
              ${ACTION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === a.status}>${ACTION_STATUS_LABELS[s]}</option>`)}
            </select>
            <button class="btn sm" aria-label=${`Delete action ${a.title}`} @click=${() => items.remove(a.id)}>Delete</button>
          </div>`
        : nothing}
    </li>`;
  }

  protected override render() {
    const actions = this.actions;
    if (!actions || actions.total === 0) return html`<p class="muted" style="margin:0">No actions yet.</p>`;
    return html`${actions.groups.map(
      (group) => html`<section aria-label=${`Actions of ${group.department}`}>
        <h3>${group.department} <span class="muted">(${group.actions.length})</span></h3>
        <ul>${group.actions.map((a) => this.renderAction(a))}</ul>
      </section>`,
    )}`;
  }
}

customElements.define('jr-actions-list', JrActionsList);

declare global {
  interface HTMLElementTagNameMap {
    'jr-actions-list': JrActionsList;
  }
}

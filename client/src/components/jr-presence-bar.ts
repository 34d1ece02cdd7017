/** <jr-presence-bar>: who is on the board right now (name, role, department), from server-stamped awareness. */
import { LitElement, css, html } from 'lit';
import type { PresentPerson } from '../controllers/presence-controller.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { icon } from '../ui/icons.js';
import { noteColor } from '../ui/note-colors.js';

function roleText(person: PresentPerson): string {
  if (person.role === 'projector') return 'Projector';
  if (person.role === 'customer') return person.department ? `Customer · ${person.department}` : 'Customer';
  if (person.role === 'facilitator') return person.department ? `Facilitator · ${person.department}` : 'Facilitator';
  return person.department || 'Stakeholder';
}

export class JrPresenceBar extends LitElement {
  static override properties = { people: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        flex-wrap: wrap;
      }
      h2 {
        margin: 0;
        font-size: 0.8em;
        font-weight: 600;
        color: var(--jr-muted);
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.15rem 0.55rem 0.15rem 0.2rem;
        border-radius: 999px;
        background: var(--jr-surface);
        border: 1px solid var(--jr-border);
        font-size: 0.85em;
        white-space: nowrap;
      }
      .dot {
        display: grid;
        place-items: center;
        width: 1.5rem;
        height: 1.5rem;
        border-radius: 50%;
        background: var(--bg);
        border: 2px solid var(--accent);
        font-size: 0.75em;
        font-weight: 800;
      }
      .name {
        font-weight: 700;
      }
      .role {
        color: var(--jr-muted);
      }
    `,
  ];

  declare people: PresentPerson[];

  constructor() {
    super();
    this.people = [];
  }

  protected override render() {
    const count = this.people.length;
    return html`<div class="bar">
      <h2 id="presence-title">On the board (${count})</h2>
      <ul aria-labelledby="presence-title">
        ${this.people.map((person) => {
          const color =
            person.role === 'projector'
              ? { background: '#eceef1', accent: '#3f4653' }
              : noteColor(person.role, person.department);
          return html`<li style="--bg:${color.background};--accent:${color.accent}" data-member=${person.memberId}>
            <span class="dot" aria-hidden="true">${person.role === 'projector' ? icon('projector') : person.name.slice(0, 1).toUpperCase()}</span>
            <span class="name">${person.role === 'projector' ? 'Projector' : person.name}${person.self ? ' (you)' : ''}</span>
            ${person.role === 'projector' ? '' : html`<span class="role">${roleText(person)}</span>`}
          </li>`;
        })}
      </ul>
    </div>`;
  }
}

customElements.define('jr-presence-bar', JrPresenceBar);

declare global {
  interface HTMLElementTagNameMap {
    'jr-presence-bar': JrPresenceBar;
  }
}

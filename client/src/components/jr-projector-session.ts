/**
 * <jr-projector-session>: the projector's side column, legible from the back of the room: the current phase,
 * the timer in very large type, how many people are here by role, and how to join (QR code, short link and
 * the formatted join code).
 */
import { LitElement, css, html, nothing } from 'lit';
import { formatJoinCode } from '../../../shared/api.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import type { PresentPerson } from '../controllers/presence-controller.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import type { ServerClock } from '../facilitation/server-clock.js';
import type { RankedNote } from '../facilitation/vote-ranking.js';
import './jr-qr-code.js';
import './jr-session-timer.js';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class JrProjectorSession extends LitElement {
  static override properties = {
    session: { attribute: false },
    clock: { attribute: false },
    people: { attribute: false },
    joinCode: { attribute: false },
    joinUrl: { attribute: false },
    ranking: { attribute: false },
    privateNotes: { attribute: false },
  };
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 1.1rem;
      color: #000;
      font-family: var(--jr-font);
    }
    section {
      display: grid;
      gap: 0.3rem;
    }
    .label {
      font-size: 0.95rem;
      font-weight: 800;
      text-transform: uppercase;
      letter-spacing: 0.08em;
      color: #2b2f36;
    }
    .phase {
      font-size: 2.1rem;
      font-weight: 800;
      line-height: 1.1;
    }
    .next {
      font-size: 1.05rem;
      color: #2b2f36;
    }
    jr-session-timer {
      justify-self: start;
    }
    .banner {
      padding: 0.5rem 0.8rem;
      border-radius: 10px;
      font-size: 1.25rem;
      font-weight: 800;
    }
    .banner.locked {
      background: #ffe08a;
      border: 3px solid #8a6100;
    }
    .banner.private {
      background: #e6dcfa;
      border: 3px solid #4b2a8c;
    }
    .banner.vote {
      background: #d7e6ff;
      border: 3px solid #10326e;
    }
    .join {
      display: grid;
      justify-items: center;
      gap: 0.4rem;
      padding: 0.9rem;
      border: 3px solid #000;
      border-radius: 14px;
      background: #fff;
      text-align: center;
    }
    .join jr-qr-code {
      width: min(15rem, 100%);
    }
    .url {
      font-size: 1.25rem;
      font-weight: 700;
      word-break: break-all;
    }
    .code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.7rem;
      font-weight: 800;
      letter-spacing: 0.05em;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.15rem;
      font-size: 1.35rem;
    }
    ol.results {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.35rem;
      font-size: 1.15rem;
      line-height: 1.25;
    }
    ol.results li {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.5rem;
      align-items: baseline;
    }
    ol.results .dots {
      padding: 0.05rem 0.5rem;
      border-radius: 999px;
      background: #10326e;
      color: #fff;
      font-weight: 800;
    }
    li strong {
      display: inline-block;
      min-width: 2ch;
      text-align: right;
      margin-right: 0.4rem;
      font-size: 1.6rem;
    }
  `;

  declare session: SessionSnapshot | undefined;
  declare clock: ServerClock | undefined;
  declare people: PresentPerson[];
  declare joinCode: string | undefined;
  /** the short join link the server built on the room address (never this page's own address) */
  declare joinUrl: string | undefined;
  /** results of the last closed vote (top of the ranking shown) */
  declare ranking: RankedNote[];
  /** private notes being written during a silent brainstorm (counts from presence) */
  declare privateNotes: number;

  constructor() {
    super();
    this.session = undefined;
    this.clock = undefined;
    this.people = [];
    this.joinCode = undefined;
    this.joinUrl = undefined;
    this.ranking = [];
    this.privateNotes = 0;
  }

  protected override render() {
    const session = this.session;
    const index = session ? session.agenda.findIndex((p) => p.id === session.phaseId) : -1;
    const phase = session?.agenda[index];
    const next = session?.agenda[index + 1];
    const count = (role: string) => this.people.filter((p) => p.role === role).length;
    const customers = count('customer');
    const stakeholders = count('stakeholder');
    const facilitators = count('facilitator');
    const joinUrl = this.joinUrl;
    return html`${phase
        ? html`<section aria-label="Current phase" data-phase=${phase.title}>
            <span class="label">Phase ${index + 1} of ${session?.agenda.length}</span>
            <span class="phase">${phase.title}</span>
            ${next ? html`<span class="next">Next: ${next.title}</span>` : nothing}
          </section>`
        : nothing}
      ${session && session.timer.status !== 'idle' ? html`<jr-session-timer big .timer=${session.timer} .clock=${this.clock}></jr-session-timer>` : nothing}
      ${session?.locked ? html`<div class="banner locked" role="status">Board locked</div>` : nothing}
      ${session?.privateMode.on ? html`<div class="banner private" role="status">
            Silent brainstorm: write on your own${this.privateNotes > 0 ? html`<br /><span data-private-notes=${this.privateNotes}>${this.privateNotes} private note${this.privateNotes === 1 ? '' : 's'} so far</span>` : nothing}
          </div>` : nothing}
      ${session?.vote.status === 'open' ? html`<div class="banner vote" role="status">Dot vote: ${session.vote.dotsPerPerson} dots each</div>` : nothing}
      ${this.ranking.length
        ? html`<section aria-label="Vote results">
            <span class="label">Vote results</span>
            <ol class="results">
              ${this.ranking.slice(0, 5).map((r) => html`<li><span class="dots">${r.dots}</span><span>${noteLabel(r.note)}</span></li>`)}
            </ol>
          </section>`
        : nothing}
      ${this.joinCode && joinUrl
        ? html`<section class="join" aria-label="How to join">
            <span class="label">Join the board</span>
            <jr-qr-code .value=${joinUrl} label="QR code to join the board"></jr-qr-code>
            <span class="url" data-join-url=${joinUrl}>${joinUrl.replace(/^https?:\/\//, '').replace(/\/[^/]*$/, '')}</span>
            <span class="code" data-join-code=${this.joinCode}>${formatJoinCode(this.joinCode)}</span>
          </section>`
        : nothing}
      <section aria-label="People here">
        <span class="label">Here now</span>
        <ul data-people=${customers + stakeholders + facilitators}>
          <li><strong>${customers}</strong>${plural(customers, 'customer', 'customers').replace(/^\d+ /, '')}</li>
          <li><strong>${stakeholders}</strong>${plural(stakeholders, 'stakeholder', 'stakeholders').replace(/^\d+ /, '')}</li>
          <li><strong>${facilitators}</strong>${plural(facilitators, 'facilitator', 'facilitators').replace(/^\d+ /, '')}</li>
        </ul>
      </section>`;
  }
}

customElements.define('jr-projector-session', JrProjectorSession);

declare global {
  interface HTMLElementTagNameMap {
    'jr-projector-session': JrProjectorSession;
  }
}

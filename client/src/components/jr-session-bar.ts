/**
 * <jr-session-bar>: the workshop session as every member sees it, under the board header: the current phase,
 * the timer (with a sound toggle), "follow the facilitator", and notices for a locked board, a silent
 * brainstorm, an open vote (dots left) and the results of the last vote.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import type { ServerClock } from '../facilitation/server-clock.js';
import type { RankedNote } from '../facilitation/vote-ranking.js';
import { noteLabel } from '../facilitation/board-facilitation.js';
import { draftSentence, type DraftCount } from '../facilitation/presence-drafts.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-session-timer.js';

export class JrSessionBar extends LitElement {
  static override properties = {
    session: { attribute: false },
    clock: { attribute: false },
    // Not `role`: that attribute is ARIA's, and `role="participant"` is an invalid ARIA role (axe critical).
    viewerRole: { attribute: 'viewer-role' },
    following: { type: Boolean },
    muted: { type: Boolean },
    drafts: { type: Number },
    dotsLeft: { attribute: false },
    voteLaneTitles: { attribute: false },
    ranking: { attribute: false },
    writers: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem 1rem;
        padding: 0.35rem 1rem;
        background: var(--jr-surface-2);
        border-bottom: 1px solid var(--jr-border);
      }
      .phase {
        display: flex;
        align-items: baseline;
        gap: 0.5rem;
        min-width: 0;
      }
      .phase .step {
        font-size: 0.78em;
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--jr-muted);
        white-space: nowrap;
      }
      .phase strong {
        font-size: 1.1rem;
      }
      .spacer {
        flex: 1;
      }
      .toggle[aria-pressed='true'] {
        background: var(--jr-accent-soft);
        border-color: var(--jr-accent);
      }
      .notice {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem 0.8rem;
        padding: 0.5rem 1rem;
        border-bottom: 1px solid var(--jr-border);
        font-weight: 600;
      }
      .notice.locked {
        background: #fff3cd;
        color: #5c4300;
        border-bottom-color: #c99a00;
      }
      .notice.private {
        background: #efe9fb;
        color: #3d2470;
      }
      .writers {
        font-weight: 400;
      }
      .notice.vote {
        background: #e8f1ff;
        color: #10326e;
      }
      .notice.results {
        background: #edf7ef;
        color: #1d4d28;
        font-weight: 400;
      }
      .dots {
        display: inline-flex;
        gap: 0.2rem;
        vertical-align: middle;
      }
      .dots span {
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 50%;
        border: 2px solid #1d4fd7;
      }
      .dots span.on {
        background: #1d4fd7;
      }
      details summary {
        cursor: pointer;
        font-weight: 700;
      }
      ol {
        margin: 0.4rem 0 0;
        padding-left: 1.6rem;
      }
      .short {
        display: none;
      }
      /* A phone: phase, timer and the two toggles share one or two compact rows. */
      @media (max-width: 600px) {
        .bar {
          gap: 0.3rem 0.5rem;
          padding: 0.3rem 0.6rem;
        }
        .phase .step {
          font-size: 0.7em;
        }
        .phase strong {
          font-size: 1rem;
        }
        .spacer {
          display: none;
        }
        .toggle {
          padding-inline: 0.6rem;
        }
        .long {
          display: none;
        }
        .short {
          display: inline;
        }
        .notice {
          padding: 0.4rem 0.6rem;
          font-size: 0.92em;
        }
      }
      li .where {
        color: var(--jr-muted);
        font-size: 0.88em;
      }
    `,
  ];

  declare session: SessionSnapshot | undefined;
  declare clock: ServerClock | undefined;
  /** facilitator or participant */
  declare viewerRole: string;
  declare following: boolean;
  declare muted: boolean;
  /** this person's private drafts */
  declare drafts: number;
  /** dots this person has left, when they may vote */
  declare dotsLeft: number | undefined;
  declare voteLaneTitles: string[];
  declare ranking: RankedNote[];
  /** other people's draft counts during a silent brainstorm (counts only, never the notes) */
  declare writers: DraftCount[];

  constructor() {
    super();
    this.session = undefined;
    this.clock = undefined;
    this.viewerRole = 'participant';
    this.following = true;
    this.muted = false;
    this.drafts = 0;
    this.dotsLeft = undefined;
    this.voteLaneTitles = [];
    this.ranking = [];
    this.writers = [];
  }

  private emit(type: string, detail: boolean): void {
    this.dispatchEvent(new CustomEvent<boolean>(type, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const session = this.session;
    if (!session) return nothing;
    const facilitator = this.viewerRole === 'facilitator';
    const index = session.agenda.findIndex((p) => p.id === session.phaseId);
    const phase = session.agenda[index];
    const vote = session.vote;
    return html`<div class="bar" role="group" aria-label="Workshop session">
        ${phase
          ? html`<div class="phase" data-phase=${phase.title}>
              <span class="step">Phase ${index + 1} of ${session.agenda.length}</span>
              <strong>${phase.title}</strong>
            </div>`
          : html`<div class="phase"><span class="step">No phase set</span></div>`}
        <jr-session-timer .timer=${session.timer} .clock=${this.clock}></jr-session-timer>
        ${session.timer.status !== 'idle'
          ? html`<button class="btn toggle" aria-label="Timer sound" aria-pressed=${this.muted ? 'false' : 'true'} @click=${() => this.emit('jr-mute-change', !this.muted)}>
              <span class="long">${this.muted ? 'Timer sound off' : 'Timer sound on'}</span><span class="short" aria-hidden="true">${this.muted ? 'Sound off' : 'Sound on'}</span>
            </button>`
          : nothing}
        <span class="spacer"></span>
        ${facilitator
          ? nothing
          : html`<button
              class="btn toggle"
              aria-label="Follow the facilitator"
              aria-pressed=${this.following ? 'true' : 'false'}
              title="When on, your screen jumps to where the facilitator brings everyone"
              @click=${() => this.emit('jr-follow-change', !this.following)}
            >
              <span class="long">${this.following ? 'Following the facilitator' : 'Not following the facilitator'}</span><span class="short" aria-hidden="true">${this.following ? 'Following' : 'Not following'}</span>
            </button>`}
      </div>
      ${session.locked
        ? html`<div class="notice locked" role="status">
            ${facilitator ? 'The board is locked for participants. You can still edit it.' : 'The facilitator has locked the board. You can look, but not change it.'}
          </div>`
        : nothing}
      ${session.privateMode.on
        ? html`<div class="notice private" role="status">
            ${facilitator
              ? 'Silent brainstorm: participants’ new notes stay private until you reveal them.'
              : html`Silent brainstorm: the notes you add now are private until the facilitator reveals them.
                  <span>You have ${this.drafts} private note${this.drafts === 1 ? '' : 's'}.</span>
                  ${this.writers.some((w) => w.count > 0)
                    ? html`<span class="writers">${this.writers.filter((w) => w.count > 0).map(draftSentence).join(' · ')}</span>`
                    : nothing}`}
          </div>`
        : nothing}
      ${vote.status === 'open'
        ? html`<div class="notice vote" role="status">
            <span>Dot vote open on ${this.voteLaneTitles.join(', ') || 'the chosen lanes'}.</span>
            ${this.dotsLeft !== undefined && !facilitator
              ? html`<span data-dots-left=${this.dotsLeft}>
                  <span class="dots" aria-hidden="true">${Array.from({ length: vote.dotsPerPerson }, (_, i) => html`<span class=${i < this.dotsLeft! ? 'on' : ''}></span>`)}</span>
                  ${this.dotsLeft} of ${vote.dotsPerPerson} dots left
                </span>`
              : nothing}
            ${vote.hideCounts ? html`<span>Counts are hidden until the vote closes.</span>` : nothing}
          </div>`
        : nothing}
      ${vote.status === 'closed' && vote.closedAt !== null && this.ranking.length > 0 ? this.renderResults() : nothing}`;
  }

  private renderResults() {
    return html`<div class="notice results">
      <details>
        <summary>Vote results (${this.ranking.length} note${this.ranking.length === 1 ? '' : 's'} with dots)</summary>
        <ol aria-label="Vote results, most dots first">
          ${this.ranking.slice(0, 10).map(
            (r) => html`<li value=${r.rank}>
              <strong>${r.dots} dot${r.dots === 1 ? '' : 's'}</strong> — ${noteLabel(r.note)}
              <span class="where">(${r.stageTitle}, ${r.laneTitle})</span>
            </li>`,
          )}
        </ol>
      </details>
    </div>`;
  }
}

customElements.define('jr-session-bar', JrSessionBar);

declare global {
  interface HTMLElementTagNameMap {
    'jr-session-bar': JrSessionBar;
  }
}

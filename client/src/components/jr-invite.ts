/**
 * <jr-invite>: how to bring someone onto the board, for anyone on it: the short join link with its QR code
 * and join code (people pass it on or show their screen), and for the facilitator the participant and
 * projector links. Every link is the one the server built on the room address.
 */
import { LitElement, css, html, nothing } from 'lit';
import { formatJoinCode, type BoardLinks } from '../../../shared/api.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-copy-link.js';
import './jr-qr-code.js';

export class JrInvite extends LitElement {
  static override properties = {
    joinUrl: { attribute: false },
    joinCode: { attribute: false },
    links: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 0.8rem;
      }
      .short {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.8rem 1rem;
        align-items: center;
      }
      jr-qr-code {
        width: 9rem;
      }
      .code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1.4rem;
        font-weight: 800;
        letter-spacing: 0.04em;
      }
      .muted {
        color: var(--jr-muted);
      }
      p {
        margin: 0;
      }
    `,
  ];

  /** the short join link (`/j/<code>` on the room address) */
  declare joinUrl: string | undefined;
  declare joinCode: string | undefined;
  /** the facilitator's stored board links (participant and projector are shown); undefined for others */
  declare links: BoardLinks | undefined;

  constructor() {
    super();
    this.joinUrl = undefined;
    this.joinCode = undefined;
    this.links = undefined;
  }

  protected override render() {
    const { joinUrl, joinCode, links } = this;
    return html`${joinUrl && joinCode
        ? html`<div class="short">
              <jr-qr-code .value=${joinUrl} label="QR code of the join link"></jr-qr-code>
              <div>
                <p class="muted">Scan the code, or open</p>
                <p><strong data-invite-host>${joinUrl.replace(/^https?:\/\//, '').replace(/\/[^/]*$/, '')}</strong> and type</p>
                <p class="code" data-invite-code=${joinCode}>${formatJoinCode(joinCode)}</p>
              </div>
            </div>
            <jr-copy-link kind="join" label="Join link" hint="Send it to someone who should join: they choose a name and say who they are." .url=${joinUrl}></jr-copy-link>`
        : html`<p class="muted">The join link is not available right now.</p>`}
      ${links
        ? html`<jr-copy-link kind="participant" label="Participant link" hint="The long link for customers and stakeholders (same as the join link)." .url=${links.participant}></jr-copy-link>
            <jr-copy-link kind="projector" label="Projector link" hint="Open on the big screen (read-only)." .url=${links.projector}></jr-copy-link>`
        : nothing}`;
  }
}

customElements.define('jr-invite', JrInvite);

declare global {
  interface HTMLElementTagNameMap {
    'jr-invite': JrInvite;
  }
}

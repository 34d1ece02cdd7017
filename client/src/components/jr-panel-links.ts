/**
 * <jr-panel-links>: the facilitator panel's invite section: join code, QR code, join and projector links,
 * issuing new ones, and a warning when other devices cannot open them. The links come from the server, which
 * builds them on the room address (PUBLIC_URL, or the LAN address when this page was opened as localhost).
 */
import { LitElement, css, html, nothing } from 'lit';
import { formatJoinCode } from '../../../shared/api.js';
import { PanelTaskController } from '../controllers/panel-task-controller.js';
import { rotateLink } from '../facilitation/facilitation-api.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { askConfirm } from './jr-confirm-dialog.js';
import './jr-copy-link.js';
import './jr-qr-code.js';

/** The invite section of the facilitator panel; fires `jr-links-changed` when it issues a new link. */
export class JrPanelLinks extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    joinCode: { attribute: false },
    joinUrl: { attribute: false },
    roomProblem: { attribute: false },
    projectorLink: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      .share {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.8rem;
        align-items: center;
      }
      .share jr-qr-code {
        width: 8.5rem;
      }
      .code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1.35rem;
        font-weight: 800;
        letter-spacing: 0.04em;
      }
      .unreachable {
        margin: 0;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare joinCode: string | undefined;
  /** the short join link, as the server built it */
  declare joinUrl: string | undefined;
  /** why other devices cannot open the links (from the server), shown as a warning */
  declare roomProblem: string | undefined;
  declare projectorLink: string | undefined;
  private readonly task = new PanelTaskController(this);

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.joinCode = undefined;
    this.joinUrl = undefined;
    this.roomProblem = undefined;
    this.projectorLink = undefined;
  }

  protected override render() {
    const code = this.joinCode;
    const joinUrl = this.joinUrl;
    // open by default when the links will not work: the facilitator must see that before inviting anyone
    return html`<details ?open=${Boolean(this.roomProblem)}>
      <summary>Invite people${this.roomProblem ? html` <span class="badge warn">check</span>` : nothing}</summary>
      <div class="body">
        ${this.roomProblem
          ? html`<p class="error-box unreachable" role="alert" data-room-problem><strong>Other devices cannot open these links.</strong> ${this.roomProblem}</p>`
          : nothing}
        ${joinUrl && code
          ? html`<div class="share">
                <jr-qr-code .value=${joinUrl} label="QR code of the join link"></jr-qr-code>
                <div>
                  <div class="muted">Join code</div>
                  <div class="code" data-join-code=${code}>${formatJoinCode(code)}</div>
                  <div class="muted">at ${joinUrl.replace(/^https?:\/\//, '').replace(/\/[^/]*$/, '')}</div>
                </div>
              </div>
              <jr-copy-link kind="join" label="Join link" hint="For customers and stakeholders: open it or scan the QR code." .url=${joinUrl}></jr-copy-link>
              <div class="row"><button class="btn sm" ?disabled=${this.task.busy === 'join'} @click=${this.newJoinCode}>New join code…</button></div>`
          : html`<p class="muted" style="margin:0">The join code is not available.</p>`}
        ${this.projectorLink
          ? html`<jr-copy-link kind="projector" label="Projector link" hint="Open it on the big screen (read-only)." .url=${this.projectorLink}></jr-copy-link>`
          : html`<p class="muted" style="margin:0">This browser does not know the projector link.</p>`}
        <div class="row">
          <button class="btn sm" ?disabled=${this.task.busy === 'projector'} @click=${this.newProjectorLink}>
            ${this.projectorLink ? 'Issue a new projector link…' : 'Issue a new projector link'}
          </button>
        </div>
        ${this.task.renderNotice()}
      </div>
    </details>`;
  }

  private emitLinks(detail: { joinCode?: string; joinUrl?: string; projectorLink?: string }): void {
    this.dispatchEvent(new CustomEvent('jr-links-changed', { detail, bubbles: true, composed: true }));
  }

  private readonly newJoinCode = async (): Promise<void> => {
    const ok = await askConfirm(this, {
      title: 'New join code?',
      message: 'The current join code and its QR code stop working for people who have not joined yet. People already on the board stay.',
      confirmLabel: 'Issue a new code',
    });
    if (!ok) return;
    await this.task.run('join', async () => {
      const result = await rotateLink(this.boardId, this.token, 'join');
      if (result.joinCode) {
        this.joinCode = result.joinCode;
        this.joinUrl = result.link;
        this.emitLinks({ joinCode: result.joinCode, joinUrl: result.link });
      }
      this.task.say('New join code issued.');
    });
  };

  private readonly newProjectorLink = async (): Promise<void> => {
    if (this.projectorLink) {
      const ok = await askConfirm(this, {
        title: 'New projector link?',
        message: 'The current projector link stops working; open the new one on the projector.',
        confirmLabel: 'Issue a new link',
      });
      if (!ok) return;
    }
    await this.task.run('projector', async () => {
      const result = await rotateLink(this.boardId, this.token, 'projector');
      this.projectorLink = result.link;
      this.emitLinks({ projectorLink: result.link });
      this.task.say('New projector link issued. The old one no longer works.');
    });
  };
}

customElements.define('jr-panel-links', JrPanelLinks);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-links': JrPanelLinks;
  }
}

/**
 * <jr-board-view>: the board route. Reads the capability token (fragment, else this tab's memory), asks
 * the server what it may do, then shows the projector view, or the join form and then the workspace.
 * A remembered membership rejoins silently; one the server no longer accepts leads back to the form.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { BoardInfoResponse, JoinRequest, JoinResponse } from '../../../shared/api.js';
import { CLOSE } from '../../../shared/protocol.js';
import '../components/jr-join-form.js';
import { ApiError, getBoardInfo, joinBoard } from '../session/api-client.js';
import { BoardSession } from '../session/board-session.js';
import { FacilitationSession } from '../facilitation/facilitation-session.js';
import { forgetMember, forgetToken, loadMember, resolveToken, saveMember } from '../session/credentials.js';
import { cardStyles, centeredPageStyles } from '../styles/page-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-projector-view.js';
import './jr-workspace-view.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; title: string; message: string; retry: boolean }
  | { kind: 'join'; info: BoardInfoResponse; token: string; busy: boolean; error: string }
  | { kind: 'board'; info: BoardInfoResponse; session: BoardSession; facilitation: FacilitationSession; member: JoinResponse | undefined };

export class JrBoardView extends LitElement {
  static override properties = {
    boardId: { attribute: 'board-id' },
    phase: { state: true },
  };
  static override styles = [
    sharedStyles,
    cardStyles,
    centeredPageStyles,
    css`
      .brand {
        margin-bottom: 0.4rem;
      }
      h1 {
        margin: 0 0 0.3rem;
        font-size: 1.7rem;
        line-height: 1.2;
      }
      .lead {
        margin: 0 0 1.4rem;
        color: var(--jr-muted);
      }
      .loading {
        color: var(--jr-muted);
      }
      main.projector {
        display: block;
      }
    `,
  ];

  declare boardId: string;
  declare phase: Phase;
  private memberRole = '';

  constructor() {
    super();
    this.boardId = '';
    this.phase = { kind: 'loading' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.phase.kind === 'board') this.closeBoard(this.phase);
  }

  private closeBoard(phase: { session: BoardSession; facilitation: FacilitationSession }): void {
    phase.session.dispose();
    phase.facilitation.dispose();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('boardId') && this.boardId) void this.load();
  }

  private async load(): Promise<void> {
    if (this.phase.kind === 'board') this.closeBoard(this.phase);
    this.phase = { kind: 'loading' };
    const token = resolveToken(this.boardId, location.hash);
    if (!token) {
      this.phase = {
        kind: 'failed',
        title: 'This link is incomplete',
        message: 'The link has no access key (the part after “#token=”). Open the full link you were given.',
        retry: false,
      };
      return;
    }
    let info: BoardInfoResponse;
    try {
      info = await getBoardInfo(this.boardId, token);
    } catch (error) {
      this.phase = this.failure(error);
      return;
    }
    document.title = `${info.title} · Journeyroom`;
    if (info.role === 'projector') {
      this.phase = { kind: 'board', info, member: undefined, ...this.open(token, undefined) };
      return;
    }
    this.memberRole = info.role;
    const member = loadMember(this.boardId, info.role);
    if (member) this.phase = { kind: 'board', info, member, ...this.open(token, member) };
    else this.phase = { kind: 'join', info, token, busy: false, error: '' };
  }

  private failure(error: unknown): Phase {
    if (error instanceof ApiError) {
      if (error.status === 401 || error.status === 403) {
        // A refused (e.g. replaced) link must not be remembered for the next visit of this board.
        if (error.status === 401) forgetToken(this.boardId);
        return { kind: 'failed', title: 'This link is not valid', message: 'The access key was not accepted. Ask the facilitator for a new link.', retry: false };
      }
      if (error.status === 404) {
        return { kind: 'failed', title: 'Board not found', message: 'This board does not exist. Check the link.', retry: false };
      }
      return { kind: 'failed', title: 'Cannot open the board', message: error.message, retry: true };
    }
    return { kind: 'failed', title: 'Cannot open the board', message: String(error), retry: true };
  }

  private open(token: string, member: JoinResponse | undefined): { session: BoardSession; facilitation: FacilitationSession } {
    const session = new BoardSession({ boardId: this.boardId, token, memberKey: member?.memberKey });
    const facilitation = new FacilitationSession({
      boardId: this.boardId,
      token,
      member: member ? { memberId: member.memberId, memberKey: member.memberKey } : undefined,
    });
    // A membership the server no longer knows (e.g. a restored backup), or one made with a link the facilitator
    // replaced (4410): forget it and ask again; with a replaced link, loading then says the link is not valid.
    const unsubscribe = session.status.subscribe((view) => {
      if (view.state !== 'refused' || (view.code !== CLOSE.unauthorized && view.code !== CLOSE.revoked) || !member) return;
      unsubscribe();
      forgetMember(this.boardId, this.memberRole);
      void this.load();
    });
    return { session, facilitation };
  }

  private readonly onJoin = async (event: CustomEvent<JoinRequest>): Promise<void> => {
    const phase = this.phase;
    if (phase.kind !== 'join') return;
    this.phase = { ...phase, busy: true, error: '' };
    try {
      const member = await joinBoard(this.boardId, phase.token, event.detail);
      saveMember(this.boardId, phase.info.role, member);
      this.phase = { kind: 'board', info: phase.info, member, ...this.open(phase.token, member) };
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      this.phase = { ...phase, busy: false, error: `Could not join: ${message}` };
    }
  };

  protected override render() {
    const phase = this.phase;
    switch (phase.kind) {
      case 'loading':
        return html`<main class="center"><p class="loading" role="status">Opening the board…</p></main>`;
      case 'failed':
        return html`<main class="center"><div class="card" role="alert">
          <div class="brand">Journeyroom</div>
          <h1>${phase.title}</h1>
          <p class="lead">${phase.message}</p>
          ${phase.retry ? html`<button class="btn primary" @click=${() => void this.load()}>Try again</button>` : html`<a class="btn" href="/">Go to the start page</a>`}
        </div></main>`;
      case 'join': {
        const facilitator = phase.info.role === 'facilitator';
        return html`<main class="center"><div class="card">
          <div class="brand">Journeyroom</div>
          <h1>${phase.info.title}</h1>
          <p class="lead">${facilitator ? 'You are the facilitator of this board. What should people see as your name?' : 'Join the journey-mapping board. No account needed.'}</p>
          <jr-join-form ?facilitator=${facilitator} ?busy=${phase.busy} .error=${phase.error} board-title=${phase.info.title} @jr-join=${this.onJoin}></jr-join-form>
        </div></main>`;
      }
      case 'board':
        return phase.info.role === 'projector'
          ? // The projector's main landmark (axe: one main per page); the workspace has its own.
            html`<main class="projector"><jr-projector-view .session=${phase.session} .facilitation=${phase.facilitation} .info=${phase.info}></jr-projector-view></main>`
          : html`<jr-workspace-view .session=${phase.session} .facilitation=${phase.facilitation} .info=${phase.info} .member=${phase.member}></jr-workspace-view>`;
    }
  }
}

customElements.define('jr-board-view', JrBoardView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-board-view': JrBoardView;
  }
}

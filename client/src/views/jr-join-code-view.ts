/**
 * <jr-join-code-view>: the short join link `/j/<code>` (what the projector's QR code opens). Asks the server
 * which board the code opens, then goes to that board with the code as its participant token, where the
 * join form asks for a name. The code stays out of the history entry of /j/ (replace, not push).
 */
import { LitElement, css, html } from 'lit';
import { boardLinkPath, formatJoinCode, isJoinCode, normalizeJoinCode } from '../../../shared/api.js';
import { resolveJoinCode } from '../facilitation/facilitation-api.js';
import { ApiError } from '../session/api-client.js';
import { cardStyles, centeredPageStyles } from '../styles/page-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import '../components/jr-join-code-field.js';

export class JrJoinCodeView extends LitElement {
  static override properties = { code: {}, error: { state: true } };
  static override styles = [
    sharedStyles,
    cardStyles,
    centeredPageStyles,
    css`
      .card {
        display: grid;
        gap: 1rem;
      }
      h1 {
        margin: 0;
        font-size: 1.6rem;
      }
      p {
        margin: 0;
      }
    `,
  ];

  declare code: string;
  declare error: string;

  constructor() {
    super();
    this.code = '';
    this.error = '';
  }

  protected override firstUpdated(): void {
    void this.resolve();
  }

  private async resolve(): Promise<void> {
    const code = normalizeJoinCode(this.code);
    if (!isJoinCode(code)) {
      this.error = 'This join code is not complete. Type the code shown on the projector.';
      return;
    }
    try {
      const boardId = await resolveJoinCode(code);
      location.replace(boardLinkPath(boardId, code));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.error = `No board uses the code ${formatJoinCode(code)} (any more). Check it, or ask the facilitator for the current one.`;
      else this.error = `Could not open the board: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  protected override render() {
    return html`<main class="center">
      <div class="card">
        <div class="brand">◆ Journeyroom</div>
        ${this.error
          ? html`<h1>Cannot join</h1>
              <p role="alert">${this.error}</p>
              <jr-join-code-field></jr-join-code-field>`
          : html`<h1>Joining…</h1>
              <p role="status">Opening the board for code ${formatJoinCode(normalizeJoinCode(this.code))}.</p>`}
      </div>
    </main>`;
  }
}

customElements.define('jr-join-code-view', JrJoinCodeView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-join-code-view': JrJoinCodeView;
  }
}

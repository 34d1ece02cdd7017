/**
 * <jr-summary-preview>: the summary as the HTML export shows it, in a sandboxed iframe (`sandbox=""`: no
 * scripts, no forms, an opaque origin) fed through `srcdoc`, so the token never enters a URL. Loads when
 * `active` turns on or the checkpoint changes; a button reloads it.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { fetchSummaryHtml } from '../session/export-client.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

type PreviewState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export class JrSummaryPreview extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    checkpointId: { attribute: false },
    active: { type: Boolean },
    state: { state: true },
    page: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        gap: 0.5rem;
      }
      .bar {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .status {
        color: var(--jr-muted);
        font-size: 0.85em;
      }
      .frame {
        position: relative;
        flex: 1;
        min-height: 18rem;
        border: 1px solid var(--jr-border);
        border-radius: var(--jr-radius);
        background: #fff;
        overflow: hidden;
      }
      iframe {
        display: block;
        width: 100%;
        height: 100%;
        border: 0;
        background: #fff;
      }
      .overlay {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        padding: 1rem;
        background: rgb(255 255 255 / 80%);
        color: var(--jr-muted);
        text-align: center;
      }
      .overlay .error-box {
        max-width: 28rem;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare checkpointId: string | undefined;
  declare active: boolean;
  declare state: PreviewState;
  /** the last summary page loaded; kept on screen while a refresh loads */
  declare page: string;
  /** only the answer of the latest request is shown */
  private generation = 0;

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.checkpointId = undefined;
    this.active = false;
    this.state = { kind: 'idle' };
    this.page = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.active) return;
    const becameActive = changed.has('active');
    const sourceChanged = changed.has('checkpointId') || changed.has('boardId') || changed.has('token');
    if (becameActive || sourceChanged) void this.reload();
  }

  /** Fetches the summary again (the board may have changed since). */
  async reload(): Promise<void> {
    if (!this.boardId || !this.token) return;
    const generation = ++this.generation;
    const previous = this.state;
    this.state = { kind: 'loading' };
    try {
      const page = await fetchSummaryHtml(this.boardId, this.token, this.checkpointId);
      if (generation !== this.generation) return;
      this.page = page;
      this.state = { kind: 'ready' };
      if (previous.kind === 'ready') announce('Summary preview updated.');
    } catch (error) {
      if (generation !== this.generation) return;
      this.state = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
  }

  protected override render() {
    const state = this.state;
    const page = this.page;
    return html`<div class="bar">
        <h3 id="preview-title">Summary preview</h3>
        <span class="status" role="status">${state.kind === 'loading' ? 'Loading the preview…' : ''}</span>
        <button class="btn" ?disabled=${state.kind === 'loading'} @click=${() => void this.reload()}>Refresh preview</button>
      </div>
      <div class="frame" aria-busy=${state.kind === 'loading' ? 'true' : 'false'}>
        ${page
          ? html`<iframe title="Summary preview" sandbox="" referrerpolicy="no-referrer" srcdoc=${page}></iframe>`
          : nothing}
        ${state.kind === 'loading' ? html`<div class="overlay" aria-hidden="true">Preparing the preview…</div>` : nothing}
        ${state.kind === 'error'
          ? html`<div class="overlay"><p class="error-box" role="alert">The preview could not be loaded. ${state.message}</p></div>`
          : nothing}
      </div>`;
  }
}

customElements.define('jr-summary-preview', JrSummaryPreview);

declare global {
  interface HTMLElementTagNameMap {
    'jr-summary-preview': JrSummaryPreview;
  }
}

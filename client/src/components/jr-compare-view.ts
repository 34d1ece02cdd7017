/**
 * <jr-compare-view>: the comparison of this board with the previous session of its series (or a checkpoint),
 * as a full-screen dialog. It shows the server's compare.html in a sandboxed frame (no scripts can run in it)
 * and offers the PDF, Markdown and HTML files for download.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { CompareFormat } from '../../../shared/series/api.js';
import { errorText } from '../controllers/panel-task-controller.js';
import { fetchComparison, saveFile, type CompareTarget } from '../series/series-api.js';
import { sharedStyles } from '../styles/shared-styles.js';

/** Opens with `show(boardId, token, target)`; closes with Escape or its Close button. */
export class JrCompareView extends LitElement {
  static override properties = {
    page: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(1100px, 96vw);
        height: 92vh;
        max-height: 92vh;
        padding: 0;
        border: 0;
        border-radius: 10px;
        display: none;
        flex-direction: column;
      }
      dialog[open] {
        display: flex;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        padding: 0.6rem 1rem;
        border-bottom: 1px solid var(--jr-border);
      }
      h2 {
        margin: 0 auto 0 0;
        font-size: 1.15rem;
      }
      iframe {
        flex: 1;
        width: 100%;
        border: 0;
        background: #eef1f4;
      }
      p {
        padding: 1rem;
      }
    `,
  ];

  declare page: string | undefined;
  declare error: string | undefined;
  declare busy: boolean;
  private boardId = '';
  private token = '';
  private target: CompareTarget = {};

  constructor() {
    super();
    this.page = undefined;
    this.error = undefined;
    this.busy = false;
  }

  /** Opens the dialog and loads the comparison. */
  async show(boardId: string, token: string, target: CompareTarget = {}): Promise<void> {
    this.boardId = boardId;
    this.token = token;
    this.target = target;
    this.page = undefined;
    this.error = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    try {
      const { blob } = await fetchComparison(boardId, token, 'html', target);
      this.page = await blob.text();
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async download(format: CompareFormat): Promise<void> {
    this.busy = true;
    try {
      saveFile(await fetchComparison(this.boardId, this.token, format, this.target));
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    return html`<dialog aria-labelledby="cmp-title" @close=${() => (this.page = undefined)}>
      <div class="bar">
        <h2 id="cmp-title">What changed since the last session</h2>
        ${(['pdf', 'md', 'html'] as const).map(
          (f) => html`<button class="btn sm" ?disabled=${this.busy || !this.page} @click=${() => void this.download(f)}>Download ${f.toUpperCase()}</button>`,
        )}
        <button class="btn sm" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>Close</button>
      </div>
      ${this.error
        ? html`<p class="error-box" role="alert">${this.error}</p>`
        : this.page === undefined
          ? html`<p role="status">Loading the comparison…</p>`
          : nothing}
      ${this.page !== undefined ? html`<iframe title="Comparison" sandbox="" .srcdoc=${this.page}></iframe>` : nothing}
    </dialog>`;
  }
}

customElements.define('jr-compare-view', JrCompareView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-compare-view': JrCompareView;
  }
}

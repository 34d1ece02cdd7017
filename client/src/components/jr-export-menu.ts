/**
 * <jr-export-menu>: the "Export" button and its dialog: every download format (fetched with the token as a
 * Bearer header and saved under the server's file name), the choice of live board or a checkpoint, and a
 * preview of the summary. A native modal <dialog>: focus stays inside, Escape closes, focus returns.
 */
import { LitElement, css, html, nothing, svg } from 'lit';
import { API_ERROR } from '../../../shared/api.js';
import type { CheckpointInfo } from '../../../shared/session/schema.js';
import { ApiError } from '../session/api-client.js';
import { fetchExport, listCheckpoints, saveFile, type ExportFormatId } from '../session/export-client.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import './jr-summary-preview.js';
import type { JrSummaryPreview } from './jr-summary-preview.js';

/** One entry of the menu. */
interface ExportChoice {
  format: ExportFormatId;
  label: string;
  hint: string;
  /** what the progress line calls it: "Preparing PDF…" */
  short: string;
}

/** The downloads, most useful first. */
const CHOICES: readonly ExportChoice[] = [
  { format: 'pdf', label: 'Summary PDF', hint: 'A printable report to forward to department heads.', short: 'PDF' },
  { format: 'html', label: 'Web page (HTML)', hint: 'The same summary as one page that opens in any browser.', short: 'web page' },
  { format: 'md', label: 'Markdown (wiki)', hint: 'Headings and tables ready to paste into a wiki.', short: 'Markdown' },
  { format: 'csv', label: 'Spreadsheet (CSV)', hint: 'One row per note with every field.', short: 'spreadsheet' },
  { format: 'json', label: 'Data (JSON)', hint: 'The board and its summary, for other tools.', short: 'JSON data' },
  { format: 'svg', label: 'Map picture (SVG)', hint: 'The map as a sharp, scalable picture for slides.', short: 'SVG picture' },
  { format: 'png', label: 'Map picture (PNG)', hint: 'The map as an image for chats and documents.', short: 'PNG picture' },
];

type DownloadState = { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'error'; message: string };

const downloadIcon = svg`<svg viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M12 4v11M7 10.5l5 5 5-5M5 19.5h14"/></svg>`;

/** What a person reads when a download fails. */
function failureText(error: unknown, choice: ExportChoice): string {
  if (error instanceof ApiError) {
    if (error.status === 503 || error.code === API_ERROR.unavailable) return `The server is busy preparing other exports. Try again in a few seconds.`;
    if (error.status === 0) return `Could not reach the server to prepare the ${choice.short}. Check the connection and try again.`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function dateText(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export class JrExportMenu extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    boardTitle: { attribute: false },
    open: { state: true },
    checkpoints: { state: true },
    checkpointError: { state: true },
    checkpointId: { state: true },
    downloads: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      dialog {
        width: min(76rem, 96vw);
        height: min(50rem, 92vh);
        max-width: none;
        max-height: none;
        padding: 0;
        border: 1px solid var(--jr-border-strong);
        border-radius: 14px;
        box-shadow: var(--jr-shadow-lift);
        color: var(--jr-text);
        background: var(--jr-bg);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: rgb(15 20 30 / 45%);
      }
      .top {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1rem;
        padding: 0.9rem 1.2rem;
        background: var(--jr-surface);
        border-bottom: 1px solid var(--jr-border);
      }
      h2 {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.2rem 0.7rem;
        margin: 0;
        font-size: 1.25rem;
      }
      .source-name {
        padding: 0.05rem 0.55rem;
        border-radius: 999px;
        background: var(--jr-accent-soft);
        color: var(--jr-accent-hover);
        font-size: 0.72em;
        font-weight: 600;
      }
      .body {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(17rem, 22rem) 1fr;
        gap: 1.2rem;
        padding: 1rem 1.2rem 1.2rem;
      }
      .choices {
        display: flex;
        flex-direction: column;
        gap: 0.8rem;
        min-height: 0;
        overflow: auto;
        padding: 0.2rem;
      }
      .source select {
        width: 100%;
      }
      ul {
        display: grid;
        gap: 0.45rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .choice {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 0.1rem 0.6rem;
        width: 100%;
        padding: 0.55rem 0.75rem;
        border: 1px solid var(--jr-border);
        border-radius: var(--jr-radius);
        background: var(--jr-surface);
        text-align: left;
        transition: border-color var(--jr-motion), background var(--jr-motion);
      }
      .choice:hover:not(:disabled) {
        border-color: var(--jr-accent);
        background: var(--jr-accent-soft);
      }
      .choice.primary-choice {
        border-color: var(--jr-accent);
        border-width: 2px;
      }
      .choice-label {
        font-weight: 700;
      }
      .choice-hint {
        grid-column: 1;
        color: var(--jr-muted);
        font-size: 0.84em;
      }
      .choice-icon {
        grid-column: 2;
        grid-row: 1 / span 2;
        color: var(--jr-accent);
        font-size: 1.15rem;
      }
      .line {
        margin: 0.25rem 0 0;
        font-size: 0.85em;
      }
      .line.busy {
        color: var(--jr-muted);
      }
      .line.done {
        color: var(--jr-ok);
      }
      .line.error-box {
        padding: 0.4rem 0.6rem;
      }
      .note {
        margin: 0;
        color: var(--jr-muted);
        font-size: 0.84em;
      }
      jr-summary-preview {
        min-height: 0;
      }
      @media (max-width: 860px) {
        /* One column that scrolls as a whole: every download first, then the preview. */
        .body {
          display: block;
          overflow: auto;
        }
        .choices {
          overflow: visible;
          margin-bottom: 1.2rem;
        }
        jr-summary-preview {
          height: 32rem;
        }
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  /** shown in the dialog's heading */
  declare boardTitle: string;
  declare open: boolean;
  declare checkpoints: CheckpointInfo[];
  declare checkpointError: string;
  /** undefined: the live board */
  declare checkpointId: string | undefined;
  declare downloads: ReadonlyMap<ExportFormatId, DownloadState>;

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.boardTitle = '';
    this.open = false;
    this.checkpoints = [];
    this.checkpointError = '';
    this.checkpointId = undefined;
    this.downloads = new Map();
  }

  /** Opens the dialog (also what the Export button does). */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('.choice')?.focus();
    void this.loadCheckpoints();
  }

  /** Closes the dialog; downloads already started still finish. */
  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private async loadCheckpoints(): Promise<void> {
    try {
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
      this.checkpointError = '';
      if (this.checkpointId && !this.checkpoints.some((c) => c.id === this.checkpointId)) this.checkpointId = undefined;
    } catch (error) {
      this.checkpointError = error instanceof Error ? error.message : String(error);
    }
  }

  protected override render() {
    return html`<button class="btn" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => void this.show()}>
        ${downloadIcon}Export
      </button>
      <dialog aria-labelledby="export-title" @close=${this.onClose}>
        ${this.open ? this.renderBody() : nothing}
      </dialog>`;
  }

  private renderBody() {
    const source = this.checkpoints.find((c) => c.id === this.checkpointId);
    return html`<div class="top">
        <h2 id="export-title">
          Export ${this.boardTitle ? `“${this.boardTitle}”` : 'the board'}
          <span class="source-name">${source ? `as at checkpoint “${source.name}”` : 'live board'}</span>
        </h2>
        <button class="btn" @click=${() => this.close()}>Close</button>
      </div>
      <div class="body">
        <section class="choices" aria-label="Downloads">
          <div class="field source">
            <label for="source">Export from</label>
            <select id="source" class="input" @change=${this.onSource} aria-describedby="source-hint">
              <option value="" ?selected=${!this.checkpointId}>Live board (as it is now)</option>
              ${this.checkpoints.map(
                (c) => html`<option value=${c.id} ?selected=${c.id === this.checkpointId}>Checkpoint: ${c.name} (${dateText(c.createdAt)})</option>`,
              )}
            </select>
            <span class="hint" id="source-hint">
              ${this.checkpointError
                ? `Checkpoints could not be listed: ${this.checkpointError}`
                : this.checkpoints.length
                  ? 'A checkpoint exports the board as it was when it was taken.'
                  : 'No checkpoints yet: the live board is exported.'}
            </span>
          </div>
          <ul>
            ${CHOICES.map((choice) => this.renderChoice(choice))}
          </ul>
          <p class="note">Files are made on the server from the same summary, so all formats agree.</p>
        </section>
        <jr-summary-preview .boardId=${this.boardId} .token=${this.token} .checkpointId=${this.checkpointId} ?active=${this.open}></jr-summary-preview>
      </div>`;
  }

  private renderChoice(choice: ExportChoice) {
    const state = this.downloads.get(choice.format);
    const busy = state?.kind === 'busy';
    const hintId = `hint-${choice.format}`;
    const lineId = `line-${choice.format}`;
    return html`<li>
      <button
        class="choice ${choice.format === 'pdf' ? 'primary-choice' : ''}"
        data-format=${choice.format}
        aria-describedby=${`${hintId} ${lineId}`}
        aria-busy=${busy ? 'true' : 'false'}
        ?disabled=${busy}
        @click=${() => void this.download(choice)}
      >
        <span class="choice-label">${choice.label}</span>
        <span class="choice-icon">${downloadIcon}</span>
        <span class="choice-hint" id=${hintId}>${choice.hint}</span>
      </button>
      <div id=${lineId} role=${state?.kind === 'error' ? 'alert' : 'status'}>
        ${state?.kind === 'busy' ? html`<p class="line busy">Preparing ${choice.short}…</p>` : nothing}
        ${state?.kind === 'done' ? html`<p class="line done">Downloaded ${state.fileName}</p>` : nothing}
        ${state?.kind === 'error' ? html`<p class="line error-box">${state.message}</p>` : nothing}
      </div>
    </li>`;
  }

  private setDownload(format: ExportFormatId, state: DownloadState): void {
    const next = new Map(this.downloads);
    next.set(format, state);
    this.downloads = next;
  }

  private async download(choice: ExportChoice): Promise<void> {
    if (this.downloads.get(choice.format)?.kind === 'busy') return;
    this.setDownload(choice.format, { kind: 'busy' });
    try {
      const file = await fetchExport(this.boardId, this.token, choice.format, this.checkpointId);
      saveFile(file);
      this.setDownload(choice.format, { kind: 'done', fileName: file.fileName });
      announce(`${choice.label} downloaded as ${file.fileName}.`);
    } catch (error) {
      this.setDownload(choice.format, { kind: 'error', message: failureText(error, choice) });
    }
  }

  private readonly onSource = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.checkpointId = value ? value : undefined;
    this.downloads = new Map();
  };

  private readonly onClose = (): void => {
    this.open = false;
    // Back to the button that opened the dialog.
    this.renderRoot.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.focus();
  };

  /** The preview element (for tests and callers that want to refresh it). */
  get preview(): JrSummaryPreview | null {
    return this.renderRoot.querySelector('jr-summary-preview');
  }
}

customElements.define('jr-export-menu', JrExportMenu);

declare global {
  interface HTMLElementTagNameMap {
    'jr-export-menu': JrExportMenu;
  }
}

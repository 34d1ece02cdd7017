/**
 * <jr-metrics-import>: the facilitator's "Import metrics" button and dialog: pick a CSV file or paste one,
 * upload it (all rows or none), see the result or every bad line, and clear the metrics after confirming.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { StageMetric } from '../../../shared/session/schema.js';
import { clearMetrics, importMetrics, MetricsImportError, type MetricsLineError } from '../session/export-client.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';

/** The server's size limit of one import (server/metrics/parse-metrics-csv.ts). */
const MAX_BYTES = 256 * 1024;

const EXAMPLE = `stage,metric,value,unit
Get help,Contact volume,1240,calls/month
Get help,CSAT,71%,`;

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; text: string }
  | { kind: 'imported'; text: string }
  | { kind: 'cleared' }
  | { kind: 'rejected'; message: string; lines: readonly MetricsLineError[] }
  | { kind: 'error'; message: string };

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class JrMetricsImport extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    metrics: { attribute: false },
    open: { state: true },
    csv: { state: true },
    fileName: { state: true },
    outcome: { state: true },
    confirmingClear: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      dialog {
        width: min(40rem, 94vw);
        max-height: 92vh;
        padding: 0;
        border: 1px solid var(--jr-border-strong);
        border-radius: 14px;
        box-shadow: var(--jr-shadow-lift);
        color: var(--jr-text);
      }
      dialog::backdrop {
        background: rgb(15 20 30 / 45%);
      }
      form {
        display: grid;
        gap: 0.9rem;
        padding: 1.1rem 1.3rem 1.3rem;
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 1rem;
      }
      h2 {
        margin: 0;
        font-size: 1.25rem;
      }
      p {
        margin: 0;
      }
      .help {
        display: grid;
        gap: 0.4rem;
        padding: 0.7rem 0.85rem;
        border-radius: var(--jr-radius);
        background: var(--jr-surface-2);
        border: 1px solid var(--jr-border);
        font-size: 0.9em;
      }
      pre {
        margin: 0;
        padding: 0.5rem 0.7rem;
        border-radius: 6px;
        background: var(--jr-surface);
        border: 1px solid var(--jr-border);
        font-size: 0.92em;
        overflow-x: auto;
      }
      code,
      pre,
      textarea {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      }
      textarea.input {
        min-height: 8rem;
        resize: vertical;
        font-size: 0.88em;
      }
      input[type='file'] {
        font-size: 0.9em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.6rem;
      }
      .actions .right {
        display: flex;
        align-items: center;
        gap: 0.8rem;
      }
      .ok {
        padding: 0.6rem 0.8rem;
        border-radius: var(--jr-radius);
        border: 1px solid var(--jr-ok);
        color: var(--jr-ok);
        background: #e8f5ec;
        font-weight: 600;
      }
      .error-box ul {
        margin: 0.4rem 0 0;
        padding-left: 1.2rem;
        max-height: 12rem;
        overflow: auto;
        color: var(--jr-text);
        font-weight: 400;
      }
      .confirm {
        display: grid;
        gap: 0.6rem;
        padding: 0.7rem 0.85rem;
        border-radius: var(--jr-radius);
        border: 1px solid var(--jr-danger);
        background: var(--jr-danger-soft);
      }
      .confirm .row {
        display: flex;
        justify-content: flex-end;
        gap: 0.6rem;
      }
      .current {
        color: var(--jr-muted);
        font-size: 0.88em;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  /** what the board shows now (stage id -> metrics), to say how many there are */
  declare metrics: Readonly<Record<string, readonly StageMetric[]>>;
  declare open: boolean;
  declare csv: string;
  declare fileName: string;
  declare outcome: Outcome;
  declare confirmingClear: boolean;

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.metrics = {};
    this.open = false;
    this.csv = '';
    this.fileName = '';
    this.outcome = { kind: 'none' };
    this.confirmingClear = false;
  }

  /** Opens the dialog. */
  async show(): Promise<void> {
    this.open = true;
    this.outcome = { kind: 'none' };
    this.confirmingClear = false;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('#file')?.focus();
  }

  /** Closes the dialog. */
  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  private get current(): { rows: number; stages: number } {
    const lists = Object.values(this.metrics).filter((list) => list.length > 0);
    return { rows: lists.reduce((n, list) => n + list.length, 0), stages: lists.length };
  }

  protected override render() {
    return html`<button class="btn" aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => void this.show()}>
        Import metrics
      </button>
      <dialog aria-labelledby="metrics-title" aria-describedby="metrics-help" @close=${this.onClose}>
        ${this.open ? this.renderBody() : nothing}
      </dialog>`;
  }

  private renderBody() {
    const busy = this.outcome.kind === 'busy';
    const current = this.current;
    return html`<form @submit=${this.onSubmit} novalidate>
      <div class="top">
        <h2 id="metrics-title">Import metrics (CSV)</h2>
        <button type="button" class="btn" @click=${() => this.close()}>Close</button>
      </div>
      <div class="help" id="metrics-help">
        <p>
          One row per number: the <strong>stage</strong> (its title on the board), the <strong>metric</strong>, the
          <strong>value</strong> and, if you like, a <strong>unit</strong>. The numbers show on the stage headers and in the
          summary. A new import replaces the previous one.
        </p>
        <pre aria-label="Example CSV">${EXAMPLE}</pre>
      </div>
      <div class="field">
        <label for="file">CSV file</label>
        <input id="file" type="file" accept=".csv,text/csv,text/plain" @change=${this.onFile} ?disabled=${busy} />
      </div>
      <div class="field">
        <label for="csv">Or paste the CSV</label>
        <textarea
          id="csv"
          class="input"
          spellcheck="false"
          placeholder=${EXAMPLE}
          .value=${this.csv}
          aria-invalid=${this.outcome.kind === 'rejected' ? 'true' : 'false'}
          aria-describedby="result"
          @input=${(e: Event) => {
            this.csv = (e.target as HTMLTextAreaElement).value;
            this.fileName = '';
          }}
        ></textarea>
      </div>
      <div id="result">${this.renderOutcome()}</div>
      ${this.confirmingClear ? this.renderConfirm(current) : nothing}
      <div class="actions">
        <button type="button" class="btn danger" ?disabled=${busy || current.rows === 0 || this.confirmingClear} @click=${this.askClear}>
          Clear metrics…
        </button>
        <div class="right">
          <span class="current" aria-live="polite">
            ${current.rows ? `On the board now: ${plural(current.rows, 'metric', 'metrics')} on ${plural(current.stages, 'stage', 'stages')}` : 'No metrics on the board yet'}
          </span>
          <button type="submit" class="btn primary" ?disabled=${busy}>Import</button>
        </div>
      </div>
    </form>`;
  }

  private renderOutcome() {
    const outcome = this.outcome;
    switch (outcome.kind) {
      case 'none':
        return nothing;
      case 'busy':
        return html`<p role="status">${outcome.text}</p>`;
      case 'imported':
        return html`<p class="ok" role="status">${outcome.text}</p>`;
      case 'cleared':
        return html`<p class="ok" role="status">Metrics cleared from every stage.</p>`;
      case 'error':
        return html`<p class="error-box" role="alert">${outcome.message}</p>`;
      case 'rejected':
        return html`<div class="error-box" role="alert">
          <strong>Nothing was imported:</strong>
          ${outcome.lines.length
            ? `${plural(outcome.lines.length, 'line has an error', 'lines have errors')}. Fix ${outcome.lines.length === 1 ? 'it' : 'them'} and import again.`
            : outcome.message}
          <ul aria-label="Errors by line">
            ${outcome.lines.map((l) => html`<li>${l.line > 0 ? `Line ${l.line}: ` : ''}${l.message}</li>`)}
          </ul>
        </div>`;
    }
  }

  private renderConfirm(current: { rows: number; stages: number }) {
    return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">
        Remove all ${plural(current.rows, 'metric', 'metrics')} from ${plural(current.stages, 'stage', 'stages')} for everyone? This
        cannot be undone, but you can import the file again.
      </p>
      <div class="row">
        <button type="button" class="btn cancel-clear" @click=${this.cancelClear}>Keep metrics</button>
        <button type="button" class="btn danger solid" @click=${() => void this.clear()}>Clear metrics</button>
      </div>
    </div>`;
  }

  private readonly onFile = async (event: Event): Promise<void> => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      this.outcome = { kind: 'error', message: `“${file.name}” is larger than ${MAX_BYTES / 1024} KiB. Nothing was imported.` };
      input.value = '';
      return;
    }
    try {
      this.csv = await file.text();
      this.fileName = file.name;
      this.outcome = { kind: 'none' };
      announce(`${file.name} loaded. Press Import to upload it.`);
    } catch (error) {
      this.outcome = { kind: 'error', message: `Could not read “${file.name}”: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  private readonly onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.outcome.kind === 'busy') return;
    if (!this.csv.trim()) {
      this.outcome = { kind: 'error', message: 'Choose a CSV file or paste the rows first.' };
      this.renderRoot.querySelector<HTMLTextAreaElement>('#csv')?.focus();
      return;
    }
    if (new Blob([this.csv]).size > MAX_BYTES) {
      this.outcome = { kind: 'error', message: `The CSV is larger than ${MAX_BYTES / 1024} KiB. Nothing was imported.` };
      return;
    }
    this.confirmingClear = false;
    this.outcome = { kind: 'busy', text: this.fileName ? `Importing ${this.fileName}…` : 'Importing…' };
    try {
      const result = await importMetrics(this.boardId, this.token, this.csv);
      const text = `Imported ${plural(result.rows, 'row', 'rows')} on ${plural(result.stages, 'stage', 'stages')}.`;
      this.outcome = { kind: 'imported', text };
      announce(text);
    } catch (error) {
      if (error instanceof MetricsImportError) {
        this.outcome = { kind: 'rejected', message: error.message, lines: error.lines };
      } else {
        this.outcome = { kind: 'error', message: `Nothing was imported. ${error instanceof Error ? error.message : String(error)}` };
      }
    }
  };

  private readonly askClear = async (): Promise<void> => {
    this.confirmingClear = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.cancel-clear')?.focus();
  };

  private readonly cancelClear = async (): Promise<void> => {
    this.confirmingClear = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.danger:not(.solid)')?.focus();
  };

  private async clear(): Promise<void> {
    this.confirmingClear = false;
    this.outcome = { kind: 'busy', text: 'Clearing metrics…' };
    try {
      await clearMetrics(this.boardId, this.token);
      this.outcome = { kind: 'cleared' };
      announce('Metrics cleared.');
    } catch (error) {
      this.outcome = { kind: 'error', message: `The metrics were not cleared. ${error instanceof Error ? error.message : String(error)}` };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  private readonly onClose = (): void => {
    this.open = false;
    this.confirmingClear = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button[aria-haspopup]')?.focus();
  };
}

customElements.define('jr-metrics-import', JrMetricsImport);

declare global {
  interface HTMLElementTagNameMap {
    'jr-metrics-import': JrMetricsImport;
  }
}

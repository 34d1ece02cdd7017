/**
 * <jr-checkpoint-viewer>: a checkpoint opened read-only in a modal (native <dialog>: focus trapped, Escape
 * closes). Renders the checkpoint's BoardSnapshot with the same board component as the live map.
 */
import { LitElement, css, html, nothing } from 'lit';
import * as Y from 'yjs';
import { boardRoots } from '../../../shared/board/doc.js';
import { NOTE } from '../../../shared/board/schema.js';
import type { BoardSnapshot } from '../../../shared/board/snapshot.js';
import type { CheckpointInfo } from '../../../shared/session/schema.js';
import { sharedStyles } from '../styles/shared-styles.js';
import './jr-board.js';

/** A throwaway doc holding the snapshot's note texts, for the board's text fields to read. */
function textDoc(snapshot: BoardSnapshot): Y.Doc {
  const doc = new Y.Doc();
  const notes = boardRoots(doc).notes;
  doc.transact(() => {
    for (const note of snapshot.notes) {
      const map = new Y.Map<unknown>();
      const text = new Y.Text();
      text.insert(0, note.text);
      map.set(NOTE.text, text);
      notes.set(note.id, map);
    }
  });
  return doc;
}

export class JrCheckpointViewer extends LitElement {
  static override properties = { view: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(96vw, 110rem);
        max-height: 92vh;
        padding: 0;
        border: 1px solid var(--jr-border-strong);
        border-radius: 12px;
        box-shadow: var(--jr-shadow-lift);
      }
      dialog::backdrop {
        background: rgb(15 20 30 / 55%);
      }
      header {
        position: sticky;
        top: 0;
        z-index: 5;
        display: flex;
        align-items: center;
        gap: 1rem;
        padding: 0.8rem 1.1rem;
        background: #fff3cd;
        border-bottom: 1px solid #c99a00;
      }
      h2 {
        flex: 1;
        margin: 0;
        font-size: 1.15rem;
      }
      .when {
        font-weight: 400;
        color: #5c4300;
      }
      .body {
        padding: 0.8rem 1.1rem 1.2rem;
      }
    `,
  ];

  declare view: { info: CheckpointInfo; snapshot: BoardSnapshot; doc: Y.Doc } | undefined;

  constructor() {
    super();
    this.view = undefined;
  }

  /** Shows `snapshot` (the board as it was at `info`). */
  async show(info: CheckpointInfo, snapshot: BoardSnapshot): Promise<void> {
    this.view?.doc.destroy();
    this.view = { info, snapshot, doc: textDoc(snapshot) };
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('.close')?.focus();
  }

  private readonly close = (): void => {
    this.renderRoot.querySelector('dialog')?.close();
  };

  private readonly onClosed = (): void => {
    this.view?.doc.destroy();
    this.view = undefined;
  };

  protected override render() {
    const view = this.view;
    return html`<dialog aria-labelledby="cp-title" @close=${this.onClosed}>
      ${view
        ? html`<header>
              <h2 id="cp-title">
                Checkpoint “${view.info.name}” <span class="when">· ${new Date(view.info.createdAt).toLocaleString()} · read-only</span>
              </h2>
              <button class="btn close" @click=${this.close}>Close</button>
            </header>
            <div class="body">
              <jr-board read-only .snapshot=${view.snapshot} .doc=${view.doc}></jr-board>
            </div>`
        : nothing}
    </dialog>`;
  }
}

customElements.define('jr-checkpoint-viewer', JrCheckpointViewer);

declare global {
  interface HTMLElementTagNameMap {
    'jr-checkpoint-viewer': JrCheckpointViewer;
  }
}

/** <jr-panel-checkpoints>: the facilitator panel's checkpoints section: take one, open one read-only, restore one (with undo). */
import { LitElement, css, html, nothing } from 'lit';
import type { CheckpointInfo } from '../../../shared/session/schema.js';
import { PanelTaskController, errorText } from '../controllers/panel-task-controller.js';
import { listCheckpoints, openCheckpoint, restoreCheckpoint, takeCheckpoint } from '../facilitation/facilitation-api.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import type { JrCheckpointViewer } from './jr-checkpoint-viewer.js';
import './jr-checkpoint-viewer.js';
import { askConfirm } from './jr-confirm-dialog.js';

/** The checkpoints section of the facilitator panel; lists them the first time it is opened. */
export class JrPanelCheckpoints extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    checkpointName: { state: true },
    checkpoints: { state: true },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      .cp {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.3rem;
      }
      .cp .name {
        flex: 1 1 100%;
        font-weight: 600;
      }
      .cp .when {
        flex: 1;
        color: var(--jr-muted);
        font-size: 0.85em;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare checkpointName: string;
  declare checkpoints: CheckpointInfo[] | undefined;
  private readonly task = new PanelTaskController(this);

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.checkpointName = '';
    this.checkpoints = undefined;
  }

  protected override render() {
    const list = this.checkpoints;
    return html`<details @toggle=${(e: Event) => {
        if ((e.target as HTMLDetailsElement).open && !this.checkpoints) void this.loadCheckpoints();
      }}>
        <summary>Checkpoints ${list?.length ? html`<span class="badge">${list.length}</span>` : nothing}</summary>
        <div class="body">
          <form class="row" @submit=${this.take}>
            <label class="visually-hidden" for="cp-name">Checkpoint name</label>
            <input id="cp-name" class="input" style="flex:1" placeholder="e.g. End of session 1" maxlength="80"
              .value=${this.checkpointName} @input=${(e: Event) => (this.checkpointName = (e.target as HTMLInputElement).value)} />
            <button class="btn sm" ?disabled=${!this.checkpointName.trim() || this.task.busy === 'take'}>Take checkpoint</button>
          </form>
          ${this.task.renderNotice()}
          ${list === undefined
            ? html`<p class="muted" style="margin:0">Loading…</p>`
            : list.length === 0
              ? html`<p class="muted" style="margin:0">No checkpoints yet.</p>`
              : html`<ul class="plain" aria-label="Checkpoints, newest first">
                  ${[...list].reverse().map(
                    (cp) => html`<li class="cp">
                      <span class="name">${cp.name}</span>
                      <span class="when">${new Date(cp.createdAt).toLocaleString()}</span>
                      <button class="btn sm" aria-label=${`Open checkpoint ${cp.name}`} ?disabled=${this.task.busy !== undefined} @click=${() => void this.open(cp)}>Open</button>
                      <button class="btn sm" aria-label=${`Restore checkpoint ${cp.name}`} ?disabled=${this.task.busy !== undefined} @click=${() => void this.restore(cp)}>Restore…</button>
                    </li>`,
                  )}
                </ul>`}
        </div>
      </details>
      <jr-checkpoint-viewer></jr-checkpoint-viewer>`;
  }

  private async loadCheckpoints(): Promise<void> {
    try {
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
    } catch (error) {
      this.checkpoints = [];
      this.task.say(`Could not list checkpoints: ${errorText(error)}`, true);
    }
  }

  private readonly take = (event: Event): void => {
    event.preventDefault();
    const name = this.checkpointName.trim();
    if (!name) return;
    void this.task.run('take', async () => {
      await takeCheckpoint(this.boardId, this.token, name);
      this.checkpointName = '';
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
      this.task.say(`Checkpoint “${name}” taken.`);
    });
  };

  private async open(cp: CheckpointInfo): Promise<void> {
    await this.task.run('open', async () => {
      const snapshot = await openCheckpoint(this.boardId, this.token, cp.id);
      await this.renderRoot.querySelector<JrCheckpointViewer>('jr-checkpoint-viewer')?.show(cp, snapshot);
    });
  }

  private async restore(cp: CheckpointInfo): Promise<void> {
    const ok = await askConfirm(this, {
      title: `Restore “${cp.name}”?`,
      message: 'The board goes back to this checkpoint for everyone. A checkpoint of the board as it is now is taken first, so you can undo this by restoring it.',
      confirmLabel: 'Restore',
    });
    if (!ok) return;
    await this.task.run('restore', async () => {
      const result = await restoreCheckpoint(this.boardId, this.token, cp.id);
      this.checkpoints = await listCheckpoints(this.boardId, this.token);
      this.task.say(`Restored “${result.restored.name}”. To undo, restore “${result.undo.name}”.`);
    });
  }
}

customElements.define('jr-panel-checkpoints', JrPanelCheckpoints);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-checkpoints': JrPanelCheckpoints;
  }
}

/**
 * <jr-projector-view>: the board for the big screen. Read-only (no join form, no controls), large type,
 * high contrast, and scaled to fit the screen without scroll bars, however large the map grows.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { BoardInfoResponse } from '../../../shared/api.js';
import '../components/jr-board.js';
import '../components/jr-connection-banner.js';
import '../components/jr-legend.js';
import '../components/jr-persona-card.js';
import '../components/jr-presence-bar.js';
import { BoardSnapshotController } from '../controllers/board-snapshot-controller.js';
import { ConnectionController } from '../controllers/connection-controller.js';
import { PresenceController } from '../controllers/presence-controller.js';
import { StageMetricsController } from '../controllers/stage-metrics-controller.js';
import type { FacilitationSession } from '../facilitation/facilitation-session.js';
import type { BoardSession } from '../session/board-session.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { legendEntries } from '../ui/note-colors.js';

/** Never blow the map up beyond this, so a near-empty board does not look absurd. */
const MAX_SCALE = 1.6;

export class JrProjectorView extends LitElement {
  static override properties = {
    session: { attribute: false },
    info: { attribute: false },
    facilitation: { attribute: false },
    scale: { state: true },
    offset: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        /* High contrast for projectors: pure white, black text, darker rules. */
        --jr-bg: #ffffff;
        --jr-surface: #ffffff;
        --jr-surface-2: #f1f2f4;
        --jr-text: #000000;
        --jr-muted: #2b2f36;
        --jr-border: #8d94a1;
        --jr-border-strong: #30343b;
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
        overflow: hidden;
        background: #fff;
        color: #000;
        font-size: 20px;
      }
      header {
        display: flex;
        align-items: center;
        gap: 1rem 2rem;
        flex-wrap: wrap;
        padding: 0.6rem 1.2rem 0.4rem;
      }
      h1 {
        flex: 1 1 auto;
        margin: 0;
        font-size: 1.9rem;
        line-height: 1.15;
      }
      .sub {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 2rem;
        padding: 0 1.2rem 0.4rem;
      }
      .stage {
        flex: 1;
        min-height: 0;
        position: relative;
        overflow: hidden;
        padding: 0 1.2rem 0.8rem;
      }
      .fit {
        position: absolute;
        top: 0;
        left: 1.2rem;
        transform-origin: top left;
        width: max-content;
      }
      jr-persona-card {
        margin-bottom: 0.6rem;
        /* Fills the map's width without making it wider (a long description wraps instead). */
        width: 0;
        min-width: 100%;
      }
      jr-board {
        --lane-col: fit-content(12rem);
        --stage-min: 11rem;
        border: 2px solid var(--jr-border-strong);
        border-radius: 10px;
        overflow: hidden;
      }
    `,
  ];

  declare session: BoardSession | undefined;
  declare info: BoardInfoResponse | undefined;
  /** the session doc connection (metrics, facilitation state) */
  declare facilitation: FacilitationSession | undefined;
  declare scale: number;
  /** left offset that centres a map narrower than the screen */
  declare offset: number;
  private board: BoardSnapshotController | undefined;
  private presence: PresenceController | undefined;
  private connection: ConnectionController | undefined;
  private stageMetrics: StageMetricsController | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor() {
    super();
    this.session = undefined;
    this.info = undefined;
    this.facilitation = undefined;
    this.scale = 1;
    this.offset = 0;
  }

  protected override willUpdate(): void {
    if (this.facilitation && !this.stageMetrics) this.stageMetrics = new StageMetricsController(this, this.facilitation.sessionDoc);
    if (!this.session || this.board) return;
    this.board = new BoardSnapshotController(this, this.session.doc);
    this.presence = new PresenceController(this, this.session.awareness, undefined);
    this.connection = new ConnectionController(this, this.session.status);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override updated(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (stage && fit) {
      this.resize.observe(stage);
      this.resize.observe(fit);
    }
    this.fit();
  }

  /** Scales the map so that all of it is visible: width and height both fit. */
  private fit(): void {
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage');
    const fit = this.renderRoot.querySelector<HTMLElement>('.fit');
    if (!stage || !fit) return;
    const styles = getComputedStyle(stage);
    const availableWidth = stage.clientWidth - parseFloat(styles.paddingLeft) - parseFloat(styles.paddingRight);
    const availableHeight = stage.clientHeight - parseFloat(styles.paddingBottom);
    const width = fit.offsetWidth;
    const height = fit.offsetHeight;
    if (!width || !height || availableWidth <= 0 || availableHeight <= 0) return;
    const scale = Math.min(availableWidth / width, availableHeight / height, MAX_SCALE);
    const rounded = Math.floor(scale * 1000) / 1000;
    if (Math.abs(rounded - this.scale) > 0.001) this.scale = rounded;
    const offset = Math.max(0, Math.floor((availableWidth - width * rounded) / 2));
    if (offset !== this.offset) this.offset = offset;
  }

  protected override render() {
    const snapshot = this.board?.snapshot;
    if (!snapshot) return nothing;
    const colours = legendEntries(snapshot.notes.map((n) => ({ role: n.authorRole, department: n.department })));
    const people = (this.presence?.people ?? []).filter((p) => p.role !== 'projector');
    return html`<header>
        <h1>${snapshot.meta.title}</h1>
        <jr-connection-banner .view=${this.connection?.view}></jr-connection-banner>
      </header>
      <div class="sub">
        <jr-presence-bar .people=${people}></jr-presence-bar>
        <jr-legend .entries=${colours}></jr-legend>
      </div>
      <div class="stage">
        <div class="fit" style="transform: translateX(${this.offset}px) scale(${this.scale})">
          <jr-persona-card read-only .persona=${snapshot.persona}></jr-persona-card>
          <jr-board read-only .snapshot=${snapshot} .doc=${this.session?.doc} .metrics=${this.stageMetrics?.metrics ?? {}}></jr-board>
        </div>
      </div>`;
  }
}

customElements.define('jr-projector-view', JrProjectorView);

declare global {
  interface HTMLElementTagNameMap {
    'jr-projector-view': JrProjectorView;
  }
}

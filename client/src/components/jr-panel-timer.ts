/**
 * <jr-panel-timer>: the facilitator panel's timer section: presets, a custom length, pause, resume, +1 min, stop.
 * A timer that has run out reads "time's up" and offers +1 min and Stop (pausing it would keep nothing).
 */
import { LitElement, html, nothing } from 'lit';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { SESSION_LIMITS } from '../../../shared/session/schema.js';
import { timerHasEnded } from '../../../shared/session/timer.js';
import { FocusKeeper } from '../controllers/focus-keeper.js';
import type { FacilitatorActions } from '../facilitation/facilitator-actions.js';
import type { ServerClock } from '../facilitation/server-clock.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { announce } from '../ui/announce.js';
import { formatDuration } from '../ui/duration-format.js';
import './jr-session-timer.js';

const PRESETS_MIN = [1, 3, 5, 10] as const;

/** The timer section of the facilitator panel. */
export class JrPanelTimer extends LitElement {
  static override properties = {
    actions: { attribute: false },
    clock: { attribute: false },
    session: { attribute: false },
    customMinutes: { state: true },
  };
  static override styles = [sharedStyles, panelSectionStyles];

  declare actions: FacilitatorActions | undefined;
  declare clock: ServerClock | undefined;
  declare session: SessionSnapshot | undefined;
  declare customMinutes: string;

  constructor() {
    super();
    this.actions = undefined;
    this.clock = undefined;
    this.session = undefined;
    this.customMinutes = '15';
    // The timer inside this section says when a running timer reaches zero; the section has no tick of its own.
    this.addEventListener('jr-timer-ended', () => this.requestUpdate());
    // Time ran out while Pause had the focus: Pause goes away, and +1 min (data-focus-next) takes the focus.
    new FocusKeeper(this);
  }

  protected override render() {
    if (!this.session) return nothing;
    const timer = this.session.timer;
    const minutes = Number(this.customMinutes);
    const customOk = Number.isFinite(minutes) && minutes > 0 && minutes * 60_000 <= SESSION_LIMITS.timerMs;
    const ended = this.clock !== undefined && timerHasEnded(timer, this.clock.now());
    return html`<details open>
      <summary>Timer ${timer.status !== 'idle' ? html`<span class="badge">${ended ? "time's up" : timer.status}</span>` : nothing}</summary>
      <div class="body">
        ${timer.status !== 'idle' ? html`<div><jr-session-timer .timer=${timer} .clock=${this.clock}></jr-session-timer></div>` : nothing}
        <div class="row" role="group" aria-label="Start a timer">
          ${PRESETS_MIN.map((m) => html`<button class="btn sm" @click=${() => this.start(m * 60_000)}>${m} min</button>`)}
        </div>
        <form class="row" @submit=${(e: Event) => {
          e.preventDefault();
          if (customOk) this.start(Math.round(minutes * 60_000));
        }}>
          <label for="custom-min">Minutes</label>
          <input id="custom-min" class="input narrow" type="number" min="0.1" step="any" max="1440" .value=${this.customMinutes}
            aria-invalid=${customOk ? 'false' : 'true'} @input=${(e: Event) => (this.customMinutes = (e.target as HTMLInputElement).value)} />
          <button class="btn sm" ?disabled=${!customOk}>Start</button>
        </form>
        ${timer.status !== 'idle'
          ? html`<div class="row">
              ${ended ? nothing : this.pauseOrResume(timer.status === 'running')}
              <button class="btn sm" data-focus-next @click=${() => this.actions?.addTime(60_000)}>+1 min</button>
              <button class="btn sm" @click=${() => this.actions?.stopTimer()}>Stop</button>
            </div>`
          : nothing}
      </div>
    </details>`;
  }

  /**
   * One button that turns from Pause into Resume and back: the same element, so a keyboard user who pressed it
   * keeps the focus on it (two templates would replace the element and drop the focus on the page).
   */
  private pauseOrResume(running: boolean) {
    return html`<button class="btn sm" @click=${() => (running ? this.actions?.pauseTimer() : this.actions?.resumeTimer())}>
      ${running ? 'Pause' : 'Resume'}
    </button>`;
  }

  private start(ms: number): void {
    if (this.actions?.startTimer(ms)) announce(`Timer started: ${formatDuration(ms)}.`);
  }
}

customElements.define('jr-panel-timer', JrPanelTimer);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-timer': JrPanelTimer;
  }
}

/**
 * <jr-session-timer>: the workshop timer as everyone sees it: remaining time computed from the server
 * time base (so every screen agrees), a progress bar, "Paused", and a clear cue when time is up (ten seconds
 * of pulse, then a steady red). Fires `jr-timer-ended` once when a running timer it watched reaches zero.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { TimerState } from '../../../shared/session/schema.js';
import { timerRemainingMs } from '../../../shared/session/timer.js';
import type { ServerClock } from '../facilitation/server-clock.js';

/** `m:ss` (or `h:mm:ss`), rounding up so "0:00" only shows when time is really up. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Spoken form: "3 minutes 20 seconds". */
function spoken(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || !m) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

export class JrSessionTimer extends LitElement {
  static override properties = {
    timer: { attribute: false },
    clock: { attribute: false },
    big: { type: Boolean, reflect: true },
    remaining: { state: true },
  };
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      font-variant-numeric: tabular-nums;
    }
    .box {
      display: inline-grid;
      gap: 0.15rem;
      padding: 0.2rem 0.65rem;
      border-radius: 8px;
      border: 2px solid var(--jr-border-strong, #30343b);
      background: var(--jr-surface, #fff);
      min-width: 5.5rem;
      text-align: center;
    }
    .time {
      font-weight: 800;
      font-size: 1.35rem;
      line-height: 1.1;
      letter-spacing: 0.02em;
    }
    .state {
      font-size: 0.72rem;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--jr-muted, #444);
    }
    .bar {
      height: 4px;
      border-radius: 2px;
      background: rgb(0 0 0 / 12%);
      overflow: hidden;
    }
    .bar > span {
      display: block;
      height: 100%;
      background: var(--jr-accent, #2450c9);
    }
    .box.low {
      border-color: #b35c00;
    }
    .box.low .bar > span {
      background: #b35c00;
    }
    .box.ended {
      background: #b3261e;
      border-color: #b3261e;
      color: #fff;
      /* Five pulses (ten half-cycles end where they began), then a steady red: an endless pulse would redraw
         every frame on every phone and laptop until the facilitator resets the timer. */
      animation: pulse 1s ease-in-out 10 alternate;
    }
    .box.ended .state {
      color: #fff;
    }
    .box.paused .time {
      opacity: 0.7;
    }
    :host([big]) .box {
      padding: 0.4rem 1.4rem;
      border-width: 4px;
      border-radius: 14px;
      min-width: 12rem;
    }
    :host([big]) .time {
      font-size: 4.2rem;
    }
    :host([big]) .state {
      font-size: 1.1rem;
    }
    :host([big]) .bar {
      height: 8px;
    }
    @keyframes pulse {
      from {
        filter: brightness(1);
      }
      to {
        filter: brightness(1.25);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .box.ended {
        animation: none;
      }
    }
  `;

  declare timer: TimerState | undefined;
  declare clock: ServerClock | undefined;
  declare big: boolean;
  declare remaining: number;
  private tick: ReturnType<typeof setInterval> | undefined;
  /** the `endsAt` of the running timer we saw with time left: a cue fires only for a timer seen running */
  private watchedEnd: number | null = null;
  private unsubscribeClock: (() => void) | undefined;

  constructor() {
    super();
    this.timer = undefined;
    this.clock = undefined;
    this.big = false;
    this.remaining = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTick();
    this.unsubscribeClock?.();
    this.unsubscribeClock = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate('timer');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('clock')) {
      this.unsubscribeClock?.();
      this.unsubscribeClock = this.clock?.subscribe(() => this.update1());
    }
    if (changed.has('timer') || changed.has('clock')) {
      this.remaining = this.compute();
      if (this.timer?.status === 'running') {
        if (this.remaining > 0) this.watchedEnd = this.timer.endsAt;
        this.startTick();
      } else {
        this.watchedEnd = null;
        this.stopTick();
      }
    }
  }

  private compute(): number {
    if (!this.timer) return 0;
    return timerRemainingMs(this.timer, this.clock?.now() ?? Date.now());
  }

  private startTick(): void {
    if (this.tick !== undefined) return;
    this.tick = setInterval(() => this.update1(), 250);
  }

  private stopTick(): void {
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
  }

  private update1(): void {
    const remaining = this.compute();
    if (Math.ceil(remaining / 1000) !== Math.ceil(this.remaining / 1000)) this.remaining = remaining;
    if (this.timer?.status === 'running' && remaining === 0) {
      this.stopTick();
      this.remaining = 0;
      if (this.watchedEnd !== null && this.watchedEnd === this.timer.endsAt) {
        this.watchedEnd = null;
        this.dispatchEvent(new CustomEvent('jr-timer-ended', { bubbles: true, composed: true }));
      }
    }
  }

  protected override render() {
    const timer = this.timer;
    if (!timer || timer.status === 'idle') return nothing;
    const ended = timer.status === 'running' && this.remaining === 0;
    const paused = timer.status === 'paused';
    const low = !ended && timer.status === 'running' && this.remaining <= Math.min(60_000, timer.durationMs * 0.2);
    const fraction = timer.durationMs > 0 ? Math.min(1, this.remaining / timer.durationMs) : 0;
    const state = ended ? "Time's up" : paused ? 'Paused' : 'Timer';
    const label = ended ? "Timer: time's up" : `Timer${paused ? ', paused' : ''}: ${spoken(this.remaining)} left`;
    return html`<div class="box ${ended ? 'ended' : ''} ${paused ? 'paused' : ''} ${low ? 'low' : ''}" role="timer" aria-label=${label} data-state=${ended ? 'ended' : timer.status}>
      <span class="state" aria-hidden="true">${state}</span>
      <span class="time" aria-hidden="true">${formatRemaining(this.remaining)}</span>
      <span class="bar" aria-hidden="true"><span style="width:${(fraction * 100).toFixed(1)}%"></span></span>
    </div>`;
  }
}

customElements.define('jr-session-timer', JrSessionTimer);

declare global {
  interface HTMLElementTagNameMap {
    'jr-session-timer': JrSessionTimer;
  }
}

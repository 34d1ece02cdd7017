/**
 * Runs a facilitator panel section's HTTP actions one at a time with a busy key, and shows what
 * happened (or what failed) as a notice in that section, also announced to screen readers.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ApiError } from '../session/api-client.js';
import { announce } from '../ui/announce.js';

/** The text of a failed request, as the section shows it. */
export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/** Busy flag and notice of one panel section; the host re-renders when either changes. */
export class PanelTaskController implements ReactiveController {
  /** Key of the action in flight, if any. */
  busy: string | undefined = undefined;
  private notice: { text: string; error: boolean } | undefined = undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A notice belongs to the moment it was given: a section put back on the page starts without one. */
  hostDisconnected(): void {
    this.notice = undefined;
  }

  /** Shows a notice (an alert when `error`) and announces it. */
  say(text: string, error = false): void {
    this.notice = { text, error };
    this.host.requestUpdate();
    announce(text);
  }

  /** Runs an action unless another is in flight; a failure becomes an error notice. */
  async run(key: string, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.setBusy(key);
    try {
      await fn();
    } catch (error) {
      this.say(errorText(error), true);
    } finally {
      this.setBusy(undefined);
    }
  }

  /** The current notice, or nothing. */
  renderNotice() {
    const n = this.notice;
    if (!n) return nothing;
    return html`<p class=${n.error ? 'error-box' : 'notice'} role=${n.error ? 'alert' : 'status'}>${n.text}</p>`;
  }

  private setBusy(key: string | undefined): void {
    this.busy = key;
    this.host.requestUpdate();
  }
}

/**
 * Re-renders a host when the board connection's status changes (see session/connection-status.ts), or only
 * when `matters` says the change matters to it: a view that shows the banner through a <jr-connection-banner
 * .status> need not render again for every saving ↔ saved of each keystroke.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionStatus, ConnectionView } from '../session/connection-status.js';

export class ConnectionController implements ReactiveController {
  view: ConnectionView;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly status: ConnectionStatus,
    private readonly matters: (before: ConnectionView, after: ConnectionView) => boolean = () => true,
  ) {
    this.view = status.current;
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.status.subscribe((view) => {
      const before = this.view;
      this.view = view;
      if (this.matters(before, view)) this.host.requestUpdate();
    });
    this.view = this.status.current;
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

/** Re-renders a host when the board connection's status changes (see session/connection-status.ts). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionStatus, ConnectionView } from '../session/connection-status.js';

export class ConnectionController implements ReactiveController {
  view: ConnectionView;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly status: ConnectionStatus,
  ) {
    this.view = status.current;
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.status.subscribe((view) => {
      this.view = view;
      this.host.requestUpdate();
    });
    this.view = this.status.current;
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

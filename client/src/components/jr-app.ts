/** <jr-app>: the application shell: picks the view for the current address and hosts the live region. */
import { LitElement, css, html } from 'lit';
import { parseRoute, type Route } from '../session/credentials.js';
import { sharedStyles } from '../styles/shared-styles.js';
import '../views/jr-board-view.js';
import '../views/jr-join-code-view.js';
import '../views/jr-start-view.js';
import './jr-live-region.js';

export class JrApp extends LitElement {
  static override properties = { route: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .center {
        max-width: 34rem;
        margin: 0 auto;
        padding: 3rem 1rem;
      }
    `,
  ];

  declare route: Route;

  constructor() {
    super();
    this.route = parseRoute(location.pathname);
  }

  protected override render() {
    const route = this.route;
    const view =
      route.kind === 'start'
        ? html`<jr-start-view></jr-start-view>`
        : route.kind === 'board'
          ? html`<jr-board-view board-id=${route.boardId}></jr-board-view>`
          : route.kind === 'join'
            ? html`<jr-join-code-view .code=${route.code}></jr-join-code-view>`
          : html`<div class="center" role="alert">
              <h1>Page not found</h1>
              <p>There is nothing at this address. Board links look like <code>/b/…#token=…</code>.</p>
              <a class="btn" href="/">Go to the start page</a>
            </main>`;
    return html`<jr-live-region></jr-live-region>${view}`;
  }
}

customElements.define('jr-app', JrApp);

declare global {
  interface HTMLElementTagNameMap {
    'jr-app': JrApp;
  }
}

/** <jr-panel-attendance>: the facilitator panel's attendance section: who joined, as what, when and for how long. */
import { LitElement, css, html, nothing } from 'lit';
import type { AttendanceEntry } from '../../../shared/session/schema.js';
import { PanelTaskController } from '../controllers/panel-task-controller.js';
import { fetchAttendance } from '../facilitation/facilitation-api.js';
import { panelSectionStyles } from '../styles/panel-styles.js';
import { sharedStyles } from '../styles/shared-styles.js';
import { formatDuration } from '../ui/duration-format.js';

/** How an attendee took part: customer, facilitator, or the stakeholder's department. */
function attendeeRole(a: AttendanceEntry): string {
  return a.role === 'customer' ? 'Customer' : a.role === 'facilitator' ? 'Facilitator' : a.department || 'Stakeholder';
}

/** The attendance section of the facilitator panel; loads the list each time it is opened. */
export class JrPanelAttendance extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    token: { attribute: false },
    attendance: { state: true },
  };
  static override styles = [
    sharedStyles,
    panelSectionStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.9em;
      }
      th,
      td {
        text-align: left;
        padding: 0.25rem 0.3rem;
        border-bottom: 1px solid var(--jr-border);
        vertical-align: top;
      }
    `,
  ];

  declare boardId: string;
  declare token: string;
  declare attendance: AttendanceEntry[] | undefined;
  private readonly task = new PanelTaskController(this);

  constructor() {
    super();
    this.boardId = '';
    this.token = '';
    this.attendance = undefined;
  }

  protected override render() {
    const list = this.attendance;
    return html`<details @toggle=${(e: Event) => {
      if ((e.target as HTMLDetailsElement).open) void this.loadAttendance();
    }}>
      <summary>Attendance ${list ? html`<span class="badge">${list.length}</span>` : nothing}</summary>
      <div class="body">
        <div class="row"><button class="btn sm" ?disabled=${this.task.busy === 'attendance'} @click=${() => void this.loadAttendance()}>Refresh</button></div>
        ${this.task.renderNotice()}
        ${list && list.length
          ? html`<table>
              <caption class="visually-hidden">Who joined the board</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">As</th><th scope="col">Joined</th><th scope="col">Time</th></tr></thead>
              <tbody>
                ${list.map(
                  (a) => html`<tr>
                    <td>${a.name}</td>
                    <td>${attendeeRole(a)}</td>
                    <td>${a.firstJoinedAt ? new Date(a.firstJoinedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '—'}</td>
                    <td>${formatDuration(a.totalMs)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : list
            ? html`<p class="muted" style="margin:0">Nobody has joined yet.</p>`
            : nothing}
      </div>
    </details>`;
  }

  private async loadAttendance(): Promise<void> {
    await this.task.run('attendance', async () => {
      this.attendance = await fetchAttendance(this.boardId, this.token);
    });
  }
}

customElements.define('jr-panel-attendance', JrPanelAttendance);

declare global {
  interface HTMLElementTagNameMap {
    'jr-panel-attendance': JrPanelAttendance;
  }
}

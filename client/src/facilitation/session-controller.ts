/**
 * Keeps a host's view of the session doc and of this member's drafts current: re-reads them (readSession,
 * readDrafts) at most once per animation frame after changes, and re-renders the host.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { readDrafts, type Draft } from '../../../shared/session/drafts.js';
import { readSession } from '../../../shared/session/read.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import type { FacilitationSession } from './facilitation-session.js';

export class SessionController implements ReactiveController {
  /** the session doc as plain data */
  session: SessionSnapshot;
  /** this member's private drafts (empty for the projector) */
  drafts: Draft[] = [];
  private frame = 0;
  private readonly docs: Y.Doc[];

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly facilitation: FacilitationSession,
  ) {
    this.session = readSession(facilitation.sessionDoc);
    this.docs = [facilitation.sessionDoc, ...(facilitation.privateDoc ? [facilitation.privateDoc] : [])];
    host.addController(this);
  }

  hostConnected(): void {
    for (const doc of this.docs) doc.on('update', this.onChange);
    this.refresh();
  }

  hostDisconnected(): void {
    for (const doc of this.docs) doc.off('update', this.onChange);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private readonly onChange = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  private refresh(): void {
    this.session = readSession(this.facilitation.sessionDoc);
    this.drafts = this.facilitation.privateDoc ? readDrafts(this.facilitation.privateDoc) : [];
    this.host.requestUpdate();
  }
}

/**
 * Keeps a host's view of the session doc and of this member's drafts current: re-reads them (readSession,
 * readDrafts) at most once per animation frame after changes, and re-renders the host.
 */
import type { ReactiveControllerHost } from 'lit';
import { readDrafts, type Draft } from '../../../shared/session/drafts.js';
import { readSession } from '../../../shared/session/read.js';
import type { SessionSnapshot } from '../../../shared/session/schema.js';
import { FrameScheduledController, onDocUpdates } from '../controllers/frame-scheduled-controller.js';
import type { FacilitationSession } from './facilitation-session.js';

/** The session doc and this member's drafts as plain data, re-read after each batch of updates. */
export class SessionController {
  /** the session doc as plain data */
  session: SessionSnapshot;
  /** this member's private drafts (empty for the projector) */
  drafts: Draft[] = [];

  constructor(
    host: ReactiveControllerHost,
    readonly facilitation: FacilitationSession,
  ) {
    this.session = readSession(facilitation.sessionDoc);
    const docs = [facilitation.sessionDoc, ...(facilitation.privateDoc ? [facilitation.privateDoc] : [])];
    new FrameScheduledController(host, onDocUpdates(docs), () => this.refresh());
  }

  private refresh(): void {
    this.session = readSession(this.facilitation.sessionDoc);
    this.drafts = this.facilitation.privateDoc ? readDrafts(this.facilitation.privateDoc) : [];
  }
}

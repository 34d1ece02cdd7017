/**
 * The facilitator's session actions, bound to the session doc, the server clock and one origin. Each method is
 * one write function of shared/session/write.ts with the server time filled in; invalid input is reported
 * through `onError` instead of thrown, so components never have to catch.
 */
import * as write from '../../../shared/session/write.js';
import type { FacilitationSession } from './facilitation-session.js';

export class FacilitatorActions {
  constructor(
    private readonly facilitation: FacilitationSession,
    private readonly onError: (message: string) => void,
  ) {}

  private get doc() {
    return this.facilitation.sessionDoc;
  }

  private get origin() {
    return this.facilitation.localOrigin;
  }

  private now(): number {
    return this.facilitation.clock.now();
  }

  private run(what: string, fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      const message = error instanceof write.SessionWriteError ? error.message : String(error);
      this.onError(`Could not ${what}: ${message}`);
      if (!(error instanceof write.SessionWriteError)) console.error(error);
      return false;
    }
  }

  setPhase(phaseId: string | null): boolean {
    return this.run('change the phase', () => write.setPhase(this.doc, phaseId, this.origin));
  }

  addPhase(title: string): string | undefined {
    let id: string | undefined;
    this.run('add the phase', () => (id = write.addPhase(this.doc, title, undefined, this.origin)));
    return id;
  }

  renamePhase(phaseId: string, title: string): boolean {
    return this.run('rename the phase', () => write.renamePhase(this.doc, phaseId, title, this.origin));
  }

  movePhase(phaseId: string, index: number): boolean {
    return this.run('move the phase', () => write.movePhase(this.doc, phaseId, index, this.origin));
  }

  removePhase(phaseId: string): boolean {
    return this.run('remove the phase', () => write.removePhase(this.doc, phaseId, this.origin));
  }

  startTimer(durationMs: number): boolean {
    return this.run('start the timer', () => write.startTimer(this.doc, durationMs, this.now(), this.origin));
  }

  pauseTimer(): boolean {
    return this.run('pause the timer', () => write.pauseTimer(this.doc, this.now(), this.origin));
  }

  resumeTimer(): boolean {
    return this.run('resume the timer', () => write.resumeTimer(this.doc, this.now(), this.origin));
  }

  addTime(ms: number): boolean {
    return this.run('add time', () => write.addTime(this.doc, ms, this.now(), this.origin));
  }

  stopTimer(): boolean {
    return this.run('stop the timer', () => write.stopTimer(this.doc, this.origin));
  }

  openVote(input: write.OpenVoteInput): boolean {
    return this.run('open the vote', () => write.openVote(this.doc, input, this.now(), this.origin));
  }

  closeVote(): boolean {
    return this.run('close the vote', () => write.closeVote(this.doc, this.now(), this.origin));
  }

  setPrivateMode(on: boolean): boolean {
    return this.run(on ? 'start the silent brainstorm' : 'end the silent brainstorm', () => write.setPrivateMode(this.doc, on, this.now(), this.origin));
  }

  setLocked(locked: boolean): boolean {
    return this.run(locked ? 'lock the board' : 'unlock the board', () => write.setLocked(this.doc, locked, this.origin));
  }

  /** Opens or closes structure editing / deleting others' notes to participants. */
  setPermissions(patch: { structure?: boolean; deleteAnyNote?: boolean }): boolean {
    return this.run('change what participants may do', () => write.setPermissions(this.doc, patch, this.origin));
  }

  setFocus(target: { kind: 'stage' | 'note'; id: string } | null): boolean {
    return this.run('set the focus', () => write.setFocus(this.doc, target, this.now(), this.origin));
  }
}

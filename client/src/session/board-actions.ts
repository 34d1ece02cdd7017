/**
 * The user actions of the board UI, bound to one doc, origin and author. Each method is one write
 * function of shared/board/write.ts; invalid input is reported through `onError` instead of thrown, so a
 * component never has to catch. This person's own changes can be undone and redone (see own-undo.ts).
 */
import type * as Y from 'yjs';
import type { Author, LaneKind, Persona } from '../../../shared/board/schema.js';
import * as write from '../../../shared/board/write.js';
import { OwnUndo, type DeletionHandle } from './own-undo.js';

/** What was deleted, for the undo toast. */
export interface Deletion {
  kind: 'note' | 'stage' | 'lane';
  label: string;
}

export class BoardActions {
  /** Origin of deletions, so the undo history knows which step the deletion toast may revert. */
  private readonly deleteOrigin = { source: 'journeyroom-delete' } as const;
  /** Undo and redo of this person's own changes (never another person's). */
  readonly history: OwnUndo;

  constructor(
    readonly doc: Y.Doc,
    /** origin of every other local transaction */
    readonly origin: object,
    /** who is writing; undefined on read-only views */
    readonly author: Author | undefined,
    private readonly onError: (message: string) => void,
  ) {
    this.history = new OwnUndo(doc, { edit: origin, delete: this.deleteOrigin });
  }

  /** Runs a write; reports BoardWriteError and any other failure to the person. Returns success. */
  private run(what: string, fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      const message = error instanceof write.BoardWriteError ? error.message : String(error);
      this.onError(`Could not ${what}: ${message}`);
      if (!(error instanceof write.BoardWriteError)) console.error(error);
      return false;
    }
  }

  /** Runs a write that returns an id; undefined when it failed (already reported). */
  private create(what: string, fn: () => string): string | undefined {
    let id: string | undefined;
    this.run(what, () => {
      id = fn();
    });
    return id;
  }

  setTitle(title: string): boolean {
    return this.run('rename the board', () => write.setTitle(this.doc, title, this.origin));
  }

  updatePersona(patch: Partial<Persona>): boolean {
    return this.run('update the persona', () => write.updatePersona(this.doc, patch, this.origin));
  }

  addStage(title: string, index?: number): string | undefined {
    return this.create('add a stage', () => write.addStage(this.doc, title, index, this.origin));
  }

  renameStage(stageId: string, title: string): boolean {
    return this.run('rename the stage', () => write.renameStage(this.doc, stageId, title, this.origin));
  }

  moveStage(stageId: string, index: number): void {
    this.run('move the stage', () => write.moveStage(this.doc, stageId, index, this.origin));
  }

  removeStage(stageId: string): boolean {
    return this.run('delete the stage', () => write.removeStage(this.doc, stageId, this.deleteOrigin));
  }

  addLane(title: string, kind: LaneKind, index?: number): string | undefined {
    return this.create('add a lane', () => write.addLane(this.doc, title, kind, index, this.origin));
  }

  renameLane(laneId: string, title: string): boolean {
    return this.run('rename the lane', () => write.renameLane(this.doc, laneId, title, this.origin));
  }

  moveLane(laneId: string, index: number): void {
    this.run('move the lane', () => write.moveLane(this.doc, laneId, index, this.origin));
  }

  removeLane(laneId: string): boolean {
    return this.run('delete the lane', () => write.removeLane(this.doc, laneId, this.deleteOrigin));
  }

  addNote(stageId: string, laneId: string): string | undefined {
    const author = this.author;
    if (!author) return undefined;
    return this.create('add a note', () => write.addNote(this.doc, { stageId, laneId, author }, this.origin));
  }

  setNoteText(noteId: string, text: string): void {
    this.run('edit the note', () => write.setNoteText(this.doc, noteId, text, this.origin));
  }

  moveNote(noteId: string, target: write.NoteTarget): void {
    this.run('move the note', () => write.moveNote(this.doc, noteId, target, this.origin));
  }

  deleteNote(noteId: string): boolean {
    return this.run('delete the note', () => write.deleteNote(this.doc, noteId, this.deleteOrigin));
  }

  setEmotion(noteId: string, emotion: number | null): void {
    this.run('set the feeling', () => write.setEmotion(this.doc, noteId, emotion, this.origin));
  }

  setMomentOfTruth(noteId: string, value: boolean): void {
    this.run('flag the moment of truth', () => write.setMomentOfTruth(this.doc, noteId, value, this.origin));
  }

  /** The deletion just made, for the toast's Undo (see undoDeletion). */
  lastDeletion(): DeletionHandle | undefined {
    return this.history.takeDeletion();
  }

  /** Restores a deletion (with everything it removed) while it is still this person's latest change. */
  undoDeletion(deletion: DeletionHandle): boolean {
    return this.history.undoDeletion(deletion);
  }

  /** Stops tracking; call when the board closes. */
  dispose(): void {
    this.history.destroy();
  }
}

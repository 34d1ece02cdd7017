/**
 * Undo and redo of this person's own changes to a board doc: a Y.UndoManager over the board's roots that
 * tracks only this client's local transaction origins, so another person's edit is never undone (their
 * changes arrive with the provider as origin). Also remembers which stack entry is a deletion, so the
 * deletion toast's "Undo" restores exactly that deletion and nothing else.
 */
import * as Y from 'yjs';
import { boardRoots } from '../../../shared/board/doc.js';

/** Typing within this pause is one undo step (a word, not a letter); any other change is a step of its own. */
export const UNDO_CAPTURE_MS = 600;

/** Whether a transaction only typed into texts (the only kind of change that merges into one step). */
function onlyTyping(transaction: Y.Transaction): boolean {
  for (const type of transaction.changed.keys()) if (!(type instanceof Y.Text)) return false;
  return true;
}

/** What undo and redo can do now, for the toolbar buttons. */
export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** A deletion that the toast may still undo. */
export interface DeletionHandle {
  readonly item: object;
}

export class OwnUndo {
  private readonly manager: Y.UndoManager;
  private readonly listeners = new Set<(state: UndoState) => void>();
  private readonly deleteOrigin: object;
  private lastDeletion: object | undefined;

  constructor(
    private readonly doc: Y.Doc,
    origins: { edit: object; delete: object },
  ) {
    const { meta, persona, stages, lanes, notes } = boardRoots(doc);
    this.deleteOrigin = origins.delete;
    // Ordering: doc handlers run in the order they were added. This one runs before the manager's, so a
    // move, a dot or a deletion never joins the typing just before it; `afterStep` (added after the
    // manager) keeps the typing just after it out of its step.
    doc.on('afterTransaction', this.beforeStep);
    this.manager = new Y.UndoManager([meta, persona, stages, lanes, notes], {
      trackedOrigins: new Set([origins.edit, origins.delete]),
      captureTimeout: UNDO_CAPTURE_MS,
    });
    doc.on('afterTransaction', this.afterStep);
    this.manager.on('stack-item-added', this.onAdded);
    this.manager.on('stack-item-popped', this.notify);
    this.manager.on('stack-cleared', this.notify);
  }

  get state(): UndoState {
    return { canUndo: this.manager.canUndo(), canRedo: this.manager.canRedo() };
  }

  /** Calls `listener` whenever what undo/redo can do may have changed; returns the unsubscribe function. */
  subscribe(listener: (state: UndoState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Undoes this person's last change; false when there is none. */
  undo(): boolean {
    return this.manager.undo() !== null;
  }

  /** Redoes the last undone change; false when there is none. */
  redo(): boolean {
    return this.manager.redo() !== null;
  }

  /** The deletion just made, for the toast (call right after a successful deletion). */
  takeDeletion(): DeletionHandle | undefined {
    const item = this.lastDeletion;
    return item ? { item } : undefined;
  }

  /**
   * Undoes `deletion` if it is still this person's latest change. When something came after, undoing it
   * would also revert that later change, so it refuses (Ctrl+Z still walks back step by step).
   */
  undoDeletion(deletion: DeletionHandle): boolean {
    const top = this.manager.undoStack[this.manager.undoStack.length - 1];
    if (top !== deletion.item) return false;
    return this.undo();
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.beforeStep);
    this.doc.off('afterTransaction', this.afterStep);
    this.manager.off('stack-item-added', this.onAdded);
    this.manager.off('stack-item-popped', this.notify);
    this.manager.off('stack-cleared', this.notify);
    this.manager.destroy();
    this.listeners.clear();
  }

  private readonly beforeStep = (transaction: Y.Transaction): void => {
    if (!onlyTyping(transaction)) this.manager.stopCapturing();
  };

  private readonly afterStep = (transaction: Y.Transaction): void => {
    if (!onlyTyping(transaction)) this.manager.stopCapturing();
  };

  private readonly onAdded = (event: { stackItem: object; origin: unknown; type: 'undo' | 'redo' }): void => {
    if (event.type === 'undo') this.lastDeletion = event.origin === this.deleteOrigin ? event.stackItem : undefined;
    this.notify();
  };

  private readonly notify = (): void => {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  };
}

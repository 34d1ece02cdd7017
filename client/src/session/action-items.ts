/**
 * The action-item writes of the board UI, bound to one doc, origin and author like BoardActions: each method is
 * one function of shared/board/action-write.ts, and invalid input is reported through `onError`, never thrown.
 */
import type * as Y from 'yjs';
import * as write from '../../../shared/board/action-write.js';
import type { ActionPatch } from '../../../shared/board/actions.js';
import { BoardWriteError } from '../../../shared/board/write.js';

export class ActionItems {
  constructor(
    readonly doc: Y.Doc,
    readonly origin: object,
    /** stamped as the action's author */
    readonly authorName: string,
    private readonly onError: (message: string) => void,
  ) {}

  private run(what: string, fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      this.onError(`Could not ${what}: ${error instanceof BoardWriteError ? error.message : String(error)}`);
      if (!(error instanceof BoardWriteError)) console.error(error);
      return false;
    }
  }

  /** Adds an action; returns its id, or undefined when the input was refused (already reported). */
  add(input: Omit<write.AddActionInput, 'authorName' | 'id' | 'carriedFrom'>): string | undefined {
    let id: string | undefined;
    this.run('add the action', () => {
      id = write.addAction(this.doc, { ...input, authorName: this.authorName }, this.origin);
    });
    return id;
  }

  update(actionId: string, patch: ActionPatch): boolean {
    return this.run('change the action', () => write.updateAction(this.doc, actionId, patch, this.origin));
  }

  remove(actionId: string): boolean {
    return this.run('delete the action', () => write.removeAction(this.doc, actionId, this.origin));
  }
}

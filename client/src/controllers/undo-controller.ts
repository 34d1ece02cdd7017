/**
 * Undo and redo of this person's own board changes from the keyboard (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y; Cmd
 * on a Mac) and from the toolbar buttons; re-renders the host when what can be undone changes. Text fields
 * other than note texts (persona, titles, dialogs) keep the browser's own undo of what is being typed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OwnUndo, UndoState } from '../session/own-undo.js';
import { announce } from '../ui/announce.js';

/** Whether a key press asks for undo, redo, or neither. */
export function undoCommand(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}

/** Whether the key press happened in a field whose own undo the browser should handle. */
function inOtherTextField(path: readonly EventTarget[]): boolean {
  const first = path[0];
  const isField = first instanceof HTMLInputElement || first instanceof HTMLTextAreaElement || first instanceof HTMLSelectElement;
  if (!isField) return false;
  // A note's text is bound to the board doc: its undo is the board's (a private draft's is not).
  const noteText = path.some((node) => node instanceof Element && node.localName === 'jr-note-text');
  const draft = path.some((node) => node instanceof Element && node.localName === 'jr-note' && node.hasAttribute('draft'));
  return !noteText || draft;
}

export class UndoController implements ReactiveController {
  state: UndoState = { canUndo: false, canRedo: false };
  private history: OwnUndo | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** the board refuses this person's edits now (locked): undo would be refused too */
    private readonly isLocked: () => boolean,
  ) {
    host.addController(this);
  }

  /** Follows this history (the board's actions, made once the session arrives). */
  attach(history: OwnUndo): void {
    this.unsubscribe?.();
    this.history = history;
    this.state = history.state;
    this.unsubscribe = history.subscribe((state) => {
      this.state = state;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Undoes this person's last change and says so. */
  undo(): void {
    if (!this.history || this.isLocked()) return;
    announce(this.history.undo() ? 'Undone.' : 'Nothing to undo.');
  }

  /** Redoes the last undone change and says so. */
  redo(): void {
    if (!this.history || this.isLocked()) return;
    announce(this.history.redo() ? 'Redone.' : 'Nothing to redo.');
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    const command = undoCommand(event);
    if (!command || event.defaultPrevented || inOtherTextField(event.composedPath())) return;
    event.preventDefault();
    if (command === 'undo') this.undo();
    else this.redo();
  };
}

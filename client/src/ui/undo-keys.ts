/** Which key presses mean undo and redo (Ctrl on Windows and Linux, Cmd on a Mac). Pure, for tests. */

/** The modifier and key fields of a keyboard event. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl/Cmd+Z is undo; Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y are redo; anything else is neither. */
export function undoCommand(event: KeyPress): 'undo' | 'redo' | undefined {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return undefined;
}

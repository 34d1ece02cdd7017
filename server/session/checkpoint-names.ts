/**
 * Names of the automatic checkpoint taken before a restore. They never nest: restoring "After the vote" at
 * 14:02 takes "Before restoring 'After the vote' (14:02)"; restoring that one (an undo) takes
 * "Before undoing the restore of 'After the vote' (14:05)"; restoring that (a redo) takes
 * "Before restoring 'After the vote' (14:07)" again. Older names ("Before restoring Before restoring X")
 * are read as a restore of X.
 */

const RESTORE = /^Before restoring '(.*)' \(\d\d:\d\d\)$/s;
const UNDO = /^Before undoing the restore of '(.*)' \(\d\d:\d\d\)$/s;
/** Names written before the quoted form, possibly nested: "Before restoring Before restoring X". */
const LEGACY_RESTORE = /^(?:Before restoring )+(.+)$/s;

/** What an automatic checkpoint name says about the checkpoint it was taken for. */
interface Parsed {
  kind: 'restore' | 'undo' | 'named';
  base: string;
}

function parse(name: string): Parsed {
  const restore = RESTORE.exec(name) ?? LEGACY_RESTORE.exec(name);
  if (restore?.[1]) return { kind: 'restore', base: restore[1] };
  const undo = UNDO.exec(name);
  if (undo?.[1]) return { kind: 'undo', base: undo[1] };
  return { kind: 'named', base: name };
}

/** Hours and minutes of `at` (ms) as HH:MM in `timeZone` (default: the server's, the room's clock). */
function clock(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/**
 * The name of the checkpoint taken at `at` before restoring the checkpoint named `restored`, at most
 * `maxChars` long (a long base name is shortened with an ellipsis, the frame is kept).
 */
export function beforeRestoreName(restored: string, at: number, maxChars: number, timeZone?: string): string {
  const { kind, base } = parse(restored);
  // restoring the state taken before a restore undoes that restore; restoring the state taken before an
  // undo does the restore again
  const frame = kind === 'restore' ? (b: string) => `Before undoing the restore of '${b}' (${clock(at, timeZone)})` : (b: string) => `Before restoring '${b}' (${clock(at, timeZone)})`;
  const room = maxChars - frame('').length;
  const shortened = base.length <= room ? base : `${base.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return frame(shortened);
}

/**
 * Start-up should not grow V8's young generation. Loading the server allocates some 5 MB that lives as long as the
 * process (modules, schemas, routes); V8 grows its semi-spaces when that much survives scavenges, from 1 to 4 MiB
 * each, and the grown space stays resident until V8's memory reducer shrinks it some seconds later. Growing is
 * useless there, since everything that survives is promoted to old space anyway. So the growth factor is 1 while
 * the server loads and V8's own (2) once it listens: under load the young generation grows as before.
 * v8.setFlagsFromString takes effect here because V8 reads this flag each time it considers growing
 * (docs/benchmarks.md). Left alone when the command line sets the young generation's size itself: main.ts hands
 * over node's arguments and NODE_OPTIONS (node's own setting, not one of ours: server/config.ts reads those).
 */
import v8 from 'node:v8';

/** V8's default semi-space growth factor (node --v8-options). */
export const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

/** Whether node's arguments or NODE_OPTIONS already size the young generation. */
function sizedByCommandLine(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((arg) => /^--(max-|min-)?semi[-_]space/.test(arg));
}

/**
 * Holds the young generation at its size until the returned release is called (once, after listening); a second
 * release does nothing.
 */
export function holdYoungGeneration(execArgv: readonly string[], nodeOptions: string | undefined): () => void {
  if (sizedByCommandLine(execArgv, nodeOptions)) return () => undefined;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  let released = false;
  return () => {
    if (released) return;
    released = true;
    v8.setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`);
  };
}
